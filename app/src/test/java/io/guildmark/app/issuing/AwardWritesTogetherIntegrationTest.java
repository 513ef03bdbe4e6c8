package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.GroupedInserts;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.PathwayCheckQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An award's rows (the award, its claim e-mail, its audit entry, its pathway check) are written together: all of them,
 * or, when any insert fails, none. On PostgreSQL they are one statement (see {@link AwardIsOneStatementIntegrationTest}).
 */
class AwardWritesTogetherIntegrationTest extends IntegrationTest {

    @Autowired Awards awards;
    @Autowired Organizations organizations;
    @Autowired GroupedInserts inserts;
    @Autowired TransactionTemplate transactions;

    private String slug;
    private UUID organizationId;
    private Api key;
    private UUID achievementId;

    @BeforeEach
    void anAssociationWithAPublishedMicroCredential() {
        slug = Fixtures.createOrganization(admin(), "together");
        key = api().withToken(Fixtures.createApiKey(admin(), slug));
        achievementId = UUID.fromString(Catalog.publishedMicroCredential(key, slug, "Chair a Standards Meeting"));
        organizationId = db.sql("select id from organizations where slug = ?").param(slug).query(UUID.class).single();
    }

    private Awards.AwardRequest request(String email) {
        return new Awards.AwardRequest(achievementId, email, "Tess Together", List.of(), null, null);
    }

