package io.guildmark.app.renewals;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.SignedInClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The renewal queue at a realistic size: 3,000 requests of one organization (inserted in SQL, with their awards) are
 * paged on the server with their total, walked by cursor, filtered and exported whole, and the queue staff open first
 * (pending, oldest first) is a page of the list, never all of it. The tests only read, so the 3,000 rows are made once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenewalQueueAtScaleIntegrationTest extends IntegrationTest {

    static final int REQUESTS = 3_000;

    @Autowired ApplicationContext context;
    @Autowired JdbcTemplate jdbc;
    @Autowired RenewalList list;

    private EarningWorld.Program program;
    private final UUID committee = UUID.randomUUID();
    private Api key;
    private String api;
    private int pending;
    private int committees;

    @BeforeAll
    void anAssociationWith3000RenewalRequests() {
        program = new EarningWorld(context, admin(), baseUrl()).program("renewal-scale", EarningWorld.onlyDemonstration());
        key = api().withToken(program.apiKey());
        api = "/api/v1/organizations/" + program.slug() + "/renewals";
        Api.Response first = key.post("/api/v1/organizations/" + program.slug() + "/awards", Map.of("achievementId",
                program.achievementId().toString(), "recipient", Map.of("email", Fixtures.uniqueEmail("tess"), "name", "Tess Template")));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        Map<String, Object> template = new LinkedHashMap<>();
        db.sql("select * from awards where id = ?").param(UUID.fromString(first.json().get("id").asText())).query().singleRow()
                .forEach((column, value) -> template.put(column.toLowerCase(Locale.ROOT), value));
        List<String> columns = new ArrayList<>(template.keySet());
        String insertAward = "insert into awards (" + String.join(", ", columns) + ") values ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        List<Object[]> awards = new ArrayList<>();
        List<Object[]> requests = new ArrayList<>();
        Instant start = Instant.parse("2025-01-01T09:00:00Z");
        for (int i = 1; i <= REQUESTS; i++) {
            Map<String, Object> row = new LinkedHashMap<>(template);
            UUID awardId = UUID.randomUUID();
            row.put("id", awardId);
            row.put("recipient_name", i == 11 ? "=HYPERLINK(\"http://evil\")" : "Holder " + i);
            row.put("recipient_email", "holder" + i + "@example.org");
            row.put("claim_token_hash", null);
            if (i % 3 == 0) {
                row.put("achievement_id", committee);
                row.put("achievement_name", "Chair a Standards Committee");
                committees++;
            }
            awards.add(row.values().toArray());
            String status = i % 5 == 0 ? "APPROVED" : i % 7 == 0 ? "REJECTED" : "OPEN";
            if (status.equals("OPEN")) pending++;
            boolean decided = !status.equals("OPEN");
            requests.add(new Object[] {UUID.randomUUID(), program.organizationId(), awardId, "holder" + i + "@example.org", "note " + i, status,
                    Timestamp.from(start.plus(i, ChronoUnit.HOURS)), decided ? Timestamp.from(start.plus(i + 1, ChronoUnit.HOURS)) : null,
                    status.equals("REJECTED") ? "too late" : null});
        }
        jdbc.batchUpdate(insertAward, awards);
        jdbc.batchUpdate("""
                insert into renewal_requests (id, organization_id, award_id, email, note, status, requested_at, decided_at, reason)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", requests);
    }

    @Test
    void theQueueIsAPageOfPendingRequestsOldestFirstWithTheTotalOfAllThatWait() {
        var queue = list.pageAt(program.owner().actor(), program.slug(), RenewalList.Filter.pending(), 0, 50);
        assertThat(queue.total()).isEqualTo(pending);
        assertThat(queue.items()).hasSize(50);
        assertThat(queue.items().get(0).award().recipientName()).isEqualTo("Holder 1");
        assertThat(queue.items()).extracting(l -> l.request().requestedAt()).isSorted();
        assertThat(queue.items()).allSatisfy(l -> assertThat(l.status()).isEqualTo(RenewalList.Status.PENDING));

        SignedInClient owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        String page = "/organizations/" + program.slug() + "/renewals";
        assertThat(owner.get(page).body()).contains("Showing <span>1</span>–<span>50</span> of <span>" + String.format(Locale.ROOT, "%,d", pending) + "</span>");
    }

    @Test
    void theApiWalksEveryPendingRequestOnceByCursorAndFiltersCountExactly() {
        List<String> seen = new ArrayList<>();
        List<String> requestedAt = new ArrayList<>();
        String next = api + "?status=pending&sort=oldest&limit=200";
        int pages = 0;
        while (next != null) {
            Api.Response response = key.get(next.replace(baseUrl(), ""));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("total").asLong()).isEqualTo(pending);
            body.get("items").forEach(r -> {
                seen.add(r.get("id").asText());
                requestedAt.add(r.get("requestedAt").asText());
            });
            next = body.get("next").isNull() ? null : body.get("next").asText();
            pages++;
        }
        assertThat(seen).hasSize(pending).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo((pending + 199) / 200);
        assertThat(requestedAt.stream().map(Instant::parse).toList()).isSorted();

        assertThat(total(api)).isEqualTo(REQUESTS);
        assertThat(total(api + "?credential=" + committee)).isEqualTo(committees);
        assertThat(total(api + "?status=approved")).isEqualTo(REQUESTS / 5);
        assertThat(total(api + "?q=holder2999")).isEqualTo(1);
        assertThat(total(api + "?from=2025-01-01&to=2025-01-01")).as("requested on the first day (hours 1 to 14)").isEqualTo(14);
    }

    @Test
    void theCsvStreamsEveryMatchingRequestWithFormulasDisarmed() {
        SignedInClient owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        var all = owner.get("/organizations/" + program.slug() + "/renewals.csv?status=any");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().split("\r?\n")).hasSize(REQUESTS + 1);
        assertThat(all.body()).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK");
        var waiting = owner.get("/organizations/" + program.slug() + "/renewals.csv");
        assertThat(waiting.body().split("\r?\n")).as("no status: the pending queue").hasSize(pending + 1);
    }

    private long total(String path) {
        Api.Response response = key.get(path);
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
        return response.json().get("total").asLong();
    }
}
