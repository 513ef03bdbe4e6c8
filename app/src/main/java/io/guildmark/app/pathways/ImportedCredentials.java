package io.guildmark.app.pathways;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.guildmark.app.accounts.AccountDids;
import io.guildmark.app.notifications.Mailer;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.verification.Verification;
import io.guildmark.credentials.baking.BakedCredential;
import io.guildmark.credentials.baking.BakingException;
import io.guildmark.credentials.baking.PngBaker;
import io.guildmark.credentials.baking.SvgBaker;
import io.guildmark.credentials.verify.Check;
import io.guildmark.credentials.verify.CheckStatus;
import io.guildmark.credentials.verify.VerificationReport;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credentials from elsewhere: a learner imports an Open Badges 2.0 or 3.0 badge another issuer gave them; it is
 * verified at once with the platform's {@link Verification} (the same checks as {@code /verify}) and kept only when it
 * verified and names the learner (their e-mail address, plain or hashed, or their DID). An organization's staff accept
 * another issuer's achievement as one of their micro-credentials with a mapping, which then counts on pathways for
 * every learner holding a verified, active import of it (see {@link Standings}).
 */
@Service
public class ImportedCredentials {

    /** The largest badge imported: 2 MB, far above any real badge. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;

    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    /** One imported credential, as the learner and staff see it. */
    public record Imported(UUID id, UUID userId, String email, String format, @Nullable String sourceUrl, @Nullable String credentialId,
            String issuerId, String issuerName, String achievementId, String achievementName, @Nullable Instant issuedAt,
            @Nullable Instant expiresAt, boolean verified, String verdict, Instant checkedAt, String recipientMatch, String status) {

        public boolean active() {
            return "active".equals(status);
        }

        /** Whether it counts where it is accepted: verified when last checked, not withdrawn, not expired. */
        public boolean counts(Instant now) {
            return verified && active() && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    /** An organization's answer to a learner's request, or a mapping that makes the import count there. */
    public record Recognition(UUID organizationId, String organizationName, String state, @Nullable String reason) {}

    /** A learner's import with where it is recognized. */
    public record Mine(Imported credential, List<Recognition> recognitions) {}

    /** For staff: one external achievement, the learners who hold it, and the mapping if there is one. */
    public record Group(String issuerId, String issuerName, String achievementId, String achievementName, List<Imported> credentials,
            @Nullable UUID mappedTo, @Nullable String mappedToName, boolean declined) {

        /** A stable key for forms: the external achievement. */
        public String key() {
            return issuerId + "\n" + achievementId;
        }
    }

    private final JdbcClient db;
    private final Verification verification;
    private final Organizations organizations;
    private final AccountDids accountDids;
    private final Pathways pathways;
    private final LearnerPathways learners;
    private final StepCatalog catalog;
    private final Mailer mailer;
    private final GuildmarkSettings settings;
    private final Clock clock;

    ImportedCredentials(JdbcClient db, Verification verification, Organizations organizations, AccountDids accountDids, Pathways pathways,
            LearnerPathways learners, StepCatalog catalog, Mailer mailer, GuildmarkSettings settings, Clock clock) {
        this.db = db;
        this.verification = verification;
        this.organizations = organizations;
        this.accountDids = accountDids;
        this.pathways = pathways;
        this.learners = learners;
        this.catalog = catalog;
        this.mailer = mailer;
        this.settings = settings;
        this.clock = clock;
    }

    // ---- The learner's side -----------------------------------------------------------------------------------------

    /** Imports a badge file (JSON, VC-JWT, baked PNG or SVG). Refused, with nothing stored, unless it verifies and is theirs. */
    @Transactional
    public Imported importFile(Actor.Person person, byte[] bytes, @Nullable String contentType) {
        if (bytes.length == 0) throw Problem.invalidField("file", "Choose a badge file to import.");
        if (bytes.length > MAX_BYTES) throw Problem.tooLarge("That file is larger than 2 MB; badges are much smaller. Check that you chose the right file.");
        String type = sniff(bytes);
        VerificationReport report = verification.verify(bytes, type, person.email());
        String content = type.startsWith("image/") ? Base64.getEncoder().encodeToString(bytes) : new String(bytes, StandardCharsets.UTF_8);
        return keep(person, report, content, type, null, false).credential();
    }

    /** Imports the badge at a public address, fetched safely. */
    @Transactional
    public Imported importUrl(Actor.Person person, String url) {
        String address = url == null ? "" : url.strip();
        if (address.isEmpty()) throw Problem.invalidField("url", "Give the badge's web address.");
        if (address.length() > 2000) throw Problem.invalidField("url", "That address is too long to be a badge's.");
        VerificationReport report = verification.verifyUrl(address, person.email());
        return keep(person, report, "", "url", address, false).credential();
    }

    /**
     * Stores a verified import of the person's. A second import of a credential they hold already (same credential id)
     * is refused, or, when {@code replace} (the OB 3.0 API's upsert), updates that import in place.
     */
    private Upserted keep(Actor.Person person, VerificationReport report, String content, String contentType, @Nullable String sourceUrl,
            boolean replace) {
        RecipientMatch match = recipientMatch(person, report);
        if (!passedExceptRecipient(report)) {
            throw Problem.invalid("NOT_VERIFIED", "The badge was not imported. " + report.summary());
        }
        if (match == null) {
            String subject = subjectId(report);
            if (subject != null && accountDids.unprovenDids(person.userId()).contains(subject)) {
                throw Problem.invalid("DID_NOT_PROVEN", "The badge was not imported: it was issued to your DID " + subject
                        + ", which you have not yet proven you control. Prove it on your account page, then import the badge again.");
            }
            throw Problem.invalid("NOT_YOURS", "The badge was not imported: it was not issued to " + person.email()
                    + (accountDids.provenDids(person.userId()).isEmpty() ? "" : " or a DID you have proven")
                    + ". Only badges issued to you can count here.");
        }
        External external = external(report);
        if (external == null) {
            throw Problem.invalid("NO_ACHIEVEMENT", "The badge was not imported: it does not say which issuer and achievement it is for.");
        }
        VerificationReport.Details d = report.details();
        Instant now = clock.instant();
        String format = d.format() == null ? "unknown" : cut(d.format(), 40);
        String text = ob3Text(report, format, content, contentType);
        Optional<UUID> held = d.credentialId() == null ? Optional.empty()
                : db.sql("select id from imported_credentials where user_id = ? and credential_id = ? and status = 'active' order by created_at")
                        .params(person.userId(), cut(d.credentialId(), 2000)).query(UUID.class).list().stream().findFirst();
        if (held.isPresent()) {
            if (!replace) throw Problem.conflict("ALREADY_IMPORTED", "You already imported this badge; it is in your list below.");
            db.sql("""
                    update imported_credentials set content = ?, content_type = ?, source_url = ?, format = ?, issuer_id = ?, issuer_name = ?,
                        achievement_id = ?, achievement_name = ?, issued_at = ?, expires_at = ?, verified = true, verdict = ?, checked_at = ?,
                        recipient_match = ?, recipient_did = ?, credential_text = ? where id = ?""")
                    .params(content, contentType, sourceUrl, format, external.issuerId(), cut(orElse(d.issuerName(), external.issuerId()), 500),
                            external.achievementId(), cut(orElse(d.achievementName(), external.achievementId()), 500), ts(d.validFrom()),
                            ts(d.validUntil()), cut(report.summary(), 2000), Timestamp.from(now), match.kind(), match.did(), text, held.get())
                    .update();
            reevaluate(person.email());
            return new Upserted(find(held.get()).orElseThrow(), false);
        }
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into imported_credentials (id, user_id, email, content, content_type, source_url, format, credential_id, issuer_id,
                    issuer_name, achievement_id, achievement_name, issued_at, expires_at, verified, verdict, checked_at, recipient_match,
                    recipient_did, status, created_at, credential_text)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?, ?, ?, ?, 'active', ?, ?)""")
                .params(id, person.userId(), person.email().toLowerCase(Locale.ROOT), content, contentType, sourceUrl,
                        format, d.credentialId() == null ? null : cut(d.credentialId(), 2000),
                        external.issuerId(), cut(orElse(d.issuerName(), external.issuerId()), 500), external.achievementId(),
                        cut(orElse(d.achievementName(), external.achievementId()), 500), ts(d.validFrom()), ts(d.validUntil()),
                        cut(report.summary(), 2000), Timestamp.from(now), match.kind(), match.did(), Timestamp.from(now), text)
                .update();
        reevaluate(person.email());
        return new Upserted(find(id).orElseThrow(), true);
    }

    /**
     * The OB 3.0 credential an import holds, as JSON or a compact JWS, or {@code null} when it holds none (an Open
     * Badges 2.0 assertion; a VC-JWT fetched from an address, of which only the payload is kept).
     */
    static @Nullable String ob3Text(@Nullable VerificationReport report, String format, String content, String contentType) {
        if (format.contains("OB2")) return null;
        if (contentType.startsWith("image/")) {
            try {
                byte[] image = Base64.getDecoder().decode(content);
                var baked = contentType.contains("svg") ? new SvgBaker().extract(image) : new PngBaker().extract(image);
                return baked.filter(b -> b.format() != BakedCredential.Format.OB2).map(b -> b.payload().strip()).orElse(null);
            } catch (BakingException | IllegalArgumentException e) {
                return null;
            }
        }
        if (contentType.equals("url")) {
            // The verifier read the document at the address; a JSON credential with its embedded proof is kept whole.
            JsonObject credential = report == null ? null : report.credential();
            return credential != null && format.endsWith("JSON") && credential.containsKey("proof") ? credential.toString() : null;
        }
        return content.strip();
    }

    /** The outcome of {@link #upsert}: the import, and whether it was new. */
    public record Upserted(Imported credential, boolean created) {}

    /**
     * Imports a badge a wallet sends (OB 3.0 API upsert): like {@link #importFile}, but a badge the learner already
     * imported (same credential id) is answered as it is instead of refused, so sending it again changes nothing.
     */
    @Transactional
    public Upserted upsert(Actor.Person person, byte[] bytes) {
        if (bytes.length == 0) throw Problem.invalidField("file", "Send a badge.");
        if (bytes.length > MAX_BYTES) throw Problem.tooLarge("That badge is larger than 2 MB.");
        String type = sniff(bytes);
        VerificationReport report = verification.verify(bytes, type, person.email());
        String content = type.startsWith("image/") ? Base64.getEncoder().encodeToString(bytes) : new String(bytes, StandardCharsets.UTF_8);
        return keep(person, report, content, type, null, true);
    }

    /**
     * The active imports that hold an OB 3.0 credential (those {@link #activeTexts} reads), as SQL for listings that
     * page and count them together with other credentials (the OB 3.0 API): one row per import with {@code listed_at}
     * (when issued, else when last checked) and {@code id}; the learner's account is the named parameter {@code :user}.
     * An import holds OB 3.0 text when it was kept at import, or, for imports older than that, when it is no Open Badges
     * 2.0 assertion and no address (whose document was not kept). (Such an older baked image whose credential can no
     * longer be read out is counted here but left out of the page by {@link #activeTexts}.)
     */
    public static final String ACTIVE_OB3_SQL = """
            select coalesce(issued_at, checked_at) as listed_at, id from imported_credentials
            where user_id = :user and status = 'active'
              and (credential_text is not null or (format not like '%OB2%' and (content_type is null or content_type <> 'url')))""";

    /**
     * The given active imports of the learner's that hold an OB 3.0 credential, by import id, with it as JSON or a
     * compact JWS: files, baked images and addresses alike (an import made before the text was kept is read from its
     * image). Ids that are not theirs, not active (any more), or Open Badges 2.0 assertions (no OB 3.0 credentials) are
     * left out.
     */
    public Map<UUID, Map.Entry<Imported, String>> activeTexts(Actor.Person person, java.util.Collection<UUID> ids) {
        Map<UUID, Map.Entry<Imported, String>> texts = new java.util.HashMap<>();
        if (ids.isEmpty()) return texts;
        db.sql("select * from imported_credentials where user_id = :user and status = 'active' and id in (:ids)")
                .param("user", person.userId()).param("ids", List.copyOf(ids))
                .query(ImportedCredentials::withText).list().stream().filter(java.util.Objects::nonNull)
                .forEach(e -> texts.put(e.getKey().id(), e));
        return texts;
    }

    /** The learner's imports, newest first, with which organizations recognize each. */
    public List<Mine> mine(Actor.Person person) {
        List<Imported> list = db.sql("select * from imported_credentials where user_id = ? order by created_at desc")
                .param(person.userId()).query(ImportedCredentials::row).list();
        List<Mine> mine = new ArrayList<>();
        for (Imported i : list) mine.add(new Mine(i, recognitions(i)));
        return mine;
    }

    private List<Recognition> recognitions(Imported i) {
        Map<UUID, Recognition> byOrg = new LinkedHashMap<>();
        db.sql("select m.organization_id from achievement_mappings m where m.external_issuer_id = ? and m.external_achievement_id = ?")
                .params(i.issuerId(), i.achievementId()).query(UUID.class).list()
                .forEach(org -> byOrg.put(org, new Recognition(org, orgName(org), "accepted", null)));
        db.sql("select organization_id, state, reason from import_recognition_requests where import_id = ?").param(i.id())
                .query((rs, n) -> new Recognition(rs.getObject(1, UUID.class), orgName(rs.getObject(1, UUID.class)), rs.getString(2), rs.getString(3)))
                .list().forEach(r -> byOrg.putIfAbsent(r.organizationId(), r));
        return List.copyOf(byOrg.values());
    }

    /** One of the learner's own imports; anyone else's reads as not found. */
    public Imported mineById(Actor.Person person, UUID id) {
        return find(id).filter(i -> i.userId().equals(person.userId())).orElseThrow(() -> Problem.notFound("The imported badge"));
    }

    /** Withdraws an import: it stops counting anywhere. */
    @Transactional
    public Imported withdraw(Actor.Person person, UUID id) {
        Imported i = mineById(person, id);
        db.sql("update imported_credentials set status = 'withdrawn' where id = ?").param(i.id()).update();
        reevaluate(i.email());
        return find(id).orElseThrow();
    }

    /** Checks an import again (its issuer may have revoked it since): it counts only while it verifies. */
    @Transactional
    public Imported reverify(Actor.Person person, UUID id) {
        Imported i = mineById(person, id);
        String content = db.sql("select content from imported_credentials where id = ?").param(id).query(String.class).single();
        String type = db.sql("select content_type from imported_credentials where id = ?").param(id).query(String.class).optional().orElse(null);
        VerificationReport report = i.sourceUrl() != null ? verification.verifyUrl(i.sourceUrl(), i.email())
                : verification.verify(type != null && type.startsWith("image/") ? Base64.getDecoder().decode(content)
                        : content.getBytes(StandardCharsets.UTF_8), type, i.email());
        RecipientMatch match = recipientMatch(person, report);
        boolean verified = passedExceptRecipient(report) && match != null;
        String verdict = match == null && passedExceptRecipient(report)
                ? "Not counted: the badge is not issued to your e-mail address or to a DID you have proven. " + report.summary()
                : report.summary();
        db.sql("update imported_credentials set verified = ?, verdict = ?, checked_at = ?, recipient_match = ?, recipient_did = ? where id = ?")
                .params(verified, cut(verdict, 2000), Timestamp.from(clock.instant()), match == null ? i.recipientMatch() : match.kind(),
                        match == null ? null : match.did(), id).update();
        reevaluate(i.email());
        return find(id).orElseThrow();
    }

    /** Organizations the learner may ask to recognize an import: those with published pathways. */
    public List<Organization> recognizers() {
        return pathways.directory().stream().map(PathwayVersion::organizationId).distinct()
                .flatMap(id -> organizations.findById(id).stream()).sorted(java.util.Comparator.comparing(Organization::name)).toList();
    }

    /** Asks an organization with pathways to recognize the import. Asking again is harmless. */
    @Transactional
    public void askRecognition(Actor.Person person, UUID id, UUID organizationId) {
        Imported i = mineById(person, id);
        if (!i.active()) throw Problem.conflict("WITHDRAWN", "You withdrew this badge; import it again to ask for recognition.");
        Organization org = recognizers().stream().filter(o -> o.id().equals(organizationId)).findFirst()
                .orElseThrow(() -> Problem.invalidField("organizationId", "Choose an organization that offers pathways."));
        int updated = db.sql("update import_recognition_requests set state = 'asked', reason = null, decided_at = null, requested_at = ?"
                        + " where import_id = ? and organization_id = ? and state = 'declined'")
                .params(Timestamp.from(clock.instant()), i.id(), org.id()).update();
        boolean exists = db.sql("select count(*) from import_recognition_requests where import_id = ? and organization_id = ?")
                .params(i.id(), org.id()).query(Integer.class).single() > 0;
        if (updated == 0 && !exists) {
            db.sql("insert into import_recognition_requests (import_id, organization_id, requested_at, state) values (?, ?, ?, 'asked')")
                    .params(i.id(), org.id(), Timestamp.from(clock.instant())).update();
        }
    }

    // ---- The organization's side ------------------------------------------------------------------------------------

    /** For staff: one external achievement, how many learners hold it, and the organization's decision. */
    public record Summary(String issuerId, String issuerName, String achievementId, String achievementName, long holders,
            @Nullable UUID mappedTo, @Nullable String mappedToName, boolean declined) {}

    /**
     * Imports the organization's staff may see: of learners on one of its pathways, or who asked it for recognition;
     * grouped by external issuer and achievement.
     */
    public List<Group> forOrganization(Actor actor, String slug) {
        return groups(organizations.require(actor, slug, Permission.DESIGN), null, null);
    }

    /**
     * The external achievements the organization's staff may see, with how many learners hold each and the decision,
     * without reading every import (the imports themselves are {@link ImportList}).
     */
    public List<Summary> summaries(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        List<Summary> result = new ArrayList<>();
        db.sql("""
                select i.issuer_id, i.achievement_id, max(i.issuer_name), max(i.achievement_name), count(*),
                    sum(case when r.state = 'asked' then 1 else 0 end), sum(case when r.state = 'declined' then 1 else 0 end)
                from imported_credentials i left join import_recognition_requests r on r.import_id = i.id and r.organization_id = ?
                where i.status = 'active' and (r.import_id is not null
                    or exists (select 1 from pathway_learners l where l.organization_id = ? and (l.user_id = i.user_id or l.email = i.email)))
                group by i.issuer_id, i.achievement_id
                order by max(i.issuer_name), max(i.achievement_name)""")
                .params(org.id(), org.id()).query((rs, n) -> {
                    String issuerId = rs.getString(1);
                    String achievementId = rs.getString(2);
                    UUID mapped = mapping(org.id(), issuerId, achievementId).orElse(null);
                    return new Summary(issuerId, rs.getString(3), achievementId, rs.getString(4), rs.getLong(5), mapped,
                            mapped == null ? null : catalog.published(mapped).map(StepCatalog.Info::name).orElse(null),
                            mapped == null && rs.getLong(6) == 0 && rs.getLong(7) > 0);
                }).list().forEach(result::add);
        return result;
    }

    private List<Group> groups(Organization org, @Nullable String issuerId, @Nullable String achievementId) {
        String narrow = issuerId == null ? "" : " and i.issuer_id = ? and i.achievement_id = ?";
        List<Object> params = new ArrayList<>(List.of(org.id(), org.id()));
        if (issuerId != null) {
            params.add(issuerId);
            params.add(achievementId);
        }
        List<Imported> visible = db.sql("""
                select * from imported_credentials i where i.status = 'active' and (
                    exists (select 1 from pathway_learners l where l.organization_id = ? and (l.user_id = i.user_id or l.email = i.email))
                    or exists (select 1 from import_recognition_requests r where r.import_id = i.id and r.organization_id = ?))""" + narrow + """

                order by i.issuer_name, i.achievement_name, i.created_at""")
                .params(params).query(ImportedCredentials::row).list();
        Map<String, List<Imported>> grouped = new LinkedHashMap<>();
        for (Imported i : visible) grouped.computeIfAbsent(i.issuerId() + "\n" + i.achievementId(), k -> new ArrayList<>()).add(i);
        List<Group> groups = new ArrayList<>();
        for (List<Imported> list : grouped.values()) {
            Imported first = list.get(0);
            UUID mapped = mapping(org.id(), first.issuerId(), first.achievementId()).orElse(null);
            boolean declined = mapped == null && !list.isEmpty() && db.sql("""
                    select count(*) from import_recognition_requests r join imported_credentials i on i.id = r.import_id
                    where r.organization_id = ? and i.issuer_id = ? and i.achievement_id = ? and r.state = 'asked'""")
                    .params(org.id(), first.issuerId(), first.achievementId()).query(Integer.class).single() == 0
                    && db.sql("""
                    select count(*) from import_recognition_requests r join imported_credentials i on i.id = r.import_id
                    where r.organization_id = ? and i.issuer_id = ? and i.achievement_id = ? and r.state = 'declined'""")
                    .params(org.id(), first.issuerId(), first.achievementId()).query(Integer.class).single() > 0;
            groups.add(new Group(first.issuerId(), first.issuerName(), first.achievementId(), first.achievementName(), List.copyOf(list),
                    mapped, mapped == null ? null : catalog.published(mapped).map(StepCatalog.Info::name).orElse(null), declined));
        }
        return groups;
    }

    /** The organization's published micro-credentials an external achievement can be accepted as. */
    public Map<UUID, String> acceptableAs(Actor actor, String slug) {
        organizations.require(actor, slug, Permission.DESIGN);
        Map<UUID, String> names = new LinkedHashMap<>();
        catalog.ofOrganization(actor, slug).values().stream().filter(StepCatalog.Info::published)
                .sorted(java.util.Comparator.comparing(StepCatalog.Info::name)).forEach(i -> names.put(i.id(), i.name()));
        return names;
    }

    /**
     * Accepts another issuer's achievement as one of the organization's micro-credentials: from now on every learner
     * holding a verified, active import of it holds ours on the organization's pathways. Learners are told, and their
     * pathways of the organization are checked again (a completed one awards its capstone).
     */
    @Transactional
    public void accept(Actor actor, String slug, String issuerId, String achievementId, UUID ourAchievementId, @Nullable String note) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        Group group = visibleGroup(actor, slug, issuerId, achievementId);
        StepCatalog.Info ours = catalog.published(ourAchievementId).filter(i -> i.organizationId().equals(org.id()) && i.published())
                .orElseThrow(() -> Problem.invalidField("achievementId", "Choose one of this organization's published micro-credentials."));
        if (note != null && note.length() > 2000) throw Problem.invalidField("note", "Keep the note under 2,000 characters.");
        if (group.mappedTo() != null) {
            throw Problem.conflict("ALREADY_ACCEPTED", "\"" + group.achievementName() + "\" is already accepted as " + group.mappedToName() + ".");
        }
        Instant now = clock.instant();
        db.sql("""
                insert into achievement_mappings (id, organization_id, external_issuer_id, external_achievement_id, achievement_id, decided_by,
                    decided_at, note) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), org.id(), issuerId, achievementId, ours.id(), actor instanceof Actor.Person p ? p.userId() : null,
                        Timestamp.from(now), blankToNull(note)).update();
        db.sql("""
                update import_recognition_requests set state = 'accepted', reason = null, decided_at = ? where organization_id = ?
                and import_id in (select id from imported_credentials where issuer_id = ? and achievement_id = ?)""")
                .params(Timestamp.from(now), org.id(), issuerId, achievementId).update();
        for (String email : group.credentials().stream().map(Imported::email).distinct().toList()) {
            mailer.send(EmailAddress.of(email), org.name() + " recognizes your badge \"" + group.achievementName() + "\"",
                    org.name() + " accepts \"" + group.achievementName() + "\" from " + group.issuerName() + " as its micro-credential \""
                            + ours.name() + "\". It now counts on " + org.name() + "'s pathways while it stays valid.\n\n"
                            + "Your imported badges: " + settings.url("/imports") + "\n");
            learners.evaluateAfterCommit(org.id(), email, ours.id());
        }
    }

    /** Declines to recognize an external achievement, with a reason the learners who asked are sent. */
    @Transactional
    public void decline(Actor actor, String slug, String issuerId, String achievementId, String reason) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        Group group = visibleGroup(actor, slug, issuerId, achievementId);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) throw Problem.invalidField("reason", "Say why, so the learners know what would count instead.");
        if (why.length() > 2000) throw Problem.invalidField("reason", "Keep the reason under 2,000 characters.");
        if (group.mappedTo() != null) {
            throw Problem.conflict("ALREADY_ACCEPTED", "\"" + group.achievementName() + "\" is already accepted as " + group.mappedToName() + ".");
        }
        List<String> asked = db.sql("""
                select distinct i.email from import_recognition_requests r join imported_credentials i on i.id = r.import_id
                where r.organization_id = ? and i.issuer_id = ? and i.achievement_id = ? and r.state = 'asked'""")
                .params(org.id(), issuerId, achievementId).query(String.class).list();
        db.sql("""
                update import_recognition_requests set state = 'declined', reason = ?, decided_at = ? where organization_id = ?
                and import_id in (select id from imported_credentials where issuer_id = ? and achievement_id = ?)""")
                .params(why, Timestamp.from(clock.instant()), org.id(), issuerId, achievementId).update();
        for (String email : asked) {
            mailer.send(EmailAddress.of(email), org.name() + " does not recognize \"" + group.achievementName() + "\"",
                    org.name() + " declined to count \"" + group.achievementName() + "\" from " + group.issuerName()
                            + " toward its pathways.\n\nTheir reason: " + why + "\n\nYour imported badges: " + settings.url("/imports") + "\n");
        }
    }

    private Group visibleGroup(Actor actor, String slug, String issuerId, String achievementId) {
        // Only this achievement's imports, not every import the organization may see.
        return groups(organizations.require(actor, slug, Permission.DESIGN), issuerId, achievementId).stream()
                .findFirst().orElseThrow(() -> Problem.notFound("The imported badge"));
    }

    // ---- Counting ---------------------------------------------------------------------------------------------------

    /** An import that stands for one of an organization's micro-credentials. */
    record Counted(UUID achievementId, Imported credential) {}

    /** The address's imports that count as the organization's micro-credentials, by our achievement (newest import first). */
    static Map<UUID, Imported> countedFor(JdbcClient db, Instant now, UUID organizationId, String email) {
        Map<UUID, Imported> counted = new LinkedHashMap<>();
        db.sql("""
                select m.achievement_id as our_achievement_id, i.* from imported_credentials i join achievement_mappings m
                  on m.external_issuer_id = i.issuer_id and m.external_achievement_id = i.achievement_id
                where m.organization_id = ? and i.email = ? and i.status = 'active' and i.verified = true
                order by i.created_at desc""")
                .params(organizationId, email.toLowerCase(Locale.ROOT))
                .query((rs, n) -> new Counted(rs.getObject("our_achievement_id", UUID.class), row(rs, n))).list()
                .stream().filter(c -> c.credential().counts(now)).forEach(c -> counted.putIfAbsent(c.achievementId(), c.credential()));
        return counted;
    }

    private Optional<UUID> mapping(UUID organizationId, String issuerId, String achievementId) {
        return db.sql("select achievement_id from achievement_mappings where organization_id = ? and external_issuer_id = ? and external_achievement_id = ?")
                .params(organizationId, issuerId, achievementId).query(UUID.class).optional();
    }

    Optional<Imported> find(UUID id) {
        return db.sql("select * from imported_credentials where id = ?").param(id).query(ImportedCredentials::row).optional();
    }

    /** Checks again every organization's pathways the learner's imports can matter to, after this transaction commits. */
    private void reevaluate(String email) {
        db.sql("""
                select distinct m.organization_id, m.achievement_id from achievement_mappings m join imported_credentials i
                  on m.external_issuer_id = i.issuer_id and m.external_achievement_id = i.achievement_id where i.email = ?""")
                .param(email.toLowerCase(Locale.ROOT))
                .query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}).list()
                .forEach(pair -> learners.evaluateAfterCommit(pair[0], email, pair[1]));
    }

    // ---- Reading the credential -------------------------------------------------------------------------------------

    record External(String issuerId, String achievementId) {}

    /** The issuer and achievement the credential states: OB 3.0 credentialSubject.achievement.id; OB 2.0 the BadgeClass. */
    static @Nullable External external(VerificationReport report) {
        String issuer = report.details().issuerId();
        JsonObject c = report.credential();
        if (issuer == null || c == null) return null;
        String achievement = null;
        if (c.get("credentialSubject") instanceof JsonObject subject && subject.get("achievement") instanceof JsonObject a) {
            achievement = string(a, "id");
        }
        if (achievement == null) {
            JsonValue badge = c.get("badge");
            if (badge instanceof JsonString s) achievement = s.getString();
            else if (badge instanceof JsonObject o) achievement = string(o, "id");
        }
        if (achievement == null || issuer.length() > 1000 || achievement.length() > 1000) return null;
        return new External(issuer, achievement);
    }

    /** Every check passed or was only a warning, save the recipient check (which the caller settles). */
    private static boolean passedExceptRecipient(VerificationReport report) {
        if (report.credential() == null) return false;
        boolean proofPassed = report.checks().stream().anyMatch(c -> c.check().equals(Check.PROOF) && c.status() == CheckStatus.PASSED)
                || report.checks().stream().noneMatch(c -> c.check().equals(Check.PROOF));
        return proofPassed && report.checks().stream().noneMatch(c -> c.status() == CheckStatus.FAILED && !c.check().equals(Check.RECIPIENT));
    }

    /** How an import was found to be the learner's: {@code email}, or {@code did} with the proven DID it names. */
    record RecipientMatch(String kind, @Nullable String did) {}

    /** Whether the credential names the learner: their e-mail address, else a DID they have proven; null when neither. */
    private @Nullable RecipientMatch recipientMatch(Actor.Person person, VerificationReport report) {
        if (report.check(Check.RECIPIENT).filter(c -> c.status() == CheckStatus.PASSED).isPresent()) return new RecipientMatch("email", null);
        return didMatch(person, report);
    }

    /**
     * The credential's subject is a DID the learner proved they control. Only proven DIDs count: a DID can be copied
     * from anyone's public badge, so one linked without proof would let a person claim another's badges.
     */
    private @Nullable RecipientMatch didMatch(Actor.Person person, VerificationReport report) {
        String subject = subjectId(report);
        if (subject == null || !subject.startsWith("did:")) return null;
        return accountDids.provenDids(person.userId()).contains(subject) ? new RecipientMatch("did", subject) : null;
    }

    private static @Nullable String subjectId(VerificationReport report) {
        JsonObject c = report.credential();
        return c != null && c.get("credentialSubject") instanceof JsonObject subject ? string(subject, "id") : null;
    }

    /**
     * A learner removed a proven DID: badges imported because they named it stop counting (they are checked again
     * should the learner prove it anew), and the pathways they counted on are evaluated again.
     */
    @org.springframework.context.event.EventListener
    void didRemoved(AccountDids.DidRemoved removed) {
        List<String> emails = db.sql("select distinct email from imported_credentials where user_id = ? and recipient_match = 'did' and recipient_did = ?")
                .params(removed.userId(), removed.did()).query(String.class).list();
        db.sql("""
                update imported_credentials set verified = false, checked_at = ?,
                  verdict = 'Not counted: this badge names a DID you removed from your account. Prove the DID again, then check the badge again.'
                where user_id = ? and recipient_match = 'did' and recipient_did = ?""")
                .params(Timestamp.from(clock.instant()), removed.userId(), removed.did()).update();
        emails.forEach(this::reevaluate);
    }

    /** What the file is, from its bytes: a baked image, JSON, or a VC-JWT; anything else is refused. */
    static String sniff(byte[] bytes) {
        if (PngBaker.isPng(bytes)) return "image/png";
        if (SvgBaker.looksLikeSvg(bytes)) return "image/svg+xml";
        String text = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) return "application/ld+json";
        String all = new String(bytes, StandardCharsets.UTF_8).strip();
        if (JWT.matcher(all).matches()) return "application/vc+jwt";
        throw Problem.unsupportedMedia("That file is not a badge: import an Open Badges JSON or JWT file, or a baked PNG or SVG image.");
    }

    private String orgName(UUID id) {
        return organizations.findById(id).map(Organization::name).orElse("An organization");
    }

    /** The import with its OB 3.0 text (an import made before the text was kept is read from its image), or null. */
    private static Map.@Nullable Entry<Imported, String> withText(ResultSet rs, int n) throws SQLException {
        Imported i = row(rs, n);
        String text = rs.getString("credential_text");
        if (text == null && !"url".equals(rs.getString("content_type"))) {
            text = ob3Text(null, i.format(), rs.getString("content"), String.valueOf(rs.getString("content_type")));
        }
        return text == null ? null : Map.entry(i, text);
    }

    static Imported row(ResultSet rs, int n) throws SQLException {
        return new Imported(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("email"), rs.getString("format"),
                rs.getString("source_url"), rs.getString("credential_id"), rs.getString("issuer_id"), rs.getString("issuer_name"),
                rs.getString("achievement_id"), rs.getString("achievement_name"), PathwayCompletions.ts(rs.getTimestamp("issued_at")),
                PathwayCompletions.ts(rs.getTimestamp("expires_at")), rs.getBoolean("verified"), rs.getString("verdict"),
                rs.getTimestamp("checked_at").toInstant(), rs.getString("recipient_match"), rs.getString("status"));
    }

    private static @Nullable String string(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static @Nullable Timestamp ts(@Nullable Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }

    private static String orElse(@Nullable String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
