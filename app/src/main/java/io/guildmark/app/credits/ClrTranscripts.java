package io.guildmark.app.credits;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.accounts.User;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.organizations.Organization;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import org.springframework.stereotype.Service;

/**
 * A learner's credits with one organization as a signed CLR 2.0 {@code ClrCredential}: every credential the
 * organization awarded them, embedded as issued and signed (each {@code AchievementSubject} carries its
 * {@code creditsEarned}), the external credits it approved as {@code Achievement}s with {@code creditsAvailable}, and
 * {@code isRelatedTo} associations from each credit-bearing achievement to the credential its credits renew. Signed by
 * the organization's key ({@code eddsa-rdfc-2022}), so it verifies like its badges.
 *
 * <p>Only terms the bundled contexts define are used (proofs are made in JSON-LD safe mode): the CLR 2.0 context
 * Guildmark ships ({@code …/clr/v2p0/context.json}) gives a {@code ClrSubject} no {@code identifier}, so the subject is
 * named by the holder's DID when they linked one, and otherwise by the embedded credentials, which identify them.
 */
@Service
public class ClrTranscripts {

    public static final String CLR_CONTEXT = "https://purl.imsglobal.org/spec/clr/v2p0/context.json";
    static final String VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
    static final String OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    private static final JsonProvider JSON = JsonProvider.provider();

    private final Ledger ledger;
    private final RenewalRules rules;
    private final ExternalCredits external;
    private final Awards awards;
    private final Accounts accounts;
    private final Clock clock;

    ClrTranscripts(Ledger ledger, RenewalRules rules, ExternalCredits external, Awards awards, Accounts accounts, Clock clock) {
        this.ledger = ledger;
        this.rules = rules;
        this.external = external;
        this.awards = awards;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The signed transcript of the person with the organization, made now. */
    public JsonObject signed(Organization org, String email) {
        return awards.signAsIssuer(org.id(), unsigned(org, email));
    }

    JsonObject unsigned(Organization org, String email) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String address = email.toLowerCase(Locale.ROOT);
        User user = accounts.findByEmail(address).orElse(null);
        String holderName = user == null ? address : user.name();

        JsonArrayBuilder credentials = JSON.createArrayBuilder();
        List<Award> held = awards.heldBy(address).stream().filter(a -> a.organizationId().equals(org.id()) && !a.revoked()).toList();
        for (Award award : held) {
            awards.signedCredential(award.id()).ifPresent(text -> {
                try (var reader = JSON.createReader(new StringReader(text))) {
                    credentials.add(reader.readObject());
                }
            });
        }

        JsonArrayBuilder achievements = JSON.createArrayBuilder();
        for (ExternalCredits.Report r : external.mine(address, org.id())) {
            if (r.status() != ExternalCredits.Status.APPROVED) continue;
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
        if (user != null && user.did() != null) subject.add("id", user.did());
        subject.add("type", JSON.createArrayBuilder().add("ClrSubject"))
                .add("verifiableCredential", credentials)
                .add("achievement", achievements)
                .add("association", associations);

        return JSON.createObjectBuilder()
                .add("@context", JSON.createArrayBuilder().add(VC_CONTEXT).add(CLR_CONTEXT).add(OB_CONTEXT))
                .add("id", "urn:uuid:" + UUID.randomUUID())
                .add("type", JSON.createArrayBuilder().add("VerifiableCredential").add("ClrCredential"))
                .add("issuer", awards.issuerProfile(org.id()))
                .add("name", "Credit transcript of " + holderName + " with " + org.name())
                .add("description", "Every credential " + org.name() + " awarded " + holderName + " and the credits from elsewhere it approved, as of "
                        + LocalDate.ofInstant(now, java.time.ZoneOffset.UTC) + ".")
                .add("validFrom", now.toString())
                .add("credentialSubject", subject)
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
