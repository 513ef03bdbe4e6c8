package io.guildmark.app.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.SecondNode;
import io.guildmark.app.support.StatementLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * An API key is read together with its organization's row, in one statement per request, and the request uses that
 * row for its own organization; nothing of it is kept between requests, so a revoked key or an organization the
 * operator stopped is refused on the very next request, on any node.
 */
class ApiKeyWithItsOrganizationIntegrationTest extends IntegrationTest {

    private static final StatementLog statements = new StatementLog();
    private static SecondNode loggedNode;

    @Autowired
    Environment environment;

    private String slug;
    private String secret;
    private Api key;
    private String achievementId;

    @BeforeEach
    void anApprovedAssociationWithAKeyAndAPublishedMicroCredential() {
        slug = Fixtures.createOrganization(admin(), "one-read");
        secret = Fixtures.createApiKey(admin(), slug);
        key = api().withToken(secret);
        achievementId = Catalog.publishedMicroCredential(key, slug, "Run a Toolbox Talk");
    }

    @AfterAll
    static void stopTheLoggedNode() {
        if (loggedNode != null) loggedNode.close();
        loggedNode = null;
    }

    @Test
    void aKeyAuthenticatedAwardReadsTheKeyAndItsOrganizationInOneStatementAndNeverTheOrganizationAgain() {
        Api onLoggedNode = new Api(loggedNode()).withToken(secret);
        // The first call also stamps the key's last use (at most once a minute); the second is the steady state.
        assertThat(award(onLoggedNode, slug).status()).isEqualTo(201);
        statements.clear();
        Api.Response awarded = award(onLoggedNode, slug);
        assertThat(awarded.status()).as(awarded.body()).isEqualTo(201);

        List<StatementLog.Sent> keyReads = statements.sent().stream().filter(s -> mentions(s.sql(), "api_keys")).toList();
        assertThat(keyReads).hasSize(1);
        assertThat(keyReads.get(0).sql()).containsPattern("(?i)join\\s+organizations\\s+o\\b");
        // Everything the request thread sent: no other statement reads the organizations table (by slug, by id or
        // column by column).
        String requestThread = keyReads.get(0).thread();
        assertThat(statements.sent().stream().filter(s -> s.thread().equals(requestThread))
                .filter(s -> s != keyReads.get(0) && mentions(s.sql(), "organizations")).map(StatementLog.Sent::sql))
                .isEmpty();
    }

    @Test
    void aKeyOnAnotherOrganizationsSlugIsRefusedAsIfThatOrganizationDidNotExist() {
        String other = Fixtures.createOrganization(admin(), "one-read-other");
        Api otherKey = api().withToken(Fixtures.createApiKey(admin(), other));
        long awards = count("awards");

        Api.Response refused = award(otherKey, slug);
        Api.Response nowhere = award(otherKey, Fixtures.uniqueSlug("nowhere"));
        assertThat(refused.status()).isEqualTo(404);
        assertThat(problem(refused)).isEqualTo(problem(nowhere)).containsEntry("detail", "The organization was not found.");
        assertThat(otherKey.get("/api/v1/organizations/" + slug).status()).isEqualTo(404);
        assertThat(otherKey.patch("/api/v1/organizations/" + slug, Map.of("name", "Hijacked")).status()).isEqualTo(404);
        assertThat(count("awards")).isEqualTo(awards);
        // Its own organization still answers.
        assertThat(otherKey.get("/api/v1/organizations/" + other).status()).isEqualTo(200);
    }

