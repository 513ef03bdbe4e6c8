package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Awards made outside a caller's transaction take their status list entries from a block this node reserved (one short
 * transaction per {@link StatusLists#BLOCK} awards instead of a locked read and a write per award). Whatever the path,
 * no two credentials share an entry, a reservation is committed before its entries are used, and an entry taken in a
 * caller's transaction goes back with its rollback.
 */
class StatusListBlocksIntegrationTest extends IntegrationTest {

    @Autowired JdbcClient db;
    @Autowired StatusLists statusLists;
    @Autowired Organizations organizations;
    @Autowired TransactionTemplate transactions;

    private String slug;
    private Api key;
    private String achievementId;

    @BeforeEach
    void anOrganizationWithAPublishedMicroCredential() {
        slug = Fixtures.createOrganization(admin(), "blocks");
        key = api().withToken(Fixtures.createApiKey(admin(), slug));
        achievementId = Catalog.publishedMicroCredential(key, slug, "Cost Estimating Basics");
    }

    @Test
    void awardsThroughTheApiShareOneReservedBlockAndNeverAnEntry() {
        for (int i = 0; i < StatusLists.BLOCK + 3; i++) award();

        List<String> entries = db.sql("""
                select a.status_list_id || '#' || a.status_index from awards a join organizations o on o.id = a.organization_id
                where o.slug = ?""").param(slug).query(String.class).list();
        assertThat(entries).hasSize(StatusLists.BLOCK + 3).doesNotHaveDuplicates();
        // Two reservations for 35 awards, each committed in full before its entries were used.
        assertThat(allocated()).isEqualTo(2 * StatusLists.BLOCK);
    }

    @Test
    void anEntryTakenInACallersTransactionIsTakenThereAndGoesBackWithItsRollback() {
        Organization org = organization();
        award(); // the node now holds a block of this organization
        int before = allocated();

        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            statusLists.allocate(org);
            assertThat(allocated()).isEqualTo(before + 1); // one entry, in the caller's transaction, not from the node's block
            throw new IllegalStateException("the caller fails after taking an entry");
        })).hasMessageContaining("the caller fails");

        assertThat(allocated()).isEqualTo(before);
    }

    @Test
    void aListThatFillsUpMidBlockHandsOutItsLastEntriesAndTheNextListTakesOver() {
        Organization org = organization();
        award();
        UUID first = db.sql("select status_list_id from awards where organization_id = ?").param(org.id()).query(UUID.class).single();
        // The node's current block still has BLOCK - 1 entries; then only 2 of the list remain.
        db.sql("update status_lists set allocated = size - 2 where id = ?").param(first).update();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < StatusLists.BLOCK - 1 + 2 + 1; i++) {
            StatusLists.Entry entry = statusLists.allocate(org);
            assertThat(seen.add(entry.listId() + "#" + entry.index())).as("entry %s handed out twice", entry).isTrue();
        }

        List<Map<String, Object>> lists = db.sql("select id, allocated, size from status_lists where organization_id = ? order by updated_at")
                .param(org.id()).query().listOfRows();
        assertThat(lists).hasSize(2);
        assertThat(seen.stream().filter(e -> e.startsWith(first.toString())).count()).isEqualTo(StatusLists.BLOCK - 1 + 2);
        assertThat(seen.stream().filter(e -> !e.startsWith(first.toString())).count()).isEqualTo(1);
    }

    private void award() {
        Api.Response created = key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", Fixtures.uniqueEmail("estimator"), "name", "Esme Estimator")));
        assertThat(created.status()).isEqualTo(201);
    }

    private Organization organization() {
        return organizations.findBySlug(slug).orElseThrow();
    }

    private int allocated() {
        return db.sql("select coalesce(sum(s.allocated), 0) from status_lists s join organizations o on o.id = s.organization_id where o.slug = ?")
                .param(slug).query(Integer.class).single();
    }
}