    @Test
    void anApiAwardWritesTheAwardItsEmailItsAuditEntryAndItsPathwayCheck() {
        String email = Fixtures.uniqueEmail("tess");
        Api.Response awarded = key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId.toString(),
                "recipient", Map.of("email", email, "name", "Tess Together")));
        assertThat(awarded.status()).isEqualTo(201);
        UUID id = UUID.fromString(awarded.json().get("id").asText());

        assertThat(db.sql("select recipient_email from awards where id = ?").param(id).query(String.class).single()).isEqualTo(email);
        assertThat(Instant.parse(awarded.json().get("issuedAt").asText()))
                .isEqualTo(db.sql("select issued_at from awards where id = ?").param(id).query(Timestamp.class).single().toInstant());
        assertThat(emailsTo(email)).isEqualTo(1);
        assertThat(auditEntriesOf(id)).isEqualTo(1);
        // The check's row was written, and its nudge ran once it was committed: the check is done well before the
        // recurring job (every 10 s) would have found it.
        long deadline = System.currentTimeMillis() + 5_000;
        while (pathwayChecksOf() > 0 && System.currentTimeMillis() < deadline) sleep(20);
        assertThat(pathwayChecksOf()).isZero();
    }

    @Test
    void whenTheLastInsertFailsNothingOfTheAwardIsWritten() {
        String email = Fixtures.uniqueEmail("undone");
        UUID[] issued = new UUID[1];
        assertThatThrownBy(() -> inserts.together(() -> {
            issued[0] = awards.awardEarned(organizationId, request(email)).id();
            // A pathway check for an organization that does not exist: the foreign key refuses it, last of the group.
            inserts.insert("""
                    insert into pathway_checks (id, organization_id, recipient_email, achievement_id, created_at, attempts, next_attempt_at)
                    values (?, ?, ?, ?, ?, 0, ?)""",
                    UUID.randomUUID(), UUID.randomUUID(), email, achievementId, Timestamp.from(Instant.now()), Timestamp.from(Instant.now()));
            return issued[0];
        })).isInstanceOf(DataIntegrityViolationException.class);

        assertThat(issued[0]).isNotNull();
        assertThat(db.sql("select count(*) from awards where id = ?").param(issued[0]).query(Long.class).single()).isZero();
        assertThat(emailsTo(email)).isZero();
        assertThat(auditEntriesOf(issued[0])).isZero();
        assertThat(db.sql("select count(*) from pathway_checks where recipient_email = ?").param(email).query(Long.class).single()).isZero();
        assertThat(GroupedInserts.grouping()).isFalse();
    }

    @Test
    void aSecondAwardOfTheSameBulkRowFailsOnItsKeyAndLeavesNoEmailOrAuditEntry() {
        Organization org = organizations.findById(organizationId).orElseThrow();
        String issueKey = "together-" + UUID.randomUUID();
        Award first = awards.issueOnce(org, request(Fixtures.uniqueEmail("first")), issueKey, null);
        String second = Fixtures.uniqueEmail("second");

        assertThatThrownBy(() -> awards.issueOnce(org, request(second), issueKey, null)).isInstanceOf(DataIntegrityViolationException.class);

        assertThat(awards.idByIssueKey(issueKey)).contains(first.id());
        assertThat(emailsTo(second)).isZero();
        assertThat(db.sql("select count(*) from audit_entries where organization_id = ? and changes like ?")
                .params(organizationId, "%" + second + "%").query(Long.class).single()).isZero();
    }

    @Test
    void anEarnedAwardInsideTheCallersTransactionIsWrittenWhenItCommits() {
        String email = Fixtures.uniqueEmail("earned");
        Award award = transactions.execute(tx -> {
            Award made = awards.awardEarned(organizationId, request(email));
            // Written in the caller's transaction before it ends: later work in it sees the rows.
            assertThat(db.sql("select count(*) from awards where id = ?").param(made.id()).query(Long.class).single()).isOne();
            return made;
        });

        assertThat(awards.find(award.id())).isPresent();
        assertThat(emailsTo(email)).isEqualTo(1);
        assertThat(auditEntriesOf(award.id())).isEqualTo(1);
        PathwayCheckQueue.awaitChecked(db, organizationId);
    }

    @Test
    void anEarnedAwardWhoseCallerRollsBackLeavesNothing() {
        String email = Fixtures.uniqueEmail("rolled");
        UUID id = transactions.execute(tx -> {
            UUID made = awards.awardEarned(organizationId, request(email)).id();
            tx.setRollbackOnly();
            return made;
        });

        assertThat(awards.find(id)).isEmpty();
        assertThat(emailsTo(email)).isZero();
        assertThat(auditEntriesOf(id)).isZero();
        assertThat(db.sql("select count(*) from pathway_checks where recipient_email = ?").param(email).query(Long.class).single()).isZero();
    }

    @Test
    void anInsertInATransactionOfItsOwnStartedInsideTheGroupBelongsToThatTransaction() {
        String email = Fixtures.uniqueEmail("own");
        TransactionTemplate own = new TransactionTemplate(transactions.getTransactionManager());
        own.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        assertThatThrownBy(() -> inserts.together(() -> {
            inserts.insert("insert into outbound_emails (id, recipient, subject, body, created_at) values (?, ?, ?, ?, ?)",
                    UUID.randomUUID(), email, "grouped", "dropped with the group", Timestamp.from(Instant.now()));
            own.executeWithoutResult(tx -> inserts.insert("insert into outbound_emails (id, recipient, subject, body, created_at) values (?, ?, ?, ?, ?)",
                    UUID.randomUUID(), email, "own", "committed with its own transaction", Timestamp.from(Instant.now())));
            throw new IllegalStateException("the group's work fails");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(db.sql("select subject from outbound_emails where recipient = ?").param(email).query(String.class).list()).containsExactly("own");
    }

    private long emailsTo(String email) {
        return db.sql("select count(*) from outbound_emails where recipient = ?").param(email).query(Long.class).single();
    }

    private long auditEntriesOf(UUID awardId) {
        return db.sql("select count(*) from audit_entries where action = 'award.issued' and object_id = ?").param(awardId.toString())
                .query(Long.class).single();
    }

    private long pathwayChecksOf() {
        return db.sql("select count(*) from pathway_checks where organization_id = ?").param(organizationId).query(Long.class).single();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
