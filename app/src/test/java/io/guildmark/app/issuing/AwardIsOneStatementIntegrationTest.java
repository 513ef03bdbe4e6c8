package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.SecondNode;
import io.guildmark.app.support.StatementLog;
import io.guildmark.app.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * What an API award sends to the database, seen through a node whose every statement is logged: on PostgreSQL one
 * statement, with no BEGIN and no COMMIT; on H2 the same inserts one by one, in one transaction.
 */
class AwardIsOneStatementIntegrationTest extends IntegrationTest {

    @Autowired Environment environment;

    private static boolean writes(String sql) {
        String start = sql.stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("insert") || start.startsWith("update") || start.startsWith("delete") || start.startsWith("with");
    }

    @Test
    void anApiAwardIsOneStatementOnPostgresqlAndOneTransactionOnH2() {
        StatementLog log = new StatementLog();
        try (SecondNode node = SecondNode.startLogging(environment, baseUrl(), log)) {
            String slug = Fixtures.createOrganization(admin(), "onewrite");
            Api key = new Api(node.baseUrl()).withToken(Fixtures.createApiKey(admin(), slug));
            String achievementId = Catalog.publishedMicroCredential(key, slug, "Keep the Minutes");
            // The first award also stamps the key's last use (at most once a minute); the second is the steady state.
            key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                    "recipient", Map.of("email", Fixtures.uniqueEmail("warm"), "name", "Warm Up")));

            log.clear();
            Api.Response awarded = key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                    "recipient", Map.of("email", Fixtures.uniqueEmail("once"), "name", "Once Only")));
            assertThat(awarded.status()).isEqualTo(201);

            // The request's thread is the one that wrote the award; everything else (pollers, the pathway check) is not it.
            List<StatementLog.Sent> sent = log.sent();
            String request = sent.stream().filter(s -> s.sql().contains("insert into awards")).findFirst().orElseThrow().thread();
            List<String> byRequest = sent.stream().filter(s -> s.thread().equals(request)).map(StatementLog.Sent::sql).toList();
            List<String> writes = byRequest.stream().filter(AwardIsOneStatementIntegrationTest::writes).toList();
            List<String> boundaries = byRequest.stream()
                    .filter(s -> s.equals(StatementLog.BEGIN) || s.equals(StatementLog.COMMIT) || s.equals(StatementLog.ROLLBACK)).toList();

            if (TestDatabase.postgresRequested()) {
                assertThat(writes).as("the request's writes").hasSize(1);
                assertThat(writes.get(0)).startsWith("with ").contains("insert into awards", "insert into outbound_emails",
                        "insert into audit_entries", "insert into pathway_checks");
                assertThat(boundaries).as("no BEGIN, no COMMIT").isEmpty();
            } else {
                assertThat(writes).hasSize(4).anyMatch(w -> w.contains("insert into awards")).anyMatch(w -> w.contains("insert into outbound_emails"))
                        .anyMatch(w -> w.contains("insert into audit_entries")).anyMatch(w -> w.contains("insert into pathway_checks"));
                assertThat(boundaries).containsExactly(StatementLog.BEGIN, StatementLog.COMMIT);
            }
        }
    }
}
