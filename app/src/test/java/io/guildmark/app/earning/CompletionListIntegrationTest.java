package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.SignedInClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** The staff list of course completions at scale: 70 completions of two courses paged, searched, filtered and exported. */
class CompletionListIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    private EarningWorld.Program program;
    private UUID safety;
    private Api key;
    private String api;
    private String page;

    @BeforeEach
    void anAssociationWith70Completions() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        program = world.program("completion-list", EarningWorld.onlyCompletion("LEAD-101"));
        safety = world.anotherMicroCredential(program, "Work Safely on Site", EarningWorld.onlyCompletion("SAFE-200"));
        Instant start = Instant.parse("2026-01-01T12:00:00Z");
        for (int i = 1; i <= 70; i++) {
            db.sql("""
                    insert into completions (id, organization_id, email, course_code, completed_on, source, reported_at)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), program.organizationId(), (i == 7 ? "=x" : "learner") + i + "@example.org",
                            i > 50 ? "SAFE-200" : "LEAD-101", Date.valueOf(LocalDate.of(2026, 1, 1)), i % 2 == 0 ? "csv" : "api",
                            Timestamp.from(start.plus(i, ChronoUnit.DAYS)))
                    .update();
        }
        key = api().withToken(program.apiKey());
        api = "/api/v1/organizations/" + program.slug() + "/completions";
        page = "/organizations/" + program.slug() + "/completions";
    }

    @Test
    void theApiPagesEveryCompletionExactlyOnceNamingItsMicroCredential() {
        List<String> seen = new ArrayList<>();
        String next = api + "?limit=30";
        int pages = 0;
        while (next != null) {
            JsonNode body = key.get(next.replace(baseUrl(), "")).json();
            assertThat(body.get("total").asLong()).isEqualTo(70);
            body.get("items").forEach(c -> seen.add(c.get("id").asText()));
            next = body.get("next").isNull() ? null : body.get("next").asText();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(70).doesNotHaveDuplicates();
        JsonNode newest = key.get(api + "?limit=1").json().get("items").get(0);
        assertThat(newest.get("microCredentials").get(0).asText()).isEqualTo("Work Safely on Site");
    }

    @Test
    void filtersAndSearchNarrowTheList() {
        assertThat(total(api + "?credential=" + safety)).isEqualTo(20);
        assertThat(total(api + "?q=work%20safely")).isEqualTo(20);
        assertThat(total(api + "?q=lead-1")).isEqualTo(50);
        assertThat(total(api + "?source=csv")).isEqualTo(35);
        assertThat(total(api + "?from=2026-01-02&to=2026-01-03&sort=email")).isEqualTo(2);
        for (String bad : List.of("?source=fax", "?sort=random", "?credential=" + UUID.randomUUID(), "?offset=-1&cursor=x.y", "?limit=1000")) {
            assertThat(key.get(api + bad).status()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void thePageCountsAndTheCsvHasEveryMatchWithFormulasDisarmed() {
        SignedInClient owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        assertThat(owner.get(page).body()).contains("Showing <span>1</span>–<span>50</span> of <span>70</span>", "Work Safely on Site");
        var csv = owner.get(page + ".csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().split("\r?\n")).hasSize(71);
        assertThat(csv.body()).startsWith("reported_at,email,course_code,completed_on,source,micro_credentials").contains(",'=x7@example.org,");
        assertThat(owner.get(page + ".csv?source=api&credential=" + safety).body().split("\r?\n")).hasSize(11);
    }

    @Test
    void anotherOrganizationCannotReadTheList() {
        var elsewhere = new EarningWorld(context, admin(), baseUrl()).program("completion-else", EarningWorld.onlyDemonstration());
        assertThat(api().withToken(elsewhere.apiKey()).get(api).status()).isEqualTo(404);
    }

    private long total(String path) {
        Api.Response response = key.get(path);
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
        return response.json().get("total").asLong();
    }
}
