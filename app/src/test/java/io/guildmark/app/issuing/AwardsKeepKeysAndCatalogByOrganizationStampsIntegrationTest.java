package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.SecondNode;
import io.guildmark.app.support.StatementLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11: an API award no longer reads the organization's signing keys nor the micro-credential's status from the
 * database; each node keeps them under the organization's stamps, which every award reads fresh with the
 * organization's row. A key rotated or retired, a micro-credential retired, published anew or moved on one node counts
 * for the very next award on another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwardsKeepKeysAndCatalogByOrganizationStampsIntegrationTest extends IntegrationTest {

    private static final Actor ADMIN = new Actor.PlatformAdmin();

    @Autowired Environment environment;
    @Autowired IssuerKeys keys;

    /** What the second node sends to the database. */
    private final StatementLog statements = new StatementLog();
    private SecondNode second;

    @BeforeAll
    void aSecondNodeOnTheSameDatabase() {
        second = SecondNode.startLogging(environment, baseUrl(), statements);
    }

    @AfterAll
    void stopTheSecondNode() {
        if (second != null) second.close();
    }

    private record Issuer(String slug, Api firstNode, Api secondNode, String achievementId) {}

    private Issuer issuer(String stem) {
        String slug = Fixtures.createOrganization(admin(), stem);
        String token = Fixtures.createApiKey(admin(), slug);
        Api first = api().withToken(token);
        return new Issuer(slug, first, new Api(second.baseUrl()).withToken(token), Catalog.publishedMicroCredential(first, slug, "Keep keys safe"));
    }

    private static Api.Response award(Api node, String slug, String achievementId) {
        return node.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", Fixtures.uniqueEmail("stamp"), "name", "Stam Ping")));
    }

    private static JsonNode awarded(Api node, String slug, String achievementId) {
        Api.Response response = award(node, slug, achievementId);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    /** The verification method of the award's Data Integrity proof. */
    private String signedWith(JsonNode award) {
        JsonNode credential = Api.JSON.readTree(api().get(award.get("credentialUrl").asText(), "application/vc+ld+json").body());
        JsonNode proof = credential.get("proof").isArray() ? credential.get("proof").get(0) : credential.get("proof");
        return proof.get("verificationMethod").asText();
    }

    private String activeEd25519(String slug) {
        return keys.list(ADMIN, slug).stream().filter(k -> "active".equals(k.state()) && "Ed25519".equals(k.algorithm()))
                .map(IssuerKeys.IssuerKey::verificationMethod).findFirst().orElseThrow();
    }

    @Test
    void aRunOfApiAwardsReadsNeitherTheSigningKeysNorTheMicroCredentialFromTheDatabase() {
        Issuer issuer = issuer("stampreads");
        awarded(issuer.secondNode(), issuer.slug(), issuer.achievementId()); // that node now keeps both

        statements.clear();
        for (int i = 0; i < 3; i++) awarded(issuer.secondNode(), issuer.slug(), issuer.achievementId());
        // What the threads that served the awards sent (the node's background jobs may read anything meanwhile).
        List<StatementLog.Sent> all = statements.sent();
        java.util.Set<String> requestThreads = all.stream().filter(s -> lower(s.sql()).contains("insert into awards"))
                .map(StatementLog.Sent::thread).collect(java.util.stream.Collectors.toSet());
        List<String> sent = all.stream().filter(s -> requestThreads.contains(s.thread())).map(s -> lower(s.sql())).toList();

        assertThat(sent).as("the awards were recorded").filteredOn(sql -> sql.contains("insert into awards")).hasSize(3);
        assertThat(sent).as("each award reads the organization's row, with its stamps").anyMatch(sql -> sql.contains("organizations"));
        assertThat(sent).noneMatch(sql -> sql.contains("issuer_keys"))
                .noneMatch(sql -> sql.matches("(?s).*\\bachievements\\b.*"))
                .noneMatch(sql -> sql.contains("achievement_versions"));
    }

    @Test
    void aKeyRotatedOrRetiredOnOneNodeSignsNothingMoreOnAnotherFromItsVeryNextAward() {
        Issuer issuer = issuer("stampkeys");
        String firstKey = activeEd25519(issuer.slug());
        assertThat(signedWith(awarded(issuer.secondNode(), issuer.slug(), issuer.achievementId()))).isEqualTo(firstKey);

        keys.rotate(ADMIN, issuer.slug()); // on the first node
        String rotatedTo = activeEd25519(issuer.slug());
        assertThat(rotatedTo).isNotEqualTo(firstKey);
        assertThat(signedWith(awarded(issuer.secondNode(), issuer.slug(), issuer.achievementId()))).isEqualTo(rotatedTo);

        UUID active = keys.list(ADMIN, issuer.slug()).stream().filter(k -> rotatedTo.equals(k.verificationMethod()))
                .map(IssuerKeys.IssuerKey::id).findFirst().orElseThrow();
        keys.retire(ADMIN, issuer.slug(), active, "Key compromised");
        String replacement = activeEd25519(issuer.slug());
        assertThat(replacement).isNotIn(firstKey, rotatedTo);
        JsonNode next = awarded(issuer.secondNode(), issuer.slug(), issuer.achievementId());
        assertThat(signedWith(next)).isEqualTo(replacement);
        assertThat(db.sql("select jwt_key_id from awards where id = ?").param(UUID.fromString(next.get("id").asText())).query(String.class).single())
                .as("the VC-JWT's key is the new active RSA key")
                .isEqualTo(keys.list(ADMIN, issuer.slug()).stream().filter(k -> "active".equals(k.state()) && "RS256".equals(k.algorithm()))
                        .map(k -> k.verificationMethod().substring(k.verificationMethod().indexOf('#') + 1)).findFirst().orElseThrow());
    }

    @Test
    void aMicroCredentialRetiredPublishedAnewOrMovedOnOneNodeCountsOnAnotherFromItsVeryNextAward() {
        Issuer issuer = issuer("stampcatalog");
        String path = "/api/v1/organizations/" + issuer.slug() + "/achievements/" + issuer.achievementId();
        assertThat(awarded(issuer.secondNode(), issuer.slug(), issuer.achievementId()).get("achievementVersion").asInt()).isEqualTo(1);

        assertThat(issuer.firstNode().post(path + "/retire", Map.of()).status()).isEqualTo(200);
        Api.Response refused = award(issuer.secondNode(), issuer.slug(), issuer.achievementId());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\\\"Keep keys safe\\\" is retired and can no longer be awarded.");

        Api.Response edited = issuer.firstNode().put(path, Map.of("name", "Keep keys safe, second edition",
                "description", "Shows that the holder keeps signing keys safe to the association's standard.",
                "achievementType", "MicroCredential",
                "criteria", Map.of("narrative", "Pass the assessment with at least 80% and show a key ceremony to a reviewer.")));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(issuer.firstNode().post(path + "/publish", Map.of()).status()).isEqualTo(200);
        JsonNode republished = awarded(issuer.secondNode(), issuer.slug(), issuer.achievementId());
        assertThat(republished.get("achievementVersion").asInt()).isEqualTo(2);
        assertThat(api().get(republished.get("credentialUrl").asText(), "application/vc+ld+json").body()).contains("Keep keys safe, second edition");

        // No path of the application moves a micro-credential to another organization; the database may still be changed so.
        String other = Fixtures.createOrganization(admin(), "stampother");
        db.sql("update achievements set organization_id = (select id from organizations where slug = ?) where id = ?")
                .params(other, UUID.fromString(issuer.achievementId())).update();
        Api.Response moved = award(issuer.secondNode(), issuer.slug(), issuer.achievementId());
        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.body()).contains("There is no published micro-credential with this id in");
    }

    @Test
    void everyWriteToTheKeysTheMicroCredentialsOrTheirVersionsSetsANewStampOfItsOrganization() {
        Issuer issuer = issuer("stampwrites");
        UUID org = db.sql("select id from organizations where slug = ?").param(issuer.slug()).query(UUID.class).single();
        UUID achievement = UUID.fromString(issuer.achievementId());

        long keysBefore = stamp("issuer_keys_stamp", org);
        long catalogBefore = stamp("catalog_stamp", org);
        db.sql("update issuer_keys set retired_reason = retired_reason where organization_id = ?").param(org).update();
        assertThat(stamp("issuer_keys_stamp", org)).isNotEqualTo(keysBefore);
        assertThat(stamp("catalog_stamp", org)).isEqualTo(catalogBefore);

        long keysNow = stamp("issuer_keys_stamp", org);
        db.sql("update achievement_versions set published_at = published_at where achievement_id = ?").param(achievement).update();
        long afterVersions = stamp("catalog_stamp", org);
        assertThat(afterVersions).isNotEqualTo(catalogBefore);
        db.sql("update achievements set updated_at = updated_at where id = ?").param(achievement).update();
        assertThat(stamp("catalog_stamp", org)).isNotIn(catalogBefore, afterVersions);
        assertThat(stamp("issuer_keys_stamp", org)).isEqualTo(keysNow);
    }

    private static String lower(String sql) {
        return sql.toLowerCase(java.util.Locale.ROOT);
    }

    private long stamp(String column, UUID org) {
        return db.sql("select " + column + " from organizations where id = ?").param(org).query(Long.class).single();
    }
}
