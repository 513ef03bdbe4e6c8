package io.guildmark.app.openbadgesapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An organization's systems reach its W3C VC-API issuer with OAuth 2.0 client-credentials tokens as well as with API
 * keys: an administrator registers a client (the secret once), the system asks {@code /oauth2/token}, and the token
 * signs credentials for that organization only, with the scope it carries, until it expires or the client is revoked.
 */
class OrganizationClientsIntegrationTest extends IntegrationTest {

    private static final String ISSUE = "/api/v1/organizations/%s/vc-api/credentials/issue";
    private static final String STATUS = "/api/v1/organizations/%s/vc-api/credentials/status";

    @Autowired RSAKey tokenSigningKey;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private String slug;
    private String did;

    record Client(String id, String clientId, String secret) {}

    @BeforeEach
    void anOrganization() {
        slug = Fixtures.createOrganization(admin(), "oauthclient");
        did = admin().get("/api/v1/organizations/" + slug + "/vc-api/settings").json().get("issuerIds").get(0).asText();
    }

    @Test
    void aClientCredentialsTokenSignsTheOrganizationsCredentialLikeItsApiKey() throws Exception {
        Client client = register(slug, List.of("vc-api:issue"));
        JsonNode token = Api.JSON.readTree(token(client, "vc-api:issue").body());
        assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.get("expires_in").asLong()).isBetween(1700L, 1800L);

        Api.Response issued = withBearer(token.get("access_token").asText()).post(ISSUE.formatted(slug), body(did));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        JsonNode vc = issued.json().get("verifiableCredential");
        assertThat(vc.get("proof").get("cryptosuite").asText()).isEqualTo("eddsa-rdfc-2022");
        assertThat(api().post("/credentials/verify", Map.of("verifiableCredential", vc)).status()).isEqualTo(200);
        // The API key still works as before, next to it.
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        assertThat(key.post(ISSUE.formatted(slug), body(did)).status()).isEqualTo(201);

