package io.guildmark.app.issuing;

import java.math.BigDecimal;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.accounts.EmailAddresses;
import io.guildmark.app.notifications.EmailTemplates;
import io.guildmark.app.notifications.Mailer;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.SecretTokens;
import io.guildmark.credentials.jwt.VcJwt;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Awarding micro-credentials: each award is signed twice (an eddsa-rdfc-2022 Data Integrity proof and a VC-JWT),
 * stored with a status list entry, and announced to the recipient with a claim link; revoking flips the entry and
 * re-signs the list in the same transaction.
 */
@Service
public class Awards {

    // One generator for the class: seeding a new SecureRandom on every award is wasted work on the hot path.
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** Looked up once: {@code Json.create…} runs a ServiceLoader scan of the class path on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** What staff (or an integration) ask for. */
    public record AwardRequest(UUID achievementId, String recipientEmail, String recipientName, List<Evidence> evidence,
            @Nullable Instant validFrom, @Nullable Instant validUntil, @Nullable Outcome outcome) {

        public AwardRequest(UUID achievementId, String recipientEmail, String recipientName, List<Evidence> evidence,
                @Nullable Instant validFrom, @Nullable Instant validUntil) {
            this(achievementId, recipientEmail, recipientName, evidence, validFrom, validUntil, null);
        }
    }

    /**
     * How the recipient did, in Open Badges 3.0 terms: the achievement's {@code resultDescription}s (for a rubric, one
     * per criterion with its levels and required level) and the subject's {@code result}s (each achieved level).
     */
    public record Outcome(List<io.guildmark.credentials.ob3.ResultDescription> resultDescriptions,
            List<io.guildmark.credentials.ob3.Result> results) {
        public Outcome {
            resultDescriptions = List.copyOf(resultDescriptions);
            results = List.copyOf(results);
        }
    }

    public record Evidence(@Nullable String narrative, @Nullable String url, @Nullable String name) {}

    private final JdbcClient db;
    private final Organizations organizations;
    private final AwardableAchievements achievements;
    private final IssuerKeys keys;
    private final StatusLists statusLists;
    private final IssuerDocuments issuerDocuments;
    private final Mailer mailer;
    private final EmailTemplates templates;
    private final GuildmarkSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final io.guildmark.app.accounts.Accounts accounts;
    private final EmailAddresses emails;
    private final io.guildmark.app.accounts.AccountDids accountDids;
    private final io.guildmark.app.shared.GroupedInserts inserts;

    private final io.guildmark.app.shared.AuditTrail audit;

    /** Employers' endorsements of the micro-credential and of the issuer, embedded in every credential issued (answered from memory). */
    private final io.guildmark.app.shared.@Nullable AchievementEndorsements endorsements;

