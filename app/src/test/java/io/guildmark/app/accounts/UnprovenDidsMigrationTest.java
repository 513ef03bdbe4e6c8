package io.guildmark.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** DIDs linked before proofs were asked for survive the migration as unproven, and nothing counts through them. */
class UnprovenDidsMigrationTest {

    @Test
    void aDidLinkedTheOldWayBecomesUnprovenAndItsImportsStopCounting() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:unproven-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").target("5.92").load().migrate();
        JdbcClient db = JdbcClient.create(h2);
        UUID linker = UUID.randomUUID();
        UUID plain = UUID.randomUUID();
        Timestamp then = Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));
        db.sql("insert into users (id, email, name, password_hash, created_at, did) values (?, 'l@example.org', 'L', 'x', ?, 'did:key:z6MkOld')")
                .params(linker, then).update();
        db.sql("insert into users (id, email, name, password_hash, created_at) values (?, 'p@example.org', 'P', 'x', ?)").params(plain, then).update();
        for (String match : List.of("did", "email")) {
            db.sql("""
                    insert into imported_credentials (id, user_id, email, content, format, issuer_id, achievement_id, verified, verdict,
                        checked_at, recipient_match, status, created_at)
                    values (?, ?, 'l@example.org', '{}', 'ob3', 'did:web:issuer', 'urn:a', true, 'Verified', ?, ?, 'active', ?)""")
                    .params(UUID.randomUUID(), linker, then, match, then).update();
        }

        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();

        List<Map<String, Object>> dids = db.sql("select user_id, did, proven_did, proven_at from account_dids").query().listOfRows();
        assertThat(dids).singleElement().satisfies(row -> {
            assertThat(row.get("user_id")).isEqualTo(linker);
            assertThat(row.get("did")).isEqualTo("did:key:z6MkOld");
            assertThat(row.get("proven_did")).isNull();
            assertThat(row.get("proven_at")).isNull();
        });
        assertThat(db.sql("select recipient_match, verified from imported_credentials order by recipient_match").query().listOfRows())
                .extracting(r -> r.get("recipient_match") + "=" + r.get("verified")).containsExactly("did=false", "email=true");
        assertThat(db.sql("select verdict from imported_credentials where recipient_match = 'did'").query(String.class).single())
                .contains("not yet proven");
    }
}
