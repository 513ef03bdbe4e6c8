package io.guildmark.app.issuing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonObjectBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Builds the unsigned OB 3.0 {@code AchievementCredential} of an award. Every property that may hold several values
 * is an array, as the newest 1EdTech JSON Schema requires; dates are whole seconds in UTC, so the JSON and the JWT
 * claims agree exactly.
 */
final class Credentials {

    /** Looked up once: {@code Json.create…} runs a ServiceLoader scan of the class path on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final String VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
    static final String OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    static final String EXTENSIONS_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";

    /** One piece of evidence: what the learner did, and where to see it. */
    record EvidenceItem(@Nullable String narrative, @Nullable String url, @Nullable String name) {}

    /** Who the credential is about: a salted hash of their e-mail, their name, and their DID once they link one. */
    record Recipient(String email, String name, String salt, @Nullable String did) {}

    private Credentials() {}

    static JsonObject achievementCredential(String credentialUrl, JsonObject issuerProfile, JsonObject achievement,
            List<JsonObject> results, Recipient recipient,
            List<EvidenceItem> evidence, Instant validFrom, @Nullable Instant validUntil, JsonObject credentialStatus,
            @Nullable BigDecimal creditsEarned) {
        boolean oneEdTechStatus = credentialStatus.getString("type", "").startsWith("1EdTech");
        JsonArrayBuilder context = JSON.createArrayBuilder().add(VC_CONTEXT).add(OB_CONTEXT);
        if (oneEdTechStatus) context.add(EXTENSIONS_CONTEXT);

        JsonObjectBuilder subject = JSON.createObjectBuilder();
        if (recipient.did() != null) subject.add("id", recipient.did());
        subject.add("type", JSON.createArrayBuilder().add("AchievementSubject"))
                .add("identifier", JSON.createArrayBuilder()
                        .add(JSON.createObjectBuilder().add("type", "IdentityObject").add("identityHash", hashEmail(recipient.email(), recipient.salt()))
                                .add("identityType", "emailAddress").add("hashed", true).add("salt", recipient.salt()))
                        .add(JSON.createObjectBuilder().add("type", "IdentityObject").add("identityHash", recipient.name())
                                .add("identityType", "name").add("hashed", false)))
                .add("achievement", achievement);
        if (creditsEarned != null && creditsEarned.signum() > 0) subject.add("creditsEarned", creditsEarned.stripTrailingZeros().doubleValue());
        if (!results.isEmpty()) {
            JsonArrayBuilder resultArray = JSON.createArrayBuilder();
            results.forEach(resultArray::add);
            subject.add("result", resultArray);
        }

        JsonObjectBuilder credential = JSON.createObjectBuilder()
                .add("@context", context)
                .add("id", credentialUrl)
                .add("type", JSON.createArrayBuilder().add("VerifiableCredential").add("OpenBadgeCredential"))
                .add("issuer", issuerProfile)
                .add("validFrom", seconds(validFrom));
        if (validUntil != null) credential.add("validUntil", seconds(validUntil));
        credential.add("name", achievement.getString("name"));
        if (achievement.containsKey("description")) credential.add("description", achievement.getString("description"));
        if (achievement.containsKey("image")) credential.add("image", achievement.get("image"));
        credential.add("credentialSubject", subject);
        if (!evidence.isEmpty()) {
            JsonArrayBuilder items = JSON.createArrayBuilder();
            for (EvidenceItem item : evidence) {
                JsonObjectBuilder e = JSON.createObjectBuilder();
                if (item.url() != null) e.add("id", item.url());
                e.add("type", JSON.createArrayBuilder().add("Evidence"));
                if (item.name() != null) e.add("name", item.name());
                if (item.narrative() != null) e.add("narrative", item.narrative());
                items.add(e);
            }
            credential.add("evidence", items);
        }
        credential.add("credentialStatus", credentialStatus);
        return credential.build();
    }

    /** {@code sha256$} and the hex SHA-256 of the lower-cased address followed by the salt (OB 3.0 §B.1.10). */
    static String hashEmail(String email, String salt) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((email.trim().toLowerCase(Locale.ROOT) + salt).getBytes(StandardCharsets.UTF_8));
            return "sha256$" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
