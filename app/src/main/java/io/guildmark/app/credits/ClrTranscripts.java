package io.guildmark.app.credits;

import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;

import io.guildmark.app.accounts.AccountDids;
import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.accounts.User;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.Problem;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A learner's credits with one organization as a signed CLR 2.0 {@code ClrCredential}: every credential the
 * organization awarded them, embedded as issued and signed (each {@code AchievementSubject} carries its
 * {@code creditsEarned}), the external credits it approved as {@code Achievement}s with {@code creditsAvailable}, and
 * {@code isRelatedTo} associations from each credit-bearing achievement to the credential its credits renew. Signed by
 * the organization's key ({@code eddsa-rdfc-2022}), so it verifies like its badges.
 *
 * <p>Only terms the bundled contexts define are used (proofs are made in JSON-LD safe mode): the CLR 2.0 context
 * Guildmark ships ({@code …/clr/v2p0/context.json}) gives a {@code ClrSubject} no {@code identifier}, so the subject is
 * named by the holder's DID when they proved one, and otherwise by the embedded credentials, which identify them.
 *
 * <p>An organization signs only what it decided: a transcript holds only the credentials it awarded to the person
 * (not revoked) and the external credits its staff approved; with neither there is nothing to sign and the request is
 * refused. The holder's name comes from the organization's own award records (the name it made its latest award out
 * to), else from the holder's verified account, and is fixed in the signed document. Every transcript carries an entry
 * in one of the organization's status lists and is recorded ({@code clr_transcripts}: who, when, which awards and
 * credits, the signed document), so staff see it on the organization's Credits tab and can revoke it.
 */
@Service
public class ClrTranscripts {

    public static final String CLR_CONTEXT = "https://purl.imsglobal.org/spec/clr/v2p0/context.json";
    static final String VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
    static final String OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    private static final JsonProvider JSON = JsonProvider.provider();

    /** A transcript the organization signed, as staff see it. */
    public record Issued(UUID id, String holderEmail, String holderName, Instant issuedAt, int credentials, int externalCredits,
            boolean revoked, @Nullable Instant revokedAt, @Nullable String revocationReason) {

        /** When it was signed, for people: "3 December 2026, 21:30 UTC". */
        public String signedOn() {
            return java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
                    .format(issuedAt.atOffset(java.time.ZoneOffset.UTC));
        }
    }

    /** What goes into one transcript: the organization's own records only. */
    record Contents(List<Award> awards, List<ExternalCredits.Report> approved, String holderName, @Nullable String holderDid,
            @Nullable UUID holderUserId) {}

    private final Ledger ledger;
    private final RenewalRules rules;
    private final ExternalCredits external;
    private final Awards awards;
    private final Accounts accounts;
    private final AccountDids accountDids;
    private final Organizations organizations;
    private final JdbcClient db;
    private final Clock clock;
    private final io.guildmark.app.shared.AuditTrail audit;

    ClrTranscripts(Ledger ledger, RenewalRules rules, ExternalCredits external, Awards awards, Accounts accounts, AccountDids accountDids,
            Organizations organizations, JdbcClient db, Clock clock, io.guildmark.app.shared.AuditTrail audit) {
        this.audit = audit;
        this.ledger = ledger;
        this.rules = rules;
        this.external = external;
        this.awards = awards;
        this.accounts = accounts;
        this.accountDids = accountDids;
        this.organizations = organizations;
        this.db = db;
        this.clock = clock;
    }

