package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.guildmark.app.issuing.IssuerKeys;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/verify} answers a credential of this platform verified before from its kept outcome, yet a
 * revocation and a key retirement count with the very next request, and a copy changed in any byte is verified in full.
 */
class KeptOutcomesIntegrationTest extends IntegrationTest {

    private static final String TYPE = "application/vc+ld+json";

    @Autowired
    private Verification verification;
    @Autowired
    private IssuerKeys keys;

    private String slug;
    private Api key;
    private String achievementId;

    @BeforeEach
    void anAssociationWithAPublishedMicroCredential() {
        slug = Fixtures.createOrganization(admin(), "kept");
        key = api().withToken(Fixtures.createApiKey(admin(), slug));
        achievementId = Catalog.publishedMicroCredential(key, slug, "Chair a Meeting");
    }

    private JsonNode award(String name) {
        return key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", Fixtures.uniqueEmail("kept"), "name", name))).json();
    }

    private byte[] signed(JsonNode award) {
        return api().get(award.get("credentialUrl").asText(), TYPE).body().getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode verify(byte[] credential) {
        Api.Response response = api().post("/api/v1/verify", credential, TYPE);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("check").asText().equals(name)) return check;
        }
        throw new AssertionError("no check " + name + " in " + report);
    }

    @Test
    void aCredentialVerifiedTwiceIsAnsweredFromItsKeptOutcomeWithTheSameReport() {
        byte[] credential = signed(award("Kept Once"));
        JsonNode first = verify(credential);
        assertThat(verification.keepsOutcomeOf(credential, TYPE, null)).isTrue();
        JsonNode second = verify(credential);

        assertThat(second).isEqualTo(first);
        assertThat(second.get("verified").asBoolean()).isTrue();
        assertThat(second.get("credential").isObject()).as("the credential is written as JSON, not as a string").isTrue();
        assertThat(second.get("credential").get("proof")).isNotNull();
        assertThat(second.get("issuer").get("approved").asBoolean()).isTrue();
    }

    @Test
    void aRevokedCredentialIsReportedRevokedAtOnceThoughItsOutcomeWasKept() {
        JsonNode award = award("Rev Oked");
        byte[] credential = signed(award);
        assertThat(verify(credential).get("verified").asBoolean()).isTrue();
        assertThat(verification.keepsOutcomeOf(credential, TYPE, null)).isTrue();

        key.post("/api/v1/awards/" + award.get("id").asText() + "/revoke", Map.of("reason", "Issued in error"));

        JsonNode report = verify(credential);
        assertThat(report.get("verdict").asText()).isEqualTo("revoked");
        assertThat(check(report, "status").get("code").asText()).isEqualTo("REVOKED");
        // Kept again under the list's new version, and still revoked.
        assertThat(verify(credential).get("verdict").asText()).isEqualTo("revoked");
    }

    @Test
    void aRetiredKeyFailsItsCredentialsAtOnceThoughTheirOutcomeWasKept() {
        byte[] credential = signed(award("Ret Ired"));
        assertThat(verify(credential).get("verified").asBoolean()).isTrue();
        assertThat(verification.keepsOutcomeOf(credential, TYPE, null)).isTrue();
        String signingKey = Api.JSON.readTree(new String(credential, StandardCharsets.UTF_8)).get("proof").get(0)
                .get("verificationMethod").asText();
        var active = keys.list(new Actor.PlatformAdmin(), slug).stream().filter(k -> k.verificationMethod().equals(signingKey))
                .findFirst().orElseThrow();

        keys.retire(new Actor.PlatformAdmin(), slug, active.id(), "Key compromised");

        JsonNode report = verify(credential);
        assertThat(report.get("verified").asBoolean()).isFalse();
        assertThat(check(report, "issuerKey").get("code").asText()).isIn("KEY_REVOKED", "KEY_RETIRED");
    }

    @Test
    void aTamperedCopyOfAKeptCredentialIsVerifiedInFullAndRejected() {
        byte[] credential = signed(award("Tam Per"));
        assertThat(verify(credential).get("verified").asBoolean()).isTrue();
        assertThat(verification.keepsOutcomeOf(credential, TYPE, null)).isTrue();
        byte[] altered = new String(credential, StandardCharsets.UTF_8).replace("Tam Per", "Tom Per").getBytes(StandardCharsets.UTF_8);

        JsonNode report = verify(altered);
        assertThat(report.get("verified").asBoolean()).isFalse();
        assertThat(check(report, "proof").get("code").asText()).isEqualTo("INVALID_SIGNATURE");
        assertThat(verify(altered).get("verified").asBoolean()).isFalse();
        assertThat(verify(credential).get("verified").asBoolean()).isTrue();
    }

    @Test
    void anOutcomeIsKeptPerExpectedRecipient() {
        byte[] credential = signed(award("Reci Pient"));
        assertThat(verify(credential).get("verified").asBoolean()).isTrue();

        Api.Response other = api().post("/api/v1/verify?expectedRecipient=someone.else@example.org", credential, TYPE);
        assertThat(other.json().get("verified").asBoolean()).isFalse();
        assertThat(check(other.json(), "recipient").get("code").asText()).isEqualTo("MISMATCH");
        assertThat(verify(credential).get("verified").asBoolean()).isTrue();
    }

    @Test
    void theVcApiSharesTheKeptOutcomesAndSeesARevocationAtOnce() {
        JsonNode award = award("Vc Api");
        String credential = new String(signed(award), StandardCharsets.UTF_8);
        String body = "{\"verifiableCredential\":" + credential + "}";
        assertThat(api().post("/credentials/verify", body.getBytes(StandardCharsets.UTF_8), "application/json").status()).isEqualTo(200);
        assertThat(api().post("/credentials/verify", body.getBytes(StandardCharsets.UTF_8), "application/json").status()).isEqualTo(200);

        key.post("/api/v1/awards/" + award.get("id").asText() + "/revoke", Map.of("reason", "Issued in error"));

        Api.Response revoked = api().post("/credentials/verify", body.getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(revoked.status()).isEqualTo(422);
        assertThat(revoked.body()).contains("REVOKED");
    }
}
