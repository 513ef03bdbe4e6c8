package io.guildmark.app.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
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
 * The external credits queue at a realistic size: 3,000 reports of one organization (inserted in SQL) next to another
 * organization's, paged on the server with their total, walked by cursor, filtered, exported whole; the credits tab
 * shows the first 20 waiting with the total. The tests only read, so the rows are made once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalCreditQueueAtScaleIntegrationTest extends IntegrationTest {

    static final int REPORTS = 3_000;

    @Autowired ApplicationContext context;
    @Autowired JdbcTemplate jdbc;
    @Autowired ExternalCreditList list;

    private EarningWorld.Program program;
    private Api key;
    private String api;
    private int pending;
    private int ethics;

    @BeforeAll
    void anAssociationWith3000ReportsAndAnotherWithSome() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        program = world.program("credit-scale", EarningWorld.onlyDemonstration());
        var neighbour = world.program("credit-scale-else", EarningWorld.onlyDemonstration());
        key = api().withToken(program.apiKey());
        api = "/api/v1/organizations/" + program.slug() + "/external-credits";
        Instant start = Instant.parse("2025-01-01T09:00:00Z");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= REPORTS; i++) {
            String status = i % 5 == 0 ? "APPROVED" : i % 7 == 0 ? "REJECTED" : "PENDING";
            if (status.equals("PENDING")) pending++;
            String category = i % 4 == 0 ? "ethics" : null;
            if (category != null) ethics++;
            rows.add(row(program.organizationId(), i, status, category, start));
        }
        for (int i = 1; i <= 300; i++) rows.add(row(neighbour.organizationId(), i, "PENDING", "ethics", start));
        jdbc.batchUpdate("""
                insert into external_credits (id, organization_id, email, title, provider, completed_on, amount, credit_type, category,
                    proof_key, proof_content_type, proof_name, status, reported_at, reviewed_at, reason)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    private static Object[] row(UUID organizationId, int i, String status, String category, Instant start) {
        boolean decided = !status.equals("PENDING");
        return new Object[] {UUID.randomUUID(), organizationId, "member" + i + "@example.org",
                i == 13 ? "@SUM(A1:A9)" : "Annual Conference " + i, "Provider " + i, Date.valueOf(LocalDate.of(2024, 12, 1)),
                new BigDecimal("1.5"), i % 10 == 0 ? "CEU" : "PDU", category, "proofs/" + i, "application/pdf", "proof" + i + ".pdf", status,
                Timestamp.from(start.plus(i, ChronoUnit.HOURS)), decided ? Timestamp.from(start.plus(i + 1, ChronoUnit.HOURS)) : null,
                status.equals("REJECTED") ? "no proof" : null};
    }

    @Test
    void theQueueIsAPageOfPendingReportsOldestFirstAndTheCreditsTabShowsTwentyWithTheTotal() {
        var queue = list.pageAt(program.owner().actor(), program.slug(), ExternalCreditList.Filter.pending(), 0, 50);
        assertThat(queue.total()).isEqualTo(pending);
        assertThat(queue.items()).hasSize(50);
        assertThat(queue.items().get(0).title()).isEqualTo("Annual Conference 1");
        assertThat(queue.items()).extracting(ExternalCredits.Report::reportedAt).isSorted();
        assertThat(queue.items()).allSatisfy(r -> assertThat(r.organizationId()).isEqualTo(program.organizationId()));

        SignedInClient owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        String counted = String.format(Locale.ROOT, "%,d", pending);
        assertThat(owner.get("/organizations/" + program.slug() + "/credits").body())
                .contains("External credits to approve (" + counted + ")", "All " + counted + " waiting");
        assertThat(owner.get("/organizations/" + program.slug() + "/credits/external?status=pending&sort=oldest").body())
                .contains("Showing <span>1</span>–<span>50</span> of <span>" + counted + "</span>");
    }

    @Test
    void theApiWalksEveryPendingReportOnceByCursorAndFiltersCountOnlyThisOrganization() {
        List<String> seen = new ArrayList<>();
        String next = api + "?status=pending&sort=oldest&limit=200";
        while (next != null) {
            Api.Response response = key.get(next.replace(baseUrl(), ""));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("total").asLong()).isEqualTo(pending);
            body.get("items").forEach(r -> seen.add(r.get("id").asText()));
            next = body.get("next").isNull() ? null : body.get("next").asText();
        }
        assertThat(seen).hasSize(pending).doesNotHaveDuplicates();

        assertThat(total(api)).isEqualTo(REPORTS);
        assertThat(total(api + "?category=Ethics")).isEqualTo(ethics);
        assertThat(total(api + "?category=ethics&status=pending")).isEqualTo(countPendingEthics());
        assertThat(total(api + "?type=CEU")).isEqualTo(REPORTS / 10);
        assertThat(total(api + "?q=member2999@")).isEqualTo(1);
    }

    @Test
    void theCsvStreamsEveryMatchingReportWithFormulasDisarmed() {
        SignedInClient owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        var all = owner.get("/organizations/" + program.slug() + "/credits/external.csv");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().split("\r?\n")).hasSize(REPORTS + 1);
        assertThat(all.body()).contains("'@SUM(A1:A9)");
        assertThat(owner.get("/organizations/" + program.slug() + "/credits/external.csv?status=pending").body().split("\r?\n"))
                .hasSize(pending + 1);
    }

    private long countPendingEthics() {
        long n = 0;
        for (int i = 1; i <= REPORTS; i++) if (i % 4 == 0 && i % 5 != 0 && i % 7 != 0) n++;
        return n;
    }

    private long total(String path) {
        Api.Response response = key.get(path);
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
        return response.json().get("total").asLong();
    }
}
