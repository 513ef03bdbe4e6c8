package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

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
 * The public verification paths keep what they can in memory (this platform's DID documents under a key-set stamp,
 * proofs already found valid), yet a key rotation, a key retirement and a revocation count with the very next request,
 * and an altered credential still fails.
 */
class PublicVerificationFromMemoryIntegrationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    private IssuerKeys keys;

    private String slug;
    private Api key;
    private String achievementId;

    @BeforeEach
    void anAssociationWithAPublishedMicroCredential() {
        slug = Fixtures.createOrganization(admin(), "memory");
        key = api().withToken(Fixtures.createApiKey(admin(), slug));
        achievementId = Catalog.publishedMicroCredential(key, slug, "Run a Retrospective");
    }

    private JsonNode award(String name) {
        return key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", Fixtures.uniqueEmail("mem"), "name", name))).json();
    }

    private byte[] signed(JsonNode award) {
        return api().get(award.get("credentialUrl").asText(), "application/vc+ld+json").body().getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode verify(byte[] credential) {
        return api().post("/api/v1/verify", credential, "application/vc+ld+json").json();
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("check").asText().equals(name)) return check;
        }
        throw new AssertionError("no check " + name + " in " + report);
    }

    private HttpResponse<String> didDocument(String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/issuers/" + slug + "/did.json"));
        if (ifNoneMatch != null) request.header("If-None-Match", ifNoneMatch);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDidDocumentShowsAKeyRotationAndARetirementAtOnceAndStillAnswers304() throws Exception {
        HttpResponse<String> first = didDocument(null);
        String etag = first.headers().firstValue("etag").orElseThrow();
        assertThat(Api.JSON.readTree(first.body()).get("assertionMethod")).hasSize(2);
        assertThat(didDocument(etag).statusCode()).isEqualTo(304);
        assertThat(didDocument(null).body()).isEqualTo(first.body());

        keys.rotate(new Actor.PlatformAdmin(), slug);
        HttpResponse<String> rotated = didDocument(etag);
        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(Api.JSON.readTree(rotated.body()).get("assertionMethod")).hasSize(4);
        String rotatedEtag = rotated.headers().firstValue("etag").orElseThrow();
        assertThat(rotatedEtag).isNotEqualTo(etag);
        assertThat(didDocument(rotatedEtag).statusCode()).isEqualTo(304);

        var oldest = keys.list(new Actor.PlatformAdmin(), slug).get(0);
        keys.retire(new Actor.PlatformAdmin(), slug, oldest.id(), "Laptop stolen");
        HttpResponse<String> retired = didDocument(rotatedEtag);
        assertThat(retired.statusCode()).isEqualTo(200);
        assertThat(Api.JSON.readTree(retired.body()).get("assertionMethod")).hasSize(3);
        assertThat(retired.body()).contains("revoked");
    }

    @Test
    void anUnknownIssuerHasNoDidDocument() throws Exception {
        HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/issuers/no-such-issuer/did.json"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void aRevocationIsReportedByTheVerifyApiWithTheNextRequest() {
        JsonNode award = award("Rev Oked");
        byte[] credential = signed(award);
        assertThat(verify(credential).get("verified").asBoolean()).isTrue();
        assertThat(verify(credential).get("verified").asBoolean()).isTrue();

        key.post("/api/v1/awards/" + award.get("id").asText() + "/revoke", Map.of("reason", "Issued in error"));

        JsonNode report = verify(credential);
        assertThat(report.get("verified").asBoolean()).isFalse();
        assertThat(report.get("verdict").asText()).isEqualTo("revoked");
        assertThat(check(report, "status").get("code").asText()).isEqualTo("REVOKED");
    }

    @Test
    void aRetiredKeyFailsItsCredentialsWithTheNextRequest() {
        byte[] credential = signed(award("Ret Ired"));
        assertThat(verify(credential).get("verified").asBoolean()).isTrue();
        assertThat(verify(credential).get("verified").asBoolean()).isTrue();
        String signingKey = Api.JSON.readTree(new String(credential, StandardCharsets.UTF_8)).get("proof").get(0).get("verificationMethod").asText();

        var active = keys.list(new Actor.PlatformAdmin(), slug).stream().filter(k -> k.verificationMethod().equals(signingKey)).findFirst()
                .orElseThrow();
        keys.retire(new Actor.PlatformAdmin(), slug, active.id(), "Key compromised");

        JsonNode report = verify(credential);
        assertThat(report.get("verified").asBoolean()).isFalse();
        assertThat(check(report, "issuerKey").get("status").asText()).isEqualTo("FAILED");
        // A credential signed after the retirement, with the new key, verifies.
        assertThat(verify(signed(award("New Key"))).get("verified").asBoolean()).isTrue();
    }

    @Test
    void anAlteredCredentialFailsEvenRightAfterTheOriginalVerified() {
        byte[] credential = signed(award("Tam Per"));
        assertThat(verify(credential).get("verified").asBoolean()).isTrue();
        byte[] altered = new String(credential, StandardCharsets.UTF_8).replace("Tam Per", "Tom Per").getBytes(StandardCharsets.UTF_8);

        JsonNode report = verify(altered);
        assertThat(report.get("verified").asBoolean()).isFalse();
        assertThat(check(report, "proof").get("code").asText()).isEqualTo("INVALID_SIGNATURE");
        assertThat(verify(credential).get("verified").asBoolean()).isTrue();
    }
}
