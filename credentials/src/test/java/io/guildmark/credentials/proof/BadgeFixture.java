package io.guildmark.credentials.proof;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.Random;

/** Open Badges 3.0 credentials as issued by a Guildmark program, written as JSON. */
public final class BadgeFixture {

    public static final String ISSUER = "did:web:badges.example.org:issuers:welding-guild";

    public static final String VERIFICATION_METHOD = ISSUER + "#key-1";

    private static final String[] NAMES = {"Ada Lovelace", "Zoë Ñúñez", "李小龍", "Ørjan Þórsson", "Amélie \"Mimi\" Dupont",
        "O'Brien\\Backslash", "Émile\nZola", "Σωκράτης", "محمد", "🙂 Emoji Person"};

    private BadgeFixture() {
    }

    public record Parts(int evidence, boolean result, int alignments, boolean status) {
    }

    /** A realistic badge: a result, several alignments and evidence items, a status entry. */
    public static JsonObject realisticBadge() {
        return badge(7, new Parts(3, true, 3, true));
    }

    /** A badge for award {@code n} with the given optional parts. */
    public static JsonObject badge(int n, Parts options) {
        Random random = new Random(n);
        String learner = NAMES[n % NAMES.length] + (n >= NAMES.length ? " " + n : "");
        JsonObjectBuilder achievement = Json.createObjectBuilder()
                .add("id", "https://badges.example.org/achievements/mig-welding-" + (n % 3))
                .add("type", Json.createArrayBuilder().add("Achievement"))
                .add("achievementType", "MicroCredential")
                .add("name", "MIG Welding — Level " + (1 + n % 3))
                .add("description", "Demonstrates safe MIG welding of mild steel, all positions.")
                .add("criteria", Json.createObjectBuilder()
                        .add("narrative", "Pass the practical assessment, reviewed by two certified welders."))
                .add("image", Json.createObjectBuilder()
                        .add("id", "https://badges.example.org/images/mig.png").add("type", "Image"))
                .add("creditsAvailable", 1.5)
                .add("humanCode", "MIG-" + (100 + n % 3));
        if (options.alignments() > 0) {
            JsonArrayBuilder alignments = Json.createArrayBuilder();
            for (int i = 0; i < options.alignments(); i++) {
                alignments.add(Json.createObjectBuilder()
                        .add("type", Json.createArrayBuilder().add("Alignment"))
                        .add("targetName", "Competency " + i + " of " + learner.length())
                        .add("targetUrl", "https://frameworks.example.org/welding/" + i)
                        .add("targetDescription", "Weld joint type " + i)
                        .add("targetFramework", "Welding Framework 2026")
                        .add("targetCode", "W-" + i)
                        .add("targetType", "CFItem"));
            }
            achievement.add("alignment", alignments);
        }
        if (options.result()) {
            achievement.add("resultDescription", Json.createArrayBuilder().add(Json.createObjectBuilder()
                    .add("id", "urn:uuid:5f4c1a00-0000-4000-8000-00000000000" + (n % 3))
                    .add("type", Json.createArrayBuilder().add("ResultDescription"))
                    .add("name", "Practical assessment")
                    .add("resultType", "RubricCriterionLevel")));
        }
        String salt = Long.toHexString(random.nextLong());
        JsonObjectBuilder subject = Json.createObjectBuilder()
                .add("type", Json.createArrayBuilder().add("AchievementSubject"))
                .add("identifier", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("type", "IdentityObject")
                        .add("identityHash", "sha256$" + String.format("%016x%016x%016x%016x", random.nextLong(),
                                random.nextLong(), random.nextLong(), random.nextLong()))
                        .add("identityType", "emailAddress")
                        .add("hashed", true)
                        .add("salt", salt)))
                .add("achievement", achievement);
        if (options.result()) {
            subject.add("result", Json.createArrayBuilder().add(Json.createObjectBuilder()
                    .add("type", Json.createArrayBuilder().add("Result"))
                    .add("resultDescription", "urn:uuid:5f4c1a00-0000-4000-8000-00000000000" + (n % 3))
                    .add("value", n % 2 == 0 ? "Meets" : "Exceeds")));
        }
        JsonObjectBuilder credential = Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder()
                        .add("https://www.w3.org/ns/credentials/v2")
                        .add("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"))
                .add("id", "https://badges.example.org/credentials/" + java.util.UUID.nameUUIDFromBytes(
                        ("award" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .add("type", Json.createArrayBuilder().add("VerifiableCredential").add("OpenBadgeCredential"))
                .add("name", "MIG Welding awarded to " + learner)
                .add("issuer", Json.createObjectBuilder()
                        .add("id", ISSUER)
                        .add("type", Json.createArrayBuilder().add("Profile"))
                        .add("name", "Welding Guild of Examplia")
                        .add("url", "https://welding-guild.example.org"))
                .add("validFrom", String.format("2026-%02d-%02dT10:%02d:00Z", 1 + n % 12, 1 + n % 28, n % 60))
                .add("credentialSubject", subject);
        if (n % 4 == 0) {
            credential.add("validUntil", "2029-12-31T23:59:59Z");
        }
        if (options.evidence() > 0) {
            JsonArrayBuilder evidence = Json.createArrayBuilder();
            for (int i = 0; i < options.evidence(); i++) {
                evidence.add(Json.createObjectBuilder()
                        .add("id", "https://badges.example.org/evidence/" + n + "/" + i)
                        .add("type", Json.createArrayBuilder().add("Evidence"))
                        .add("name", "Work product " + (i + 1) + " by " + learner)
                        .add("narrative", "Butt weld, 6 mm plate; reviewer notes: «clean bead» #" + i));
            }
            credential.add("evidence", evidence);
        }
        if (options.status()) {
            credential.add("credentialStatus", Json.createObjectBuilder()
                    .add("id", "https://badges.example.org/status/3#" + (n * 7))
                    .add("type", "BitstringStatusListEntry")
                    .add("statusPurpose", "revocation")
                    .add("statusListIndex", String.valueOf(n * 7))
                    .add("statusListCredential", "https://badges.example.org/status/3"));
        }
        return credential.build();
    }
}
