package io.guildmark.app.renewals;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.SignedInClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** Renewal requests at scale: 70 requests on two micro-credentials paged, searched, filtered and exported. */
class RenewalListIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    private EarningWorld.Program program;
    private final UUID committee = UUID.randomUUID();
    private Api key;
    private String api;
    private String page;

    @BeforeEach
    void anAssociationWith70RenewalRequests() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        program = world.program("renewal-list", EarningWorld.onlyDemonstration());
        key = api().withToken(program.apiKey());
        api = "/api/v1/organizations/" + program.slug() + "/renewals";
        page = "/organizations/" + program.slug() + "/renewals";
        Api.Response first = key.post("/api/v1/organizations/" + program.slug() + "/awards", Map.of("achievementId",
                program.achievementId().toString(), "recipient", Map.of("email", Fixtures.uniqueEmail("ann"), "name", "Ann Original")));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        Map<String, Object> template = db.sql("select * from awards where id = ?").param(UUID.fromString(first.json().get("id").asText()))
                .query().singleRow();
        Instant start = Instant.parse("2026-01-01T12:00:00Z");
        for (int i = 1; i <= 70; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            template.forEach((column, value) -> row.put(column.toLowerCase(java.util.Locale.ROOT), value));
            UUID awardId = UUID.randomUUID();
            row.put("id", awardId);
            row.put("recipient_name", i == 7 ? "=cmd|' /C calc'!A0" : "Holder " + i);
            row.put("recipient_email", "holder" + i + "@example.org");
            row.put("claim_token_hash", null);
            if (i > 50) {
                row.put("achievement_id", committee);
                row.put("achievement_name", "Chair a Standards Committee");
            }
            db.sql("insert into awards (" + String.join(", ", row.keySet()) + ") values ("
                    + String.join(", ", row.keySet().stream().map(c -> "?").toList()) + ")").params(new ArrayList<>(row.values())).update();
            db.sql("""
                    insert into renewal_requests (id, organization_id, award_id, email, note, status, requested_at, decided_at, reason)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), program.organizationId(), awardId, "holder" + i + "@example.org", "note " + i,
                            i % 5 == 0 ? "APPROVED" : i % 7 == 0 ? "REJECTED" : "OPEN", Timestamp.from(start.plus(i, ChronoUnit.DAYS)),
                            i % 5 == 0 || i % 7 == 0 ? Timestamp.from(start.plus(i + 1, ChronoUnit.DAYS)) : null, i % 7 == 0 && i % 5 != 0 ? "too late" : null)
                    .update();
        }
    }

    @Test
    void theApiPagesEveryRequestExactlyOnceWithATotalNamingItsMicroCredential() {
        List<String> seen = new ArrayList<>();
        String next = api + "?limit=30";
        int pages = 0;
        while (next != null) {
            Api.Response response = key.get(next.replace(baseUrl(), ""));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("total").asLong()).isEqualTo(70);
            body.get("items").forEach(r -> seen.add(r.get("id").asText()));
            next = body.get("next").isNull() ? null : body.get("next").asText();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(70).doesNotHaveDuplicates();
        JsonNode newest = key.get(api + "?limit=1").json().get("items").get(0);
        assertThat(newest.get("microCredential").asText()).isEqualTo("Chair a Standards Committee");
        assertThat(newest.get("holderName").asText()).isEqualTo("Holder 70");
        assertThat(newest.get("status").asText()).isEqualTo("approved");
    }

    @Test
    void filtersAndSearchNarrowTheList() {
        assertThat(total(api + "?credential=" + committee)).isEqualTo(20);
        assertThat(total(api + "?q=standards%20committee")).isEqualTo(20);
        assertThat(total(api + "?q=holder1")).isEqualTo(11);
        assertThat(total(api + "?status=approved")).isEqualTo(14);
        assertThat(total(api + "?status=rejected")).isEqualTo(8);
        assertThat(total(api + "?status=pending")).isEqualTo(48);
        assertThat(total(api + "?from=2026-01-02&to=2026-01-03&sort=name")).isEqualTo(2);
        for (String bad : List.of("?status=maybe", "?sort=random", "?credential=nope", "?from=yesterday", "?limit=1000",
                "?from=2026-02-01&to=2026-01-01")) {
            assertThat(key.get(api + bad).status()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void aTamperedCursorIsAProblemNotAPage() {
        String cursor = key.get(api + "?limit=10").json().get("nextCursor").asText();
        Api.Response tampered = key.get(api + "?limit=10&cursor=" + cursor.substring(0, cursor.length() - 2) + "xy");
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.body()).contains("cursor-invalid");
        assertThat(key.get(api + "?limit=10&sort=oldest&cursor=" + cursor).status()).as("another order's cursor").isEqualTo(400);
    }

    @Test
    void thePageCountsAndTheCsvHasEveryMatchWithFormulasDisarmed() {
        SignedInClient owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        String body = owner.get(page).body();
        assertThat(body).contains("Showing <span>1</span>–<span>48</span> of <span>48</span>", "Chair a Standards Committee");
        assertThat(owner.get(page + "?status=any&page=2").body()).contains("Showing <span>51</span>–<span>70</span> of <span>70</span>");
        var csv = owner.get(page + ".csv?status=any");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().split("\r?\n")).hasSize(71);
        assertThat(csv.body()).startsWith("requested_at,holder_name,email,micro_credential").contains("'=cmd|");
        assertThat(owner.get(page + ".csv?status=approved&credential=" + committee).body().split("\r?\n")).hasSize(5);
        assertThat(owner.get(page + ".csv?status=maybe").status()).isEqualTo(400);
    }

    @Test
    void anotherOrganizationCannotReadTheList() {
        var elsewhere = new EarningWorld(context, admin(), baseUrl()).program("renewal-else", EarningWorld.onlyDemonstration());
        assertThat(api().withToken(elsewhere.apiKey()).get(api).status()).isEqualTo(404);
        SignedInClient stranger = new SignedInClient(baseUrl(), elsewhere.owner().email(), EarningWorld.PASSWORD);
        assertThat(stranger.get(page + ".csv").status()).isEqualTo(404);
    }

    private long total(String path) {
        Api.Response response = key.get(path);
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
        return response.json().get("total").asLong();
    }
}