    Awards(io.guildmark.app.accounts.Accounts accounts, EmailAddresses emails, io.guildmark.app.accounts.AccountDids accountDids, JdbcClient db, Organizations organizations, AwardableAchievements achievements, IssuerKeys keys, StatusLists statusLists,
            IssuerDocuments issuerDocuments, Mailer mailer, GuildmarkSettings settings, ApplicationEventPublisher events, Clock clock,
            io.guildmark.app.shared.GroupedInserts inserts, EmailTemplates templates, io.guildmark.app.shared.AuditTrail audit,
            Optional<io.guildmark.app.shared.AchievementEndorsements> endorsements) {
        this.endorsements = endorsements.orElse(null);
        this.templates = templates;
        this.audit = audit;
        this.accounts = accounts;
        this.emails = emails;
        this.accountDids = accountDids;
        this.inserts = inserts;
        this.db = db;
        this.organizations = organizations;
        this.achievements = achievements;
        this.keys = keys;
        this.statusLists = statusLists;
        this.issuerDocuments = issuerDocuments;
        this.mailer = mailer;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** How long an e-mailed claim link works; staff can send a new one (see {@link Claims#renewLink}). */
    static final java.time.Duration CLAIM_LINK_VALIDITY = java.time.Duration.ofDays(90);

    public String credentialUrl(UUID awardId) {
        return settings.url("/credentials/" + awardId);
    }

    /**
     * Issues an award in one short transaction: the status list entry comes first, from the block of entries this node
     * reserved (see {@link StatusLists#allocate(Organization, io.guildmark.credentials.status.StatusPurpose)}; the list's row lock, which keeps two
     * awards from sharing an entry, is held only while a block is reserved), then the credential is signed holding no
     * connection, then the signed award, its e-mail and the rows its event's listeners add are written together: one
     * statement on PostgreSQL, atomic without a transaction of its own (see {@link io.guildmark.app.shared.GroupedInserts}).
     * Inside a caller's transaction the entry and the award are taken and stored in it, as before. An award that fails after its entry was taken leaves that entry
     * unused: never set, referenced by no credential, so it reads "not revoked" to no one.
     *
     * <p>Every award takes its locks in one order: what its caller holds (an earned award: the enrollment row), then
     * the status list row, then the new award row; no award path locks the organization's row, which the insert into
     * awards needs to share for its foreign key.
     */
    public Award award(Actor actor, String slug, AwardRequest request) {
        return issue(organizations.require(actor, slug, Permission.ISSUE), true, request, null, actor);
    }

    /**
     * Issues an award another module has found due (a learner met every requirement); the caller has done the
     * deciding, so no person's permission is checked here.
     */
    public Award awardEarned(UUID organizationId, AwardRequest request) {
        return issue(organizations.findById(organizationId).orElseThrow(() -> Problem.notFound("The organization")), true, request, null, null);
    }

    /**
     * Issues the award of one row of a bulk job, keyed by the row ({@code issueKey}, unique among awards): a row run
     * again after a crash finds its award ({@link #idByIssueKey}) and a racing second insert fails on the key, so no
     * row is ever awarded twice.
     */
    Award issueOnce(Organization org, AwardRequest request, String issueKey, @Nullable Actor awardedBy) {
        return issue(org, false, request, issueKey, awardedBy);
    }

    /** The award issued for a bulk job's row, if any. */
    Optional<UUID> idByIssueKey(String issueKey) {
        return db.sql("select id from awards where issue_key = ?").param(issueKey).query(UUID.class).optional();
    }

    /**
     * An active (not revoked, not declined, not expired) award of the micro-credential sent to this address by the
     * organization, for the duplicate check of bulk jobs.
     */
    Optional<UUID> activeAwardTo(UUID organizationId, String email, UUID achievementId) {
        // Only the recipient's address in the where: a person holds a handful of awards, and that index finds them
        // whatever PostgreSQL believes of the table. With every condition in the where (and "order by issued_at desc
        // limit 1") it chose the organization's index while its statistics lagged a big job, reading every award per row.
        record Held(UUID id, Instant issuedAt, UUID organizationId, UUID achievementId, String state, String claimState, @Nullable Instant validUntil) {}
        Instant now = clock.instant();
        return db.sql("select id, issued_at, organization_id, achievement_id, state, claim_state, valid_until from awards where recipient_email = ?")
                .param(email).query((rs, n) -> new Held(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
                .list().stream()
                .filter(h -> h.organizationId().equals(organizationId) && h.achievementId().equals(achievementId) && "active".equals(h.state())
                        && !"declined".equals(h.claimState()) && (h.validUntil() == null || h.validUntil().isAfter(now)))
                .max(java.util.Comparator.comparing(Held::issuedAt)).map(Held::id);
    }

    /**
     * {@code orgReadNow}: the organization was read from the database in this request, so its approval as read is
     * current; a bulk job's organization, read when the job started, is checked again.
     */
    private Award issue(Organization org, boolean orgReadNow, AwardRequest request, @Nullable String issueKey, @Nullable Actor awardedBy) {
        // Vetting holds here, before the status list entry is taken: a refused award writes nothing.
        IssuerKeys.AwardKeys signingKeys = orgReadNow ? keys.awardKeysAsRead(org) : keys.awardKeys(org);
        Map<String, String> errors = new LinkedHashMap<>();
        EmailAddress email = null;
        try {
            email = EmailAddress.of(request.recipientEmail());
        } catch (Problem p) {
            errors.put("recipient.email", "Enter the recipient's e-mail address.");
        }
        String name = request.recipientName() == null ? "" : request.recipientName().strip();
        if (name.isEmpty() || name.length() > 200) errors.put("recipient.name", "Enter the recipient's name (at most 200 characters).");
        List<Credentials.EvidenceItem> evidence = new ArrayList<>();
        List<Evidence> given = request.evidence() == null ? List.of() : request.evidence();
        if (given.size() > 20) errors.put("evidence", "At most 20 pieces of evidence.");
        for (int i = 0; i < given.size() && i < 20; i++) {
            Evidence e = given.get(i);
            if (e == null) continue;
            String narrative = blankToNull(e.narrative());
            String url = blankToNull(e.url());
            String title = blankToNull(e.name());
            if (narrative == null && url == null) {
                errors.put("evidence[" + i + "]", "Give a narrative or a URL for each piece of evidence.");
                continue;
            }
            if (narrative != null && narrative.length() > 10_000) errors.put("evidence[" + i + "].narrative", "Keep the narrative under 10,000 characters.");
            if (url != null && !isWebAddress(url)) errors.put("evidence[" + i + "].url", "The evidence URL must be an http(s) address.");
            if (title != null && title.length() > 200) errors.put("evidence[" + i + "].name", "Keep the title under 200 characters.");
            evidence.add(new Credentials.EvidenceItem(narrative, url, title));
        }
        if (request.achievementId() == null) errors.put("achievementId", "Choose the micro-credential to award.");
        // Dates beyond four-digit years overflow the database's timestamps and would be stored as other dates.
        if (!withinSaneYears(request.validFrom())) errors.put("validFrom", "Give a date between the years 1900 and 9999.");
        if (!withinSaneYears(request.validUntil())) errors.put("validUntil", "Give a date between the years 1900 and 9999.");
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);

        // An organization read in this request has current stamps, so what this node keeps under them is current too; a
        // bulk job's, read when the job started, does not: its keys and micro-credential are read afresh.
        AwardableAchievements.Awardable achievement = orgReadNow ? achievements.awardableAsRead(org, request.achievementId())
                : achievements.awardable(org, request.achievementId());
        Instant now = clock.instant();
        Instant validFrom = request.validFrom() != null ? request.validFrom() : now;
        Instant validUntil = request.validUntil();
        if (validUntil == null && achievement.validityMonths() != null) {
            validUntil = validFrom.atOffset(ZoneOffset.UTC).plusMonths(achievement.validityMonths()).toInstant();
        }
        if (validUntil != null && !validUntil.isAfter(validFrom)) throw Problem.invalidField("validUntil", "The expiry must come after the issue date.");

        UUID id = UUID.randomUUID();
        String salt = HexFormat.of().formatHex(randomBytes(16));
        boolean oneEdTech = "1EdTechRevocationList".equals(org.revocationMethod());
        StatusLists.Entry entry = oneEdTech ? null : statusLists.allocate(org);
        JsonObject status = oneEdTech ? statusLists.revocationListEntry(org) : entry.credentialStatus();
        JsonObject ob3 = achievement.ob3();
        if (request.outcome() != null && !request.outcome().resultDescriptions().isEmpty()) {
            JsonArrayBuilder descriptions = JSON.createArrayBuilder();
            request.outcome().resultDescriptions().forEach(d -> descriptions.add(d.toJson()));
            ob3 = JSON.createObjectBuilder(ob3).add("resultDescription", descriptions).build();
        }
        List<JsonObject> endorsed = endorsements == null ? List.of() : endorsements.signedFor(request.achievementId());
        if (!endorsed.isEmpty()) {
            // OB 3.0 Achievement.endorsement: the full signed EndorsementCredentials, so each verifies on its own.
            JsonArrayBuilder array = JSON.createArrayBuilder();
            endorsed.forEach(array::add);
            ob3 = JSON.createObjectBuilder(ob3).add("endorsement", array).build();
        }
        List<JsonObject> results = request.outcome() == null ? List.of()
                : request.outcome().results().stream().map(io.guildmark.credentials.ob3.Result::toJson).toList();
        JsonObject issuer = issuerDocuments.profileJson(org, false);
        List<JsonObject> issuerEndorsed = endorsements == null ? List.of() : endorsements.signedForAssociation(org.id());
        if (!issuerEndorsed.isEmpty()) {
            // OB 3.0 Profile.endorsement: employers' endorsements of the association itself.
            JsonArrayBuilder array = JSON.createArrayBuilder();
            issuerEndorsed.forEach(array::add);
            issuer = JSON.createObjectBuilder(issuer).add("endorsement", array).build();
        }
        JsonObject unsigned = Credentials.achievementCredential(credentialUrl(id), issuer,
                ob3, results, new Credentials.Recipient(email.value(), name, salt, subjectId(email)), evidence, validFrom, validUntil,
                status, achievement.creditsEarned());
        String signed = signingKeys.signer().sign(unsigned).toString();
        String jwt = signingKeys.jwtKeyId(); // the JWT itself is signed on first request: see jwt(UUID)
        String claimToken = SecretTokens.newToken();
        EmailAddress recipient = email;
        Instant expires = validUntil;
        // One write: the award, its e-mail and what the event's listeners add (audit entry, pathway check, webhook
        // event) are queued and sent together, as one statement on PostgreSQL (see GroupedInserts).
        return Objects.requireNonNull(inserts.together(() -> store(id, org, request.achievementId(), achievement, recipient, name,
                salt, now, validFrom, expires, evidence, signed, jwt, oneEdTech, entry, claimToken, issueKey, awardedBy)));
    }

    private Award store(UUID id, Organization org, UUID achievementId, AwardableAchievements.Awardable achievement, EmailAddress email,
            String name, String salt, Instant now, Instant validFrom, @Nullable Instant validUntil, List<Credentials.EvidenceItem> evidence,
            String signed, String jwt, boolean oneEdTech, StatusLists.@Nullable Entry entry, String claimToken, @Nullable String issueKey,
            @Nullable Actor awardedBy) {
        // Queued in the award's group (see issue): written with the e-mail, the audit entry and the pathway check in one go.
        inserts.insert("""
                insert into awards (id, organization_id, achievement_id, achievement_version, achievement_name, recipient_email, recipient_name,
                  identity_salt, issued_at, valid_from, valid_until, evidence, credential, jwt_key_id, status_method, status_list_id,
                  status_index, state, claim_token_hash, claim_state, claim_link_expires_at, issue_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, 'pending', ?, ?)""",
                id, org.id(), achievementId, achievement.version(), achievement.name(), email.value(), name, salt, Timestamp.from(micros(now)),
                Timestamp.from(micros(validFrom)), validUntil == null ? null : Timestamp.from(micros(validUntil)), evidenceJson(evidence),
                signed, jwt, oneEdTech ? "1EdTechRevocationList" : "BitstringStatusList",
                entry == null ? null : entry.listId(), entry == null ? null : entry.index(), SecretTokens.hash(claimToken),
                Timestamp.from(micros(now.plus(CLAIM_LINK_VALIDITY))), issueKey);
        sendClaimLink(org, achievement.name(), email, name, id, claimToken);
        // The row as inserted (no listener of the event changes it), without reading it back. Its times are stored
        // already cut to the database's precision (microseconds), so the database rounds nothing: these are the row's.
        // Listeners get it with the event: the row is not written yet.
        Award award = new Award(id, org.id(), achievementId, achievement.version(), achievement.name(), email.value(), name, null,
                micros(now), micros(validFrom), validUntil == null ? null : micros(validUntil), "active", null, null, null,
                Award.PENDING, micros(now.plus(CLAIM_LINK_VALIDITY)), NEW_AWARD_VISIBILITY);
        events.publishEvent(new Award.CredentialIssued(award, awardedBy));
        return award;
    }

    /** What the awards table gives a new award (its column default): the holder chooses once they accept it. */
    static final String NEW_AWARD_VISIBILITY = "unlisted";

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /**
     * E-mails the recipient the claim link. The link alone does not claim: the page it opens lets only an account that
     * has verified this address accept (see {@link Claims}).
     */
    void sendClaimLink(Organization org, String achievementName, EmailAddress email, String name, UUID id, String claimToken) {
        sendClaimLink(org, achievementName, email, name, id, claimToken, EmailTemplates.Kind.AWARD);
    }

    /** The claim link in the organization's wording of this kind (the award, or a reminder with a new link). */
    void sendClaimLink(Organization org, String achievementName, EmailAddress email, String name, UUID id, String claimToken,
            EmailTemplates.Kind kind) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        values.put("recipient.name", name);
        values.put("recipient.email", email.value());
        values.put("credential.name", achievementName);
        values.put("organization.name", org.name());
        values.put("claim.url", settings.url("/claim/" + claimToken));
        values.put("claim.days", Long.toString(CLAIM_LINK_VALIDITY.toDays()));
        values.put("credential.url", credentialUrl(id));
        values.put("share.url", credentialUrl(id) + "#share");
        mailer.send(email, templates.render(sender(org, settings), kind, values));
    }

    /** The organization as the sender of its e-mails: its name, and its public logo for the HTML part. */
    public static EmailTemplates.Sender sender(Organization org, GuildmarkSettings settings) {
        return new EmailTemplates.Sender(org.id(), org.name(), org.hasLogo() ? settings.url("/issuers/" + org.slug() + "/logo") : null);
    }

    /** Revokes an award: every copy of the credential fails verification from the next status check on. */
    @Transactional
    public Award revoke(Actor actor, UUID awardId, String reason) {
        Award award = find(awardId).orElseThrow(() -> Problem.notFound("The award"));
        Organization org = organizations.require(actor, award.organizationId(), Permission.ISSUE);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500) throw Problem.invalidField("reason", "Give a reason for the revocation (at most 500 characters).");
        if (award.revoked()) throw Problem.conflict("already-revoked", "This credential is already revoked.");
        db.sql("update awards set state = 'revoked', revoked_at = ?, revocation_reason = ? where id = ?")
                .params(Timestamp.from(clock.instant()), why, awardId).update();
        StoredStatus status = db.sql("select status_list_id, status_index from awards where id = ?").param(awardId)
                .query((rs, n) -> new StoredStatus(rs.getObject(1, UUID.class), (Integer) rs.getObject(2))).single();
        if (status.listId() != null) statusLists.set(org, status.listId(), status.index(), true);
        audit.record(actor, org.id(), "award.revoked", "award", awardId, Map.of("reason", why, "recipient", award.recipientEmail()));
        events.publishEvent(new Award.CredentialRevoked(awardId, org.id(), why));
        return find(awardId).orElseThrow();
    }

    /**
     * The credential subject's id: the DID most recently proven by the account that verified the recipient's address, otherwise
     * an opaque URN (OB 3.0's VC-JWT needs a {@code sub}). A DID linked without proof is never used: anyone can type in
     * someone else's DID.
     */
    private String subjectId(EmailAddress email) {
        return emails.verifiedOwner(email.value())
                .flatMap(owner -> accountDids.provenDids(owner).stream().findFirst())
                .orElseGet(() -> "urn:uuid:" + UUID.randomUUID());
    }

    private static final Instant EARLIEST_DATE = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST_DATE = Instant.parse("9999-12-31T23:59:59Z");

    private static boolean withinSaneYears(@Nullable Instant date) {
        return date == null || (!date.isBefore(EARLIEST_DATE) && !date.isAfter(LATEST_DATE));
    }

    private record StoredStatus(@Nullable UUID listId, @Nullable Integer index) {}

    public Optional<Award> find(UUID id) {
        return db.sql("select " + AWARD_COLUMNS + " from awards where id = ?").param(id).query(Awards::award).optional();
    }

    /** The award, if the actor may see it in the organization's records. */
    public Award require(Actor actor, UUID id) {
        Award award = find(id).orElseThrow(() -> Problem.notFound("The award"));
        organizations.require(actor, award.organizationId(), Permission.SEE_LEARNERS);
        return award;
    }

    public List<Award> list(Actor actor, String slug, int limit) {
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        return db.sql("select * from awards where organization_id = ? order by issued_at desc limit ?").params(org.id(), limit)
                .query(Awards::award).list();
    }

    /** The signed JSON-LD credential as issued. */
    public Optional<String> signedCredential(UUID id) {
        return db.sql("select credential from awards where id = ?").param(id).query(String.class).optional();
    }

    /** The signed JSON-LD credentials of the given awards, by award id (ids with no award are left out). */
    public Map<UUID, String> signedCredentials(java.util.Collection<UUID> ids) {
        Map<UUID, String> credentials = new java.util.HashMap<>();
        if (ids.isEmpty()) return credentials;
        db.sql("select id, credential from awards where id in (:ids)").param("ids", List.copyOf(ids))
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).list()
                .forEach(e -> credentials.put(e.getKey(), e.getValue()));
        return credentials;
    }

    /**
     * The credential as a VC-JWT. It is signed the first time it is asked for (most holders never ask), over the same
     * credential as the Data Integrity form, with the RSA key that was active when the award was made, and then kept.
     */
    public Optional<String> jwt(UUID id) {
        var row = db.sql("select organization_id, credential, jwt, jwt_key_id, issued_at from awards where id = ?").param(id)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant().toString()}).optional();
        if (row.isEmpty()) return Optional.empty();
        if (row.get()[2] != null) return Optional.of(row.get()[2]);
        Organization org = organizations.findById(UUID.fromString(row.get()[0])).orElseThrow();
        JsonObject signed = StatusLists.parse(row.get()[1]);
        JsonObject unsigned = JSON.createObjectBuilder(signed).remove("proof").build();
        // Dated as of the award (iat), so the token is the same whenever it is first asked for.
        Clock issued = Clock.fixed(Instant.parse(row.get()[4]), java.time.ZoneOffset.UTC);
        String jwt = VcJwt.sign(unsigned, keys.jwtKey(org, row.get()[3]), issued);
        // Two first requests at once both sign; the first stored wins and both answer it.
        db.sql("update awards set jwt = ? where id = ? and jwt is null").params(jwt, id).update();
        return db.sql("select jwt from awards where id = ?").param(id).query(String.class).optional();
    }

    /**
     * The awards accepted in an account, as SQL for listings that page and count them together with other credentials
     * (the OB 3.0 API): one row per award with {@code listed_at} (when issued) and {@code id}; the account is the named
     * parameter {@code :user}. Pending awards are left out: they are not yet the person's to share. Backed by
     * {@code awards_holder_idx}.
     */
    public static final String ACCEPTED_BY_USER_SQL =
            "select issued_at as listed_at, id from awards where claim_state = 'accepted' and recipient_user_id = :user";

    /**
     * WHO HOLDS AN AWARD, decided here and nowhere else: the account that accepted it; or, while nobody has accepted or
     * declined it, the account that has verified the address it was sent to. A declined award is nobody's. Every award
     * therefore has at most one holder, so nothing counts a credential for anyone but its recipient, or twice. Revoked
     * and expired awards are included, oldest first: the wallet, the credit ledger, pathways, transcripts and renewals
     * decide themselves what counts.
     */
    public List<Award> heldByUser(UUID userId) {
        List<String> addresses = emails.verifiedEmails(userId);
        if (addresses.isEmpty()) {
            return db.sql("select * from awards where claim_state = 'accepted' and recipient_user_id = ? order by valid_from, issued_at")
                    .param(userId).query(Awards::award).list();
        }
        return db.sql("""
                select * from awards where (claim_state = 'accepted' and recipient_user_id = :user)
                  or (claim_state = 'pending' and recipient_email in (:addresses))
                order by valid_from, issued_at""")
                .param("user", userId).param("addresses", addresses).query(Awards::award).list();
    }

    /**
     * The awards held by whoever an address stands for: the account that verified it ({@link #heldByUser}), or, when no
     * account has, the awards sent to it that nobody has accepted or declined. For modules that know a learner by
     * e-mail (the credit ledger, renewals, pathways, transcripts).
     */
    public List<Award> heldBy(String email) {
        String address = email.strip().toLowerCase(java.util.Locale.ROOT);
        Optional<UUID> owner = emails.verifiedOwner(address);
        if (owner.isPresent()) return heldByUser(owner.get());
        return db.sql("select * from awards where recipient_email = ? and claim_state = 'pending' order by valid_from, issued_at")
                .param(address).query(Awards::award).list();
    }

    /** Whether the address's holder holds a valid (not revoked, not expired) award of the micro-credential. */
    public boolean holds(String email, UUID achievementId) {
        return validAwardsTo(email).stream().anyMatch(a -> a.achievementId().equals(achievementId));
    }

    /** Every award of one micro-credential that someone may hold (not declined), oldest first (revoked ones included). */
    public List<Award> ofAchievement(UUID achievementId) {
        return db.sql("select * from awards where achievement_id = ? and claim_state <> 'declined' order by valid_from, issued_at").param(achievementId)
                .query(Awards::award).list();
    }

    /** Active (not revoked, not declined) awards whose validity ends within {@code [from, to)}, for expiry reminders. */
    public List<Award> expiringBetween(Instant from, Instant to) {
        return db.sql("select * from awards where state = 'active' and claim_state <> 'declined' and valid_until >= ? and valid_until < ? order by valid_until")
                .params(Timestamp.from(from), Timestamp.from(to)).query(Awards::award).list();
    }

    /**
     * The organization's issuer {@code Profile} as its credentials embed it, for a credential another module builds in
     * the organization's name (a CLR transcript).
     */
    public JsonObject issuerProfile(UUID organizationId) {
        return issuerDocuments.profileJson(organizations.findById(organizationId).orElseThrow(() -> Problem.notFound("The organization")), false);
    }

    /**
     * Signs a credential another module built in the organization's name (a CLR transcript) with the organization's
     * active Ed25519 key, as an eddsa-rdfc-2022 proof. The caller has decided that it may be issued.
     */
    public JsonObject signAsIssuer(UUID organizationId, JsonObject unsigned) {
        return keys.signer(organizations.findById(organizationId).orElseThrow(() -> Problem.notFound("The organization"))).sign(unsigned);
    }

    /** The slug of an organization, for links in answers about its awards. */
    public String organizationSlug(UUID organizationId) {
        return organizations.findById(organizationId).map(Organization::slug).orElse("");
    }

    /** A status list entry another module took for a credential it signs in an organization's name (a CLR transcript). */
    public record StatusEntry(UUID listId, int index, JsonObject credentialStatus) {}

    /**
     * Takes a Bitstring Status List entry of the organization (in a transaction of its own, like an award's), for a
     * credential another module signs in its name, so that staff can revoke that credential like a badge.
     */
    public StatusEntry allocateStatus(UUID organizationId) {
        Organization org = organizations.findById(organizationId).orElseThrow(() -> Problem.notFound("The organization"));
        keys.requireMayIssue(org); // an entry is taken only for a credential about to be signed, which vetting may refuse
        StatusLists.Entry entry = statusLists.allocate(org);
        return new StatusEntry(entry.listId(), entry.index(), entry.credentialStatus());
    }

    /** Sets (revokes) a status list entry taken with {@link #allocateStatus} and re-signs the list, in the caller's transaction. */
    public void revokeStatus(UUID organizationId, UUID listId, int index) {
        Organization org = organizations.findById(organizationId).orElseThrow(() -> Problem.notFound("The organization"));
        statusLists.set(org, listId, index, true);
    }

    /**
     * The active credentials that depend on this one: stacked credentials (a pathway's capstone) that cite it as
     * evidence. Revoking a component leaves them valid until staff revoke them too; staff are told which they are.
     */
    public List<Award> dependentsOf(UUID awardId) {
        return db.sql("select * from awards where state = 'active' and id <> ? and evidence like ? order by issued_at")
                .params(awardId, "%\"url\":\"" + credentialUrl(awardId) + "\"%").query(Awards::award).list();
    }

    /** What an address's holder holds ({@link #heldBy}): the valid (not revoked, not expired) awards, newest first. */
    public List<Award> validAwardsTo(String email) {
        Instant now = clock.instant();
        return heldBy(email).stream().filter(a -> !a.revoked() && !a.expired(now))
                .sorted(java.util.Comparator.comparing(Award::issuedAt).reversed()).toList();
    }

    /** The valid awards of some of an organization's micro-credentials, to anyone: for statistics across learners. */
    public List<Award> validAwardsOf(UUID organizationId, java.util.Collection<UUID> achievementIds) {
        if (achievementIds.isEmpty()) return List.of();
        Instant now = clock.instant();
        return db.sql("select * from awards where organization_id = :org and achievement_id in (:ids) and state = 'active'")
                .param("org", organizationId).param("ids", List.copyOf(achievementIds)).query(Awards::award).list().stream()
                .filter(a -> !a.declined())
                .filter(a -> !a.expired(now)).toList();
    }

    /** The person's badges ({@link #heldByUser}), newest first. */
    public List<Award> held(Actor.Person person) {
        return heldByUser(person.userId()).stream().sorted(java.util.Comparator.comparing(Award::issuedAt).reversed()).toList();
    }

    private static String evidenceJson(List<Credentials.EvidenceItem> evidence) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (Credentials.EvidenceItem e : evidence) {
            var item = JSON.createObjectBuilder();
            if (e.narrative() != null) item.add("narrative", e.narrative());
            if (e.url() != null) item.add("url", e.url());
            if (e.name() != null) item.add("name", e.name());
            array.add(item);
        }
        return array.build().toString();
    }

    /**
     * The columns {@link #award(ResultSet, int)} reads: {@link #find} selects only these, so an award just stored is not
     * sent back with its signed credential (several kilobytes) to be dropped.
     */
    static final String AWARD_COLUMNS = "id, organization_id, achievement_id, achievement_version, achievement_name, recipient_email, "
            + "recipient_name, recipient_user_id, issued_at, valid_from, valid_until, state, revoked_at, revocation_reason, claimed_at, "
            + "claim_state, claim_link_expires_at, visibility";

    static Award award(ResultSet rs, int row) throws SQLException {
        return new Award(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class), rs.getObject("achievement_id", UUID.class),
                rs.getInt("achievement_version"), rs.getString("achievement_name"), rs.getString("recipient_email"), rs.getString("recipient_name"),
                rs.getObject("recipient_user_id", UUID.class), rs.getTimestamp("issued_at").toInstant(), rs.getTimestamp("valid_from").toInstant(),
                ts(rs.getTimestamp("valid_until")), rs.getString("state"), ts(rs.getTimestamp("revoked_at")), rs.getString("revocation_reason"),
                ts(rs.getTimestamp("claimed_at")), rs.getString("claim_state"), ts(rs.getTimestamp("claim_link_expires_at")),
                rs.getString("visibility"));
    }

    private static @Nullable Instant ts(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static boolean isWebAddress(String value) {
        try {
            URI uri = new URI(value);
            return value.length() <= 2048 && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

}
