package io.guildmark.credentials.ob3;

import io.guildmark.credentials.jsonld.JsonLdToRdf;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import io.guildmark.credentials.proof.EddsaRdfc2022;
import io.guildmark.credentials.proof.ProofOptions;
import io.guildmark.credentials.proof.ProofResult;
import io.guildmark.credentials.proof.PublicKeyResolver;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AchievementCredentialTest {

    static final Ed25519KeyPair KEY = Ed25519KeyPair.generate();

    static final String VM = Ob3Fixture.ISSUER + "#key-1";

    @Test
    void serializedCredentialPassesTheOb3Schema() {
        assertThat(SchemaCheck.errors(SchemaCheck.ACHIEVEMENT_CREDENTIAL, Ob3Fixture.credential().toJson())).isEmpty();
        assertThat(SchemaCheck.errors(SchemaCheck.ACHIEVEMENT_CREDENTIAL, Ob3Fixture.minimalCredential().toJson()))
                .isEmpty();
    }

    @Test
    void signedCredentialPassesTheOb3SchemaAndVerifies() {
        JsonObject signed = EddsaRdfc2022.create().sign(Ob3Fixture.credential().toJson(),
                ProofOptions.assertion(VM, Instant.parse("2026-11-21T09:00:00Z")), KEY);

        assertThat(SchemaCheck.errors(SchemaCheck.ACHIEVEMENT_CREDENTIAL, signed)).isEmpty();
        assertThat(EddsaRdfc2022.create().verify(signed, PublicKeyResolver.fixed(VM, KEY.publicKey())))
                .isEqualTo(ProofResult.ok());
        assertThat(AchievementCredential.fromJson(signed).proof()).hasSize(1);
    }

    @Test
    void singleObjectProofFailsTheSchemaAsTheSourcesNote() {
        JsonObject guideVector = resource("/vectors/examples/linked-data-proof-ob.signed.json");

        assertThat(SchemaCheck.errors(SchemaCheck.ACHIEVEMENT_CREDENTIAL, guideVector))
                .anyMatch(error -> error.contains("proof"));
    }

    @Test
    void everyRepeatablePropertyIsAnArray() {
        JsonObject json = Ob3Fixture.credential().toJson();
        JsonObject subject = json.getJsonObject("credentialSubject");
        JsonObject achievement = subject.getJsonObject("achievement");

        for (JsonValue value : List.of(json.get("type"), json.get("evidence"), subject.get("type"),
                subject.get("identifier"), subject.get("result"), achievement.get("type"), achievement.get("alignment"),
                achievement.get("tag"), achievement.get("resultDescription"),
                json.getJsonObject("issuer").get("type"),
                achievement.getJsonArray("alignment").getJsonObject(0).get("type"),
                json.getJsonArray("evidence").getJsonObject(0).get("type"))) {
            assertThat(value.getValueType()).isEqualTo(JsonValue.ValueType.ARRAY);
        }
        assertThat(json.getJsonArray("type")).containsExactly(Json.createValue("VerifiableCredential"),
                Json.createValue("OpenBadgeCredential"));
    }

    @Test
    void contextIsVcThenOpenBadges() {
        assertThat(Ob3Fixture.credential().toJson().getJsonArray("@context")).containsExactly(
                Json.createValue("https://www.w3.org/ns/credentials/v2"),
                Json.createValue("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"));
    }

    @Test
    void roundTripThroughJsonKeepsEveryValue() {
        AchievementCredential credential = Ob3Fixture.credential();

        assertThat(AchievementCredential.fromJson(credential.toJson())).isEqualTo(credential);
        assertThat(AchievementCredential.fromJson(Ob3Fixture.minimalCredential().toJson()))
                .isEqualTo(Ob3Fixture.minimalCredential());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"basicOpenBadgeCredential.json", "fullOpenBadge.json", "achievementAlignmentCase.json",
        "achievementAlignmentCe.json", "skillAssertionCase.json", "skillAssertionCtdl.json",
        "linked-data-proof-ob.signed.json"})
    void readsThe1EdTechExamples(String file) {
        JsonObject example = resource("/vectors/examples/" + file);

        AchievementCredential credential = AchievementCredential.fromJson(example);

        assertThat(credential.id()).isEqualTo(example.getString("id"));
        assertThat(credential.credentialSubject().achievement().id())
                .isEqualTo(example.getJsonObject("credentialSubject").getJsonObject("achievement").getString("id"));
    }

    @Test
    void oneEdTechSchemaTypeBringsTheExtensionsContextAndSignsInSafeMode() throws Exception {
        AchievementCredential base = Ob3Fixture.credential();
        AchievementCredential withSchema = new AchievementCredential(base.id(), base.name(), base.description(),
                base.image(), base.issuer(), base.validFrom(), base.validUntil(), base.awardedDate(),
                base.credentialSubject(), base.evidence(), base.credentialStatus(),
                List.of(CredentialSchema.OB_ACHIEVEMENT_CREDENTIAL), null, null);
        JsonObject json = withSchema.toJson();

        assertThat(json.getJsonArray("@context")).hasSize(3)
                .contains(Json.createValue("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"));
        assertThat(JsonLdToRdf.toRdf(json)).anyMatch(q -> q.object()
                .equals("https://purl.imsglobal.org/spec/vccs/v1p0/context.json#1EdTechJsonSchemaValidator2019"));
        JsonObject signed = EddsaRdfc2022.create().sign(json, ProofOptions.assertion(VM, Instant.now()), KEY);
        assertThat(EddsaRdfc2022.create().verify(signed, PublicKeyResolver.fixed(VM, KEY.publicKey())))
                .isEqualTo(ProofResult.ok());
        assertThat(SchemaCheck.errors(SchemaCheck.ACHIEVEMENT_CREDENTIAL, signed)).isEmpty();
    }

    @Test
    void revocationListStatusBringsTheExtensionsContext() {
        CredentialStatus revocationList = new CredentialStatus("https://badges.example.org/revocations/1",
                "1EdTechRevocationList", null);

        assertThat(revocationList.needsExtensionsContext()).isTrue();
        assertThat(CredentialStatus.bitstring("https://badges.example.org/status/1", 3, "revocation")
                .needsExtensionsContext()).isFalse();
    }

    @Test
    void bitstringStatusEntryPointsIntoItsList() {
        JsonObject status = CredentialStatus.bitstring("https://badges.example.org/status/3", 4711, "revocation")
                .toJson();

        assertThat(status.getString("id")).isEqualTo("https://badges.example.org/status/3#4711");
        assertThat(status.getString("type")).isEqualTo("BitstringStatusListEntry");
        assertThat(status.getString("statusListIndex")).isEqualTo("4711");
        assertThat(status.getString("statusListCredential")).isEqualTo("https://badges.example.org/status/3");
    }

    @Test
    void credentialWithoutIssuerIsRejected() {
        assertThatThrownBy(() -> AchievementCredential.of("urn:uuid:1", "x", null, Instant.now(),
                Ob3Fixture.minimalCredential().credentialSubject(), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validUntilBeforeValidFromIsRejected() {
        AchievementCredential c = Ob3Fixture.minimalCredential();

        assertThatThrownBy(() -> new AchievementCredential(c.id(), c.name(), null, null, c.issuer(), c.validFrom(),
                c.validFrom().minusSeconds(1), null, c.credentialSubject(), null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validUntil");
    }

    @Test
    void credentialWithAnotherFirstContextIsNotReadAsOpenBadge() {
        JsonObject json = Json.createObjectBuilder(Ob3Fixture.minimalCredential().toJson())
                .add("@context", Json.createArrayBuilder().add("https://www.w3.org/2018/credentials/v1")
                        .add("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")).build();

        assertThatThrownBy(() -> AchievementCredential.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@context");
    }

    static JsonObject resource(String path) {
        try (InputStream in = AchievementCredentialTest.class.getResourceAsStream(path)) {
            return Json.createReader(in).readObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