    @Test
    void aRevokedKeyIsRefusedOnItsVeryNextRequestOnEveryNode() {
        Api.Response created = admin().post("/api/v1/organizations/" + slug + "/api-keys", Map.of("name", "to revoke"));
        String revoked = created.json().get("key").asText();
        Api here = api().withToken(revoked);
        Api there = new Api(loggedNode()).withToken(revoked);
        assertThat(award(here, slug).status()).isEqualTo(201);
        assertThat(award(there, slug).status()).isEqualTo(201);

        assertThat(admin().delete("/api/v1/organizations/" + slug + "/api-keys/" + created.json().get("id").asText()).status()).isEqualTo(204);
        long awards = count("awards");
        for (Api node : List.of(here, there)) {
            Api.Response refused = award(node, slug);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asText()).isEqualTo("The bearer token is not a valid API key or has been revoked.");
        }
        assertThat(count("awards")).isEqualTo(awards);
    }

    @Test
    void aKeyOfAnOrganizationTheOperatorSuspendsIsRefusedOnItsVeryNextAwardOnEveryNodeAndServedAgainOnceApproved() {
        String name = admin().get("/api/v1/organizations/" + slug).json().get("name").asText();
        Api there = new Api(loggedNode()).withToken(secret);
        assertThat(award(key, slug).status()).isEqualTo(201);
        assertThat(award(there, slug).status()).isEqualTo(201);

        decide("suspend");
        long awards = count("awards");
        for (Api node : List.of(key, there)) {
            Api.Response refused = award(node, slug);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("type").asText()).isEqualTo("urn:guildmark:problem:issuer-not-approved");
            assertThat(refused.json().get("detail").asText())
                    .isEqualTo("The platform operator has suspended " + name + " as an issuer; it cannot issue credentials for now.");
        }
        decide("reject");
        for (Api node : List.of(key, there)) {
            Api.Response refused = award(node, slug);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("detail").asText())
                    .isEqualTo("The platform operator did not approve " + name + " as an issuer, so it cannot issue credentials.");
        }
        assertThat(count("awards")).isEqualTo(awards);

        decide("approve");
        assertThat(award(key, slug).status()).isEqualTo(201);
        assertThat(award(there, slug).status()).isEqualTo(201);
    }

    @Test
    void aChangeToTheOrganizationIsSeenByTheKeysNextRequestOnEveryNode() {
        Api there = new Api(loggedNode()).withToken(secret);
        assertThat(there.get("/api/v1/organizations/" + slug).status()).isEqualTo(200);
        assertThat(key.patch("/api/v1/organizations/" + slug, Map.of("name", "Renamed Guild", "revocationMethod", "1EdTechRevocationList"))
                .status()).isEqualTo(200);
        Api.Response read = there.get("/api/v1/organizations/" + slug);
        assertThat(read.json().get("name").asText()).isEqualTo("Renamed Guild");
        Api.Response awarded = award(there, slug);
        assertThat(awarded.status()).as(awarded.body()).isEqualTo(201);
        String method = db.sql("select status_method from awards where id = ?")
                .param(java.util.UUID.fromString(awarded.json().get("id").asText())).query(String.class).single();
        assertThat(method).isEqualTo("1EdTechRevocationList");
    }

    private Api.Response award(Api caller, String organization) {
        return caller.post("/api/v1/organizations/" + organization + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", Fixtures.uniqueEmail("one-read"), "name", "Robin Reader")));
    }

    private void decide(String decision) {
        Api.Response decided = admin().post("/api/v1/admin/organizations/" + slug + "/approval", Map.of("decision", decision, "note", "A test."));
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
    }

    private static Map<String, String> problem(Api.Response response) {
        return Map.of("status", response.json().get("status").asText(), "type", response.json().get("type").asText(),
                "title", response.json().get("title").asText(), "detail", response.json().get("detail").asText());
    }

    private static boolean mentions(String sql, String table) {
        return java.util.regex.Pattern.compile("(?i)\\b" + table + "\\b").matcher(sql).find();
    }

    /** A node of its own whose every database statement is logged (started once for the class). */
    private String loggedNode() {
        if (loggedNode == null) loggedNode = SecondNode.startLogging(environment, baseUrl(), statements);
        return loggedNode.baseUrl();
    }
}
