package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Badges awarded on this platform, verified the way a stranger would: by their address and by their baked image,
 * with the issuer's did:web document and status list fetched over HTTP from the running platform (127.0.0.1, its own
 * address, so the fetcher allows it).
 */
class VerificationOfIssuedBadgesIntegrationTest extends IntegrationTest {

    private Api key;
    private String slug;
    private String achievementId;

    @BeforeEach
    void anAssociationWithAPublishedMicroCredential() {
        slug = Fixtures.createOrganization(admin(), "verifiers");
        key = api().withToken(Fixtures.createApiKey(admin(), slug));
        achievementId = Catalog.publishedMicroCredential(key, slug, "Chair a Board Meeting");
    }

    private JsonNode award(String email) {
        Api.Response awarded = key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", email, "name", "Alex Rivera"),
                "evidence", List.of(Map.of("narrative", "Chaired the spring board meeting."))));
        assertThat(awarded.status()).as(awarded.body()).isEqualTo(201);
        return awarded.json();
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("check").asText().equals(name)) return check;
        }
        throw new AssertionError("No " + name + " check in " + report);
    }

    @Test
    void anIssuedBadgeVerifiesByItsAddressWithTheRecipientChecked() {
        String email = Fixtures.uniqueEmail("alex");
        String credentialUrl = award(email).get("credentialUrl").asText();

        Api.Response response = api().post("/api/v1/verify/url", Map.of("url", credentialUrl, "expectedRecipient", email));

        assertThat(response.status()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.get("verified").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("checks")).extracting(c -> c.get("check").asText())
                .containsExactly("fetch", "format", "schema", "proof", "issuerKey", "validFrom", "validUntil", "status", "recipient");
        assertThat(check(report, "issuerKey").get("code").asText()).isEqualTo("KEY_RESOLVED");
        assertThat(check(report, "status").get("code").asText()).isEqualTo("ACTIVE");
        assertThat(check(report, "recipient").get("code").asText()).isEqualTo("MATCH");
        assertThat(report.get("details").get("issuerId").asText()).startsWith("did:web:127.0.0.1%3A" + port + ":issuers:" + slug);
        assertThat(report.get("details").get("achievementName").asText()).isEqualTo("Chair a Board Meeting");
    }

    @Test
    void anIssuedBadgeImageVerifiesWhenUploaded() throws Exception {
        String credentialUrl = award(Fixtures.uniqueEmail("alex")).get("credentialUrl").asText();
        HttpClient http = HttpClient.newHttpClient();
        byte[] png = http.send(HttpRequest.newBuilder(URI.create(credentialUrl + ".png")).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        byte[] svg = http.send(HttpRequest.newBuilder(URI.create(credentialUrl + ".svg")).build(), HttpResponse.BodyHandlers.ofByteArray()).body();

        JsonNode fromPng = api().post("/api/v1/verify", png, "image/png").json();
        assertThat(fromPng.get("verified").asBoolean()).as(fromPng.toString()).isTrue();
        assertThat(check(fromPng, "format").get("code").asText()).isEqualTo("PNG_JSON");

        JsonNode fromSvg = api().post("/api/v1/verify", svg, "image/svg+xml").json();
        assertThat(fromSvg.get("verified").asBoolean()).as(fromSvg.toString()).isTrue();

        JsonNode byImageUrl = api().post("/api/v1/verify/url", Map.of("url", credentialUrl + ".png")).json();
        assertThat(byImageUrl.get("verified").asBoolean()).as(byImageUrl.toString()).isTrue();
    }

    @Test
    void aRevokedBadgeIsReportedAsRevokedOnTheApiAndThePage() {
        JsonNode awarded = award(Fixtures.uniqueEmail("alex"));
        String credentialUrl = awarded.get("credentialUrl").asText();
        WebSession visitor = new WebSession(baseUrl());
        WebSession.Page before = visitor.get("/verify?url=" + java.net.URLEncoder.encode(credentialUrl, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body()).contains("<h2 id=\"verdict-heading\">Verified</h2>").contains("Chair a Board Meeting");

        assertThat(key.post("/api/v1/awards/" + awarded.get("id").asText() + "/revoke", Map.of("reason", "Awarded in error")).status())
                .isEqualTo(200);

        JsonNode report = api().post("/api/v1/verify/url", Map.of("url", credentialUrl)).json();
        assertThat(report.get("verified").asBoolean()).isFalse();
        assertThat(report.get("verdict").asText()).isEqualTo("revoked");
        assertThat(check(report, "status").get("code").asText()).isEqualTo("REVOKED");

        WebSession.Page after = visitor.get("/verify?url=" + java.net.URLEncoder.encode(credentialUrl, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(after.body()).contains("<h2 id=\"verdict-heading\">Revoked</h2>").contains("role=\"alert\"");
    }
}