        JsonNode listed = admin().get("/api/v1/organizations/" + slug + "/oauth-clients").json();
        assertThat(listed.get("total").asLong()).isEqualTo(1);
        assertThat(listed.get("items").get(0).get("clientId").asText()).isEqualTo(client.clientId());
        assertThat(listed.get("items").get(0).get("lastUsedAt").isNull()).isFalse();
        assertThat(listed.toString()).doesNotContain(client.secret());
    }

    @Test
    void anotherOrganizationsTokenFindsNothingAndSeesNoneOfItsClients() throws Exception {
        register(slug, List.of("vc-api:issue"));
        String other = Fixtures.createOrganization(admin(), "oauthother");
        String otherToken = accessToken(register(other, List.of("vc-api:issue")), "vc-api:issue");

        // Refused as the platform refuses every outsider: the organization is not found (not even its existence shows).
        Api.Response refused = withBearer(otherToken).post(ISSUE.formatted(slug), body(did));
        assertThat(refused.status()).as(refused.body()).isEqualTo(404);
        assertThat(withBearer(otherToken).post(ISSUE.formatted(other), body(did)).status()).isEqualTo(400); // its own: only the issuer is wrong
        // Another organization's API key may neither list nor register this one's clients.
        Api otherKey = api().withToken(Fixtures.createApiKey(admin(), other));
        assertThat(otherKey.get("/api/v1/organizations/" + slug + "/oauth-clients").status()).isEqualTo(404);
        assertThat(otherKey.post("/api/v1/organizations/" + slug + "/oauth-clients", Map.of("name", "sneaky")).status()).isEqualTo(404);
        // Not even its own: managing clients is for administrators, not for API keys.
        assertThat(otherKey.get("/api/v1/organizations/" + other + "/oauth-clients").status()).isEqualTo(403);
    }

    @Test
    void aTokenWithoutTheIssueScopeIsForbiddenToIssueButMayChangeStatus() throws Exception {
        Client client = register(slug, List.of("vc-api:status"));
        assertThat(token(client, "vc-api:issue").body()).contains("invalid_scope");
        String statusOnly = accessToken(client, "vc-api:status");

        Api.Response refused = withBearer(statusOnly).post(ISSUE.formatted(slug), body(did));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("insufficient-scope");
        assertThat(refused.header("WWW-Authenticate")).contains("insufficient_scope");
        // The status operation is allowed: an unknown credential is simply not found.
        Api.Response status = withBearer(statusOnly).post(STATUS.formatted(slug), Map.of("credentialId", "urn:uuid:" + java.util.UUID.randomUUID(),
                "credentialStatus", Map.of("type", "BitstringStatusListEntry", "statusPurpose", "revocation")));
        assertThat(status.status()).as(status.body()).isEqualTo(404);
    }

    @Test
    void anExpiredTokenOrARevokedClientIsAnswered401AndNothingIsSigned() throws Exception {
        Client client = register(slug, List.of("vc-api:issue"));
        String good = accessToken(client, "vc-api:issue");

        // Signed by the platform, for this client, but expired a minute ago.
        SignedJWT expired = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(tokenSigningKey.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(baseUrl()).subject(client.clientId()).audience(client.clientId())
                        .claim("scope", List.of("vc-api:issue")).issueTime(Date.from(Instant.now().minusSeconds(3600)))
                        .notBeforeTime(Date.from(Instant.now().minusSeconds(3600))).expirationTime(Date.from(Instant.now().minusSeconds(60))).build());
        expired.sign(new RSASSASigner(tokenSigningKey));
        Api.Response late = withBearer(expired.serialize()).post(ISSUE.formatted(slug), body(did));
        assertThat(late.status()).as(late.body()).isEqualTo(401);
        assertThat(late.header("WWW-Authenticate")).contains("invalid_token");
        // A token made up by anyone else: 401 as well.
        assertThat(withBearer(good.substring(0, good.length() - 4) + "AAAA").post(ISSUE.formatted(slug), body(did)).status()).isEqualTo(401);

        assertThat(withBearer(good).post(ISSUE.formatted(slug), body(did)).status()).isEqualTo(201);
        assertThat(admin().delete("/api/v1/organizations/" + slug + "/oauth-clients/" + client.id()).status()).isEqualTo(204);
        Api.Response revoked = withBearer(good).post(ISSUE.formatted(slug), body(did));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(401);
        HttpResponse<String> again = token(client, "vc-api:issue");
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.body()).contains("invalid_client");
        assertThat(admin().get("/api/v1/organizations/" + slug + "/oauth-clients").json().get("items").get(0).get("revokedAt").isNull()).isFalse();
    }

    @Test
    void aClientNeedsANameAndKnownScopes() {
        String path = "/api/v1/organizations/" + slug + "/oauth-clients";
        assertThat(admin().post(path, Map.of("name", " ")).status()).isEqualTo(400);
        Api.Response unknown = admin().post(path, Map.of("name", "Registry", "scopes", List.of("vc-api:everything")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("vc-api:everything");
        assertThat(admin().get(path).json().get("total").asLong()).isZero();
    }

    private Client register(String org, List<String> scopes) {
        Api.Response made = admin().post("/api/v1/organizations/" + org + "/oauth-clients", Map.of("name", "Registry system", "scopes", scopes));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        JsonNode json = made.json();
        assertThat(json.get("tokenUrl").asText()).isEqualTo(baseUrl() + "/oauth2/token");
        return new Client(json.get("id").asText(), json.get("clientId").asText(), json.get("clientSecret").asText());
    }

    private HttpResponse<String> token(Client client, String scope) throws Exception {
        String basic = Base64.getEncoder().encodeToString((enc(client.clientId()) + ":" + enc(client.secret())).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/oauth2/token")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + enc(scope))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String accessToken(Client client, String scope) throws Exception {
        HttpResponse<String> response = token(client, scope);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.JSON.readTree(response.body()).get("access_token").asText();
    }

    private Api withBearer(String token) {
        return api().withToken(token);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> body(String issuer) {
        ObjectNode vc = (ObjectNode) Api.JSON.readTree("""
                {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
                 "credentialSubject": {"id": "did:example:subject"}}""");
        vc.put("issuer", issuer);
        return Map.of("credential", vc, "options", Map.of());
    }
}
