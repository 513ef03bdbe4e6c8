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

/** External credits and signed CLR transcripts at scale: 70 of each paged, searched, filtered and exported. */
class CreditListsIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    private EarningWorld.Program program;
    private Api key;
    private String slug;

    @BeforeEach
    void anAssociationWith70ExternalCreditsAnd70Transcripts() {
        program = new EarningWorld(context, admin(), baseUrl()).program("credit-list", EarningWorld.onlyDemonstration());
        slug = program.slug();
        key = api().withToken(program.apiKey());
        Instant start = Instant.parse("2026-01-01T12:00:00Z");
        for (int i = 1; i <= 70; i++) {
            String status = i % 5 == 0 ? "APPROVED" : i % 7 == 0 ? "REJECTED" : "PENDING";
            db.sql("""
                    insert into external_credits (id, organization_id, email, title, provider, completed_on, amount, credit_type, category,
                        proof_key, proof_content_type, proof_name, status, reported_at, reviewed_at, reason)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), program.organizationId(), "member" + i + "@example.org",
                            i == 7 ? "=HYPERLINK(\"http://evil\")" : i > 50 ? "Ethics in Practice " + i : "Annual Conference " + i,
                            "Provider " + i, Date.valueOf(LocalDate.of(2025, 12, 1)), new BigDecimal("2.5"), i > 60 ? "CEU" : "PDU",
                            i % 2 == 0 ? "ethics" : null, "proofs/" + i, "application/pdf", "proof" + i + ".pdf", status,
                            Timestamp.from(start.plus(i, ChronoUnit.DAYS)), "PENDING".equals(status) ? null : Timestamp.from(start.plus(i + 1, ChronoUnit.DAYS)),
                            "REJECTED".equals(status) ? "no proof" : null)
                    .update();
            db.sql("""
                    insert into clr_transcripts (id, organization_id, holder_email, holder_name, issued_at, award_ids, external_credit_ids,
                        credential, status_list_id, status_index, state, revoked_at, revocation_reason)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), program.organizationId(), "holder" + i + "@example.org", i == 3 ? "@SUM(A1:A2)" : "Holder " + i,
                            Timestamp.from(start.plus(i, ChronoUnit.DAYS)), UUID.randomUUID() + "," + UUID.randomUUID(), "", "{}",
                            UUID.randomUUID(), i, i % 10 == 0 ? "revoked" : "active", i % 10 == 0 ? Timestamp.from(start.plus(i + 2, ChronoUnit.DAYS)) : null,
                            i % 10 == 0 ? "mistake" : null)
                    .update();
        }
    }

    @Test
    void theExternalCreditsApiPagesEveryReportExactlyOnceWithATotal() {
        assertThat(walk("/api/v1/organizations/" + slug + "/external-credits?limit=30", 70)).hasSize(70).doesNotHaveDuplicates();
        JsonNode newest = key.get("/api/v1/organizations/" + slug + "/external-credits?limit=1").json().get("items").get(0);
        assertThat(newest.get("title").asText()).isEqualTo("Ethics in Practice 70");
        assertThat(newest.get("status").asText()).isEqualTo("approved");
    }

    @Test
    void externalCreditFiltersAndSearchNarrowTheList() {
        String api = "/api/v1/organizations/" + slug + "/external-credits";
        assertThat(total(api + "?status=pending")).isEqualTo(48);
        assertThat(total(api + "?status=approved")).isEqualTo(14);
        assertThat(total(api + "?q=ethics%20in")).isEqualTo(20);
        assertThat(total(api + "?q=member1")).isEqualTo(11);
        assertThat(total(api + "?type=CEU")).isEqualTo(10);
        assertThat(total(api + "?category=Ethics")).isEqualTo(35);
        assertThat(total(api + "?from=2026-01-02&to=2026-01-03&sort=title")).isEqualTo(2);
        for (String bad : List.of("?status=maybe", "?sort=random", "?from=yesterday", "?limit=0", "?cursor=abc.def")) {
            assertThat(key.get(api + bad).status()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void theExternalCreditsPageCountsAndItsCsvHasEveryMatchWithFormulasDisarmed() {
        SignedInClient owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        String page = "/organizations/" + slug + "/credits/external";
        assertThat(owner.get(page).body()).contains("Showing <span>1</span>–<span>50</span> of <span>70</span>", "Annual Conference 50", "Ethics in Practice 70");
        assertThat(owner.get("/organizations/" + slug + "/credits").body()).contains("External credits to approve (48)", "All 48 waiting");
        var csv = owner.get(page + ".csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().split("\r?\n")).hasSize(71);
        assertThat(csv.body()).startsWith("reported_at,email,title,provider").contains("'=HYPERLINK");
        assertThat(owner.get(page + ".csv?status=rejected").body().split("\r?\n")).hasSize(9);
        assertThat(owner.get(page + ".csv?from=nope").status()).isEqualTo(400);
    }

    @Test
    void theTranscriptsApiPagesEveryTranscriptOnceAndFilters() {
        String api = "/api/v1/organizations/" + slug + "/clr-transcripts";
        assertThat(walk(api + "?limit=25", 70)).hasSize(70).doesNotHaveDuplicates();
        assertThat(total(api + "?state=revoked")).isEqualTo(7);
        assertThat(total(api + "?q=holder2")).isEqualTo(11);
        assertThat(total(api + "?from=2026-01-02&to=2026-01-04&sort=name")).isEqualTo(3);
        assertThat(key.get(api + "?state=lost").status()).isEqualTo(400);
        JsonNode first = key.get(api + "?limit=1&sort=oldest").json().get("items").get(0);
        assertThat(first.get("holderName").asText()).isEqualTo("Holder 1");
        assertThat(first.get("credentials").asInt()).isEqualTo(2);
    }

    @Test
    void theTranscriptsPageCountsAndItsCsvHasEveryMatchWithFormulasDisarmed() {
        SignedInClient owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        String page = "/organizations/" + slug + "/credits/transcripts";
        assertThat(owner.get(page + "?page=2").body()).contains("Showing <span>51</span>–<span>70</span> of <span>70</span>");
        assertThat(owner.get("/organizations/" + slug + "/credits").body()).contains("Signed transcripts (70)");
        var csv = owner.get(page + ".csv?state=active");
        assertThat(csv.body().split("\r?\n")).hasSize(64);
        assertThat(csv.body()).startsWith("issued_at,holder_name,holder_email,credential").contains("'@SUM(A1:A2)", "CLR transcript");
    }

    @Test
    void aTamperedCursorIsAProblemAndAnotherOrganizationCannotReadEitherList() {
        String api = "/api/v1/organizations/" + slug + "/external-credits";
        String cursor = key.get(api + "?limit=10").json().get("nextCursor").asText();
        Api.Response tampered = key.get(api + "?limit=10&cursor=x" + cursor.substring(1));
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.body()).contains("cursor-invalid");
        assertThat(key.get("/api/v1/organizations/" + slug + "/clr-transcripts?cursor=" + cursor).status()).as("another list's cursor").isEqualTo(400);

        var elsewhere = new EarningWorld(context, admin(), baseUrl()).program("credit-else", EarningWorld.onlyDemonstration());
        Api intruder = api().withToken(elsewhere.apiKey());
        assertThat(intruder.get(api).status()).isEqualTo(404);
        assertThat(intruder.get("/api/v1/organizations/" + slug + "/clr-transcripts").status()).isEqualTo(404);
        SignedInClient stranger = new SignedInClient(baseUrl(), elsewhere.owner().email(), EarningWorld.PASSWORD);
        assertThat(stranger.get("/organizations/" + slug + "/credits/external").status()).isEqualTo(404);
        assertThat(stranger.get("/organizations/" + slug + "/credits/transcripts.csv").status()).isEqualTo(404);
    }

    private List<String> walk(String first, long total) {
        List<String> seen = new ArrayList<>();
        String next = first;
        while (next != null) {
            Api.Response response = key.get(next.replace(baseUrl(), ""));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("total").asLong()).isEqualTo(total);
            body.get("items").forEach(r -> seen.add(r.get("id").asText()));
            next = body.get("next").isNull() ? null : body.get("next").asText();
        }
        return seen;
    }

    private long total(String path) {
        Api.Response response = key.get(path);
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
        return response.json().get("total").asLong();
    }
}