    /**
     * Signs the person's transcript with the organization now, with a status list entry, and records it; refused (409
     * {@code nothing-to-sign}) when the organization awarded them nothing and approved no credits of theirs.
     */
    public JsonObject signed(Organization org, String email) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        Contents contents = contents(org, address);
        if (contents.awards().isEmpty() && contents.approved().isEmpty()) {
            throw Problem.conflict("nothing-to-sign", org.name() + " has awarded you no credentials and approved no credits of yours,"
                    + " so there is no transcript for it to sign.");
        }
        UUID id = UUID.randomUUID();
        Awards.StatusEntry status = awards.allocateStatus(org.id());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JsonObject signed = awards.signAsIssuer(org.id(), unsigned(org, address, contents, id, status.credentialStatus(), now));
        db.sql("""
                insert into clr_transcripts (id, organization_id, holder_email, holder_user_id, holder_name, issued_at, award_ids,
                  external_credit_ids, credential, status_list_id, status_index, state)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active')""")
                .params(id, org.id(), address, contents.holderUserId(), contents.holderName(), Timestamp.from(now),
                        String.join(",", contents.awards().stream().map(a -> a.id().toString()).toList()),
                        String.join(",", contents.approved().stream().map(r -> r.id().toString()).toList()),
                        signed.toString(), status.listId(), status.index())
                .update();
        return signed;
    }

    /** The transcripts the organization signed, newest first, for its staff. */
    public List<Issued> issued(Actor actor, String slug, int limit) {
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        return db.sql("select * from clr_transcripts where organization_id = ? order by issued_at desc limit ?").params(org.id(), limit)
                .query(ClrTranscripts::issuedRow).list();
    }

    static Issued issuedRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Issued(rs.getObject("id", UUID.class), rs.getString("holder_email"), rs.getString("holder_name"),
                rs.getTimestamp("issued_at").toInstant(), count(rs.getString("award_ids")), count(rs.getString("external_credit_ids")),
                "revoked".equals(rs.getString("state")),
                rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant(),
                rs.getString("revocation_reason"));
    }

    /** Revokes a transcript the organization signed: its status list entry is set, so every copy fails verification. */
    @Transactional
    public Issued revoke(Actor actor, String slug, UUID id, String reason) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        var row = db.sql("select status_list_id, status_index, state from clr_transcripts where id = ? and organization_id = ? for update")
                .params(id, org.id()).query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3)}).optional()
                .orElseThrow(() -> Problem.notFound("The transcript"));
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500) throw Problem.invalidField("reason", "Give a reason for the revocation (at most 500 characters).");
        if ("revoked".equals(row[2])) throw Problem.conflict("already-revoked", "This transcript is already revoked.");
        db.sql("update clr_transcripts set state = 'revoked', revoked_at = ?, revoked_by = ?, revocation_reason = ? where id = ?")
                .params(Timestamp.from(clock.instant()), actor instanceof Actor.Person p ? p.userId() : null, why, id).update();
        awards.revokeStatus(org.id(), (UUID) row[0], (Integer) row[1]);
        audit.record(actor, org.id(), "transcript.revoked", "clr_transcript", id, Map.of("reason", why));
        // By id: the transcript may be older than any first page of the list.
        return db.sql("select * from clr_transcripts where id = ?").param(id).query(ClrTranscripts::issuedRow).single();
    }

    private static int count(@Nullable String ids) {
        return ids == null || ids.isBlank() ? 0 : ids.split(",").length;
    }

    /**
     * The organization's own records about the person: the awards it made them (not revoked; the existing issuing
     * lookup of a person's awards), the external credits its staff approved, and the name to use.
     */
    Contents contents(Organization org, String address) {
        List<Award> held = awards.heldBy(address).stream().filter(a -> a.organizationId().equals(org.id()) && !a.revoked()).toList();
        List<ExternalCredits.Report> approved = external.mine(address, org.id()).stream()
                .filter(r -> r.status() == ExternalCredits.Status.APPROVED).toList();
        User user = accounts.findByEmail(address).orElse(null);
        User verified = user != null && user.emailVerified() ? user : null;
        String name = held.stream().max(Comparator.comparing(Award::issuedAt)).map(Award::recipientName)
                .or(() -> java.util.Optional.ofNullable(verified).map(User::name))
                .orElse(address);
        return new Contents(held, approved, name, verified == null ? null : accountDids.provenDids(verified.id()).stream().findFirst().orElse(null), verified == null ? null : verified.id());
    }

    JsonObject unsigned(Organization org, String address, Contents contents, UUID id, JsonObject credentialStatus, Instant now) {
        String holderName = contents.holderName();

        JsonArrayBuilder credentials = JSON.createArrayBuilder();
        List<Award> held = contents.awards();
        for (Award award : held) {
            awards.signedCredential(award.id()).ifPresent(text -> {
                try (var reader = JSON.createReader(new StringReader(text))) {
                    credentials.add(reader.readObject());
                }
            });
        }

        JsonArrayBuilder achievements = JSON.createArrayBuilder();
        for (ExternalCredits.Report r : contents.approved()) {
            String amount = CreditReminders.plain(r.amount()) + " " + r.creditType();
            achievements.add(JSON.createObjectBuilder()
                    .add("id", "urn:uuid:" + r.id())
                    .add("type", JSON.createArrayBuilder().add("Achievement"))
                    .add("name", r.title())
                    .add("description", amount + (r.category() == null ? "" : " in " + r.category()) + " from " + r.provider()
                            + ", completed on " + r.completedOn() + ", reported by the holder and approved by " + org.name() + ".")
                    .add("criteria", JSON.createObjectBuilder().add("narrative",
                            "Staff of " + org.name() + " checked the proof of completion the holder submitted."))
                    .add("creditsAvailable", r.amount().stripTrailingZeros().doubleValue()));
        }

        JsonArrayBuilder associations = JSON.createArrayBuilder();
        for (RenewalRules.Rule rule : rules.forOrganization(org.id())) {
            if (rule.anchor() != RenewalRules.Anchor.CREDENTIAL || rule.achievementId() == null) continue;
            if (held.stream().noneMatch(a -> a.achievementId().equals(rule.achievementId()))) continue;
            held.stream().filter(a -> !a.achievementId().equals(rule.achievementId()))
                    .filter(a -> ledger.entries(org.id(), address).stream().anyMatch(e -> e.sourceId().equals(a.id())
                            && e.creditType().equalsIgnoreCase(rule.creditType())))
                    .map(Award::achievementId).distinct()
                    .forEach(source -> associations.add(JSON.createObjectBuilder()
                            .add("type", "Association")
                            .add("associationType", "isRelatedTo")
                            .add("sourceId", achievementUrl(held, source))
                            .add("targetId", achievementUrl(held, rule.achievementId()))));
        }

        JsonObjectBuilder subject = JSON.createObjectBuilder();
        if (contents.holderDid() != null) subject.add("id", contents.holderDid());
        subject.add("type", JSON.createArrayBuilder().add("ClrSubject"))
                .add("verifiableCredential", credentials)
                .add("achievement", achievements)
                .add("association", associations);

        return JSON.createObjectBuilder()
                .add("@context", JSON.createArrayBuilder().add(VC_CONTEXT).add(CLR_CONTEXT).add(OB_CONTEXT))
                .add("id", "urn:uuid:" + id)
                .add("type", JSON.createArrayBuilder().add("VerifiableCredential").add("ClrCredential"))
                .add("issuer", awards.issuerProfile(org.id()))
                .add("name", "Credit transcript of " + holderName + " with " + org.name())
                .add("description", "Every credential " + org.name() + " awarded " + holderName + " and the credits from elsewhere it approved, as of "
                        + LocalDate.ofInstant(now, java.time.ZoneOffset.UTC) + ".")
                .add("validFrom", now.toString())
                .add("credentialSubject", subject)
                .add("credentialStatus", credentialStatus)
                .build();
    }

    /** The achievement's id as the embedded credential states it (the version that was awarded). */
    private String achievementUrl(List<Award> held, UUID achievementId) {
        for (Award award : held) {
            if (!award.achievementId().equals(achievementId)) continue;
            String text = awards.signedCredential(award.id()).orElse(null);
            if (text == null) continue;
            try (var reader = JSON.createReader(new StringReader(text))) {
                JsonObject credential = reader.readObject();
                JsonObject achievement = credential.getJsonObject("credentialSubject").getJsonObject("achievement");
                if (achievement != null && achievement.containsKey("id")) return achievement.getString("id");
            } catch (RuntimeException e) {
                // an unreadable stored credential cannot name its achievement; fall through to the catalog address
            }
        }
        return "urn:uuid:" + achievementId;
    }
}
