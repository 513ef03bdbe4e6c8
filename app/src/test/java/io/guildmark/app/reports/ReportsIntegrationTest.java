package io.guildmark.app.reports;

import static io.guildmark.app.reports.ReportsDataSet.ASSESSED;
import static io.guildmark.app.reports.ReportsDataSet.FORMULA_PATHWAY;
import static io.guildmark.app.reports.ReportsDataSet.SUBMITTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Every report figure against a seeded association whose records are known exactly (ReportsDataSet), over the first
 * half of 2025: the JSON, the table page, the CSV, the date filter, and who may see them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsIntegrationTest extends IntegrationTest {

    static final String RANGE = "?from=2025-01-01&to=2025-06-30";

    @Autowired ApplicationContext context;
    @Autowired ReportCounters counters;

    ReportsDataSet data;
    Api key;
    String base;

    @BeforeAll
    void seed() {
        data = new ReportsDataSet(new EarningWorld(context, admin(), baseUrl()), api(), db);
        key = api().withToken(data.program.apiKey());
        base = "/api/v1/organizations/" + data.program.slug() + "/reports/";
    }

    @Test
    void everyFigureMatchesTheSeededRecords() {
        assertThat(rows("awards")).containsExactly(
                row("2025-01", ASSESSED, 2), row("2025-03", SUBMITTED, 1), row("2025-03", ASSESSED, 1));
        assertThat(rows("funnel")).containsExactly(
                row(SUBMITTED, 5, 4, 4, 1, "20.0", "0.0", "75.0"),
                row(ASSESSED, 12, 3, 2, 1, "75.0", "33.3", "50.0"));
        assertThat(rows("assessments")).containsExactly(row(ASSESSED, 3, 4, 2, "50.0", 2, "1.3"));
        // 6 h, 24 h and 72 h: the median is 24 h; the 90th percentile interpolates 80 % of the way from 24 h to 72 h.
        assertThat(rows("review-turnaround")).containsExactly(
                row(SUBMITTED, 3, "24.0", "62.4"), row("All micro-credentials", 3, "24.0", "62.4"));
        assertThat(rows("reviewer-load")).containsExactly(
                row("Rita Reviewer <" + data.reviewer.email() + ">", 2, 2, "30.0", 0, 0),
                row("Sam Second <" + data.secondReviewer.email() + ">", 1, 0, null, 1, 1));
        assertThat(rows("pathways")).containsExactly(row(FORMULA_PATHWAY, 0, 0, 0), row("Agile facilitator", 2, 2, 1));
        // Orders paid in the month at their total; refunds (whole or partial) in the month they were made: January has
        // 2.00 refunded of a December order, March a partial 5.00, April the whole February order; the abandoned
        // checkout and the order a discount covered are not revenue.
        assertThat(rows("revenue-by-month")).containsExactly(
                row("2025-01", "USD", 1, 500, 1, 200, 300), row("2025-02", "USD", 1, 1000, 0, 0, 1000),
                row("2025-03", "USD", 1, 2000, 1, 500, 1500), row("2025-04", "USD", 0, 0, 1, 1000, -1000),
                row("2025-05", "EUR", 1, 300, 0, 0, 300), row("2025-06", "USD", 1, 4000, 0, 0, 4000));
        assertThat(rows("revenue-by-micro-credential")).containsExactly(
                row(SUBMITTED, "EUR", 1, 300, 0, 0, 300), row(SUBMITTED, "USD", 1, 2000, 1, 500, 1500),
                row("Pathway: Agile facilitator", "USD", 1, 4000, 0, 0, 4000),
                row(ASSESSED, "USD", 2, 1500, 2, 1200, 300));
        assertThat(rows("revenue-by-member-type")).containsExactly(
                row("Member (no type)", "USD", 1, 2000, 1, 500, 1500), row("Non-member", "USD", 1, 1000, 2, 1200, -200),
                row("Not recorded", "EUR", 1, 300, 0, 0, 300), row("student", "USD", 2, 4500, 0, 0, 4500));
        assertThat(rows("engagement")).containsExactly(
                row("2025-01", 4, 2, 2), row("2025-02", 0, 0, 0), row("2025-03", 4, 0, 0), row("2025-04", 0, 0, 0),
                row("2025-05", 0, 0, 0), row("2025-06", 0, 0, 1));
        assertThat(rows("claims")).containsExactly(
                row(SUBMITTED, 1, 1, 0, 0, "100.0"), row(ASSESSED, 3, 1, 1, 1, "33.3"), row("All micro-credentials", 4, 2, 1, 1, "50.0"));

        JsonNode revenue = key.get(base + "revenue-by-month" + RANGE).json();
        assertThat(revenue.get("from").asText()).isEqualTo("2025-01-01");
        assertThat(revenue.get("columns").get(3).get("kind").asText()).isEqualTo("money");
        JsonNode index = key.get(base.substring(0, base.length() - 1) + RANGE).json();
        assertThat(index.get("reports")).hasSize(ReportKind.values().length);
    }

    @Test
    void thePageShowsEachChartWithItsTableAndTheCsvHoldsTheSameFiguresFormulaEscaped() {
        WebSession owner = new WebSession(baseUrl());
        owner.signIn(data.program.owner().email(), EarningWorld.PASSWORD);
        WebSession.Page page = owner.get("/organizations/" + data.program.slug() + "/reports" + RANGE);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<svg", "role=\"img\"", "<title id=\"chart-awards-title\">Awards per month by micro-credential</title>",
                "id=\"table-revenue-by-month\"", "20.00", "Showing <time datetime=\"2025-01-01\">");
        assertThat(page.body().split("class=\"chart\"", -1)).hasSize(ReportKind.values().length + 1);
        // The pathway's name is text in the chart and the table, never markup.
        assertThat(page.body()).contains("=HYPERLINK(&quot;https://example.org&quot;)").doesNotContain("=HYPERLINK(\"https");

        WebSession.Download csv = owner.download("/organizations/" + data.program.slug() + "/reports/revenue-by-month.csv" + RANGE);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("revenue-by-month-2025-01-01-to-2025-06-30.csv");
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).isEqualTo(String.join("\r\n",
                "Month,Currency,Paid,Gross (major unit),Refunds,Refunded (major unit),Net (major unit)",
                "2025-01,USD,1,5.00,1,2.00,3.00", "2025-02,USD,1,10.00,0,0.00,10.00", "2025-03,USD,1,20.00,1,5.00,15.00",
                "2025-04,USD,0,0.00,1,10.00,-10.00", "2025-05,EUR,1,3.00,0,0.00,3.00", "2025-06,USD,1,40.00,0,0.00,40.00", ""));
        Api.Response pathways = key.get(base + "pathways.csv" + RANGE);
        assertThat(pathways.status()).isEqualTo(200);
        assertThat(pathways.body()).isEqualTo(String.join("\r\n", "Pathway,Started,Completed,In progress now",
                "\"'=HYPERLINK(\"\"https://example.org\"\")\",0,0,0", "Agile facilitator,2,2,1", ""));
    }

    @Test
    void theDateRangeNarrowsEveryReportAndBadDatesAreRefusedReadably() {
        String february = "?from=2025-02-01&to=2025-02-28";
        assertThat(key.get(base + "awards" + february).json().get("rows")).isEmpty();
        assertThat(rows("funnel", february)).containsExactly(row(SUBMITTED, 5, 0, 0, 0, "100.0", null, null), row(ASSESSED, 0, 2, 1, 0, null, "50.0", "100.0"));
        assertThat(rows("revenue-by-month", february)).containsExactly(row("2025-02", "USD", 1, 1000, 0, 0, 1000));
        assertThat(rows("engagement", february)).containsExactly(row("2025-02", 0, 0, 0));

        Api.Response notADate = key.get(base + "awards?from=2025-02-30");
        assertThat(notADate.status()).isEqualTo(400);
        assertThat(notADate.header("Content-Type")).contains("application/problem+json");
        assertThat(notADate.body()).contains("is not a date; use YYYY-MM-DD").contains("\"from\"");
        assertThat(key.get(base + "awards?from=2025-03-01&to=2025-02-01").body()).contains("is before the start date");
        assertThat(key.get(base + "awards?from=2010-01-01&to=2025-01-01").status()).isEqualTo(400);
        assertThat(key.get(base + "awards?from=2015-01-01&to=2025-01-01").status()).isEqualTo(200);
        assertThat(key.get(base + "no-such-report").status()).isEqualTo(404);

        // Without dates: the last twelve months, from the first day of the month eleven months ago.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode defaults = key.get(base + "awards").json();
        assertThat(defaults.get("to").asText()).isEqualTo(today.toString());
        assertThat(defaults.get("from").asText()).isEqualTo(today.withDayOfMonth(1).minusMonths(11).toString());

        WebSession owner = new WebSession(baseUrl());
        owner.signIn(data.program.owner().email(), EarningWorld.PASSWORD);
        WebSession.Page page = owner.get("/organizations/" + data.program.slug() + "/reports?from=yesterday&to=2025-01-01");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("&quot;yesterday&quot; is not a date; use YYYY-MM-DD", "value=\"yesterday\"");
    }

    @Test
    void onlyOwnersAndAdminsOfTheOrganizationSeeItsReports() {
        String pagePath = "/organizations/" + data.program.slug() + "/reports";
        for (EarningWorld.Person staff : List.of(data.designer, data.reviewer)) {
            WebSession session = new WebSession(baseUrl());
            session.signIn(staff.email(), EarningWorld.PASSWORD);
            assertThat(session.get(pagePath).status()).as(staff.name()).isEqualTo(403);
            assertThat(session.download(pagePath + "/awards.csv").status()).as(staff.name()).isEqualTo(403);
        }
        EarningWorld.Program other = new EarningWorld(context, admin(), baseUrl()).program("otherreports", EarningWorld.onlyCompletion("OTHER-1"));
        WebSession outsider = new WebSession(baseUrl());
        outsider.signIn(other.owner().email(), EarningWorld.PASSWORD);
        assertThat(outsider.get(pagePath).status()).isEqualTo(404);
        assertThat(outsider.get("/organizations/" + other.slug() + "/reports").body()).doesNotContain(ASSESSED, "Agile facilitator");
        assertThat(api().withToken(other.apiKey()).get(base + "awards").status()).isEqualTo(404);
        assertThat(api().get(base + "awards").status()).isEqualTo(401);
        assertThat(rows(api().withToken(other.apiKey()), "/api/v1/organizations/" + other.slug() + "/reports/claims", RANGE))
                .containsExactly(row("All micro-credentials", 0, 0, 0, 0, null));
    }

    @Test
    void viewsOfTheMicroCredentialPageAndVerificationsOfItsCredentialsAreCounted() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String page = baseUrl() + "/achievements/" + data.assessed;
        for (String agent : List.of("Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0", "Mozilla/5.0 (Macintosh) Safari/605.1",
                "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0", "Googlebot/2.1 (+http://www.google.com/bot.html)")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(page)).header("User-Agent", agent).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
        assertThat(http.send(HttpRequest.newBuilder(URI.create(page)).header("User-Agent", "Mozilla/5.0").header("Accept", "application/ld+json")
                .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            Api.Response verified = api().post("/api/v1/verify/url", Map.of("url", data.januaryCredentialUrl));
            assertThat(verified.json().get("verified").asBoolean()).as(verified.body()).isTrue();
        }
        counters.flush();

        String today = "?from=" + LocalDate.now(ZoneOffset.UTC) + "&to=" + LocalDate.now(ZoneOffset.UTC);
        assertThat(rows("funnel", today)).as("three people viewed the page; the crawler and the JSON are not views")
                .containsExactly(row(ASSESSED, 3, 0, 0, 0, "100.0", null, null));
        assertThat(rows("engagement", today)).containsExactly(row(LocalDate.now(ZoneOffset.UTC).toString().substring(0, 7), 0, 0, 2));
    }

    @Test
    void paymentsTakenThroughEnrollingAreReportedUnderTheMemberTypeThatPricedThem() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        var program = world.program("paidreports", EarningWorld.onlyDemonstration());
        db.sql("update achievement_versions set definition = replace(definition, '\"currency\"', '\"memberPrice\":1900,\"nonMemberPrice\":4900,\"currency\"') where achievement_id = ?")
                .param(program.achievementId()).update();
        Api programKey = api().withToken(program.apiKey());
        String roster = "/api/v1/organizations/" + program.slug() + "/members/roster/";
        assertThat(programKey.put("/api/v1/organizations/" + program.slug() + "/achievements/" + program.achievementId() + "/member-type-prices",
                Map.of("prices", Map.of("student", "9.50"))).status()).isEqualTo(200);
        var student = world.person("Stu Student", null);
        programKey.put(roster + "T-1", Map.of("name", "Stu Student", "emails", List.of(student.email()), "memberType", "Student"));
        var regular = world.person("Reg Regular", null);
        programKey.put(roster + "T-2", Map.of("name", "Reg Regular", "emails", List.of(regular.email()), "memberType", "regular"));
        var guest = world.person("Gus Guest", null);
        Enrollments enrollments = context.getBean(Enrollments.class);
        WebSession owner = new WebSession(baseUrl());
        owner.signIn(program.owner().email(), EarningWorld.PASSWORD);
        for (var learner : List.of(student, regular, guest)) {
            Enrollment enrolled = world.enroll(learner, program);
            enrollments.markPaid(program.owner().actor(), program.slug(), enrolled.id());
            // Withdrawing keeps the money (enrolling again is free); the refund from the Learners tab is what counts.
            if (learner == guest) {
                enrollments.withdraw(guest.actor(), enrolled.id());
                owner.submit("/organizations/" + program.slug() + "/orders",
                        "/organizations/" + program.slug() + "/enrollments/" + enrolled.id() + "/refund");
            }
        }

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String query = "?from=" + today + "&to=" + today;
        Api key = api().withToken(program.apiKey());
        String reports = "/api/v1/organizations/" + program.slug() + "/reports/";
        assertThat(rows(key, reports + "revenue-by-member-type", query)).containsExactly(
                row("Non-member", "USD", 1, 4900, 1, 4900, 0), row("regular", "USD", 1, 1900, 0, 0, 1900), row("student", "USD", 1, 950, 0, 0, 950));
        assertThat(rows(key, reports + "revenue-by-month", query)).containsExactly(row(today.toString().substring(0, 7), "USD", 3, 7750, 1, 4900, 2850));
    }

    private List<List<String>> rows(String report) {
        return rows(report, RANGE);
    }

    private List<List<String>> rows(String report, String query) {
        return rows(key, base + report, query);
    }

    private static List<List<String>> rows(Api key, String path, String query) {
        Api.Response response = key.get(path + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode json = response.json();
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode r : json.get("rows")) {
            List<String> cells = new ArrayList<>();
            for (JsonNode column : json.get("columns")) {
                JsonNode v = r.get(column.get("key").asText());
                cells.add(v == null || v.isNull() ? null : v.asText());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static List<String> row(Object... cells) {
        return Arrays.stream(cells).map(c -> c == null ? null : c.toString()).toList();
    }
}
