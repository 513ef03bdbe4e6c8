package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

class CompletionsIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Completions completions;
    @Autowired Enrollments enrollments;

    EarningWorld world;

    @BeforeEach
    void world() {
        world = new EarningWorld(context, admin(), baseUrl());
    }

    // ---- The API -------------------------------------------------------------------------------------------------

    @Test
    void aReportedCompletionAwardsTheBadgeBeforeTheResponseAndReportingItAgainCountsOnce() {
        var program = world.program("lms", EarningWorld.onlyCompletion("LEAD-101"));
        Api key = key(program);
        String learner = "Casey.Course@Example.org";

        Api.Response first = key.post(completionsOf(program), Map.of("email", learner, "courseCode", " LEAD-101 ",
                "completedAt", "2026-01-15", "name", "Casey Course"));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        JsonNode body = first.json();
        assertThat(body.get("email").asText()).isEqualTo("casey.course@example.org");
        assertThat(body.get("courseCode").asText()).isEqualTo("LEAD-101");
        assertThat(body.get("completedAt").asText()).isEqualTo("2026-01-15");
        assertThat(body.get("alreadyReported").asBoolean()).isFalse();
        assertThat(first.header("Location")).endsWith("/completions/" + body.get("id").asText());
        JsonNode counts = body.get("countsToward").get(0);
        assertThat(counts.get("achievementId").asText()).isEqualTo(program.achievementId().toString());
        assertThat(counts.get("status").asText()).isEqualTo("awarded");
        assertThat(counts.get("enrollmentState").asText()).isEqualTo("awarded");
        assertThat(counts.get("awardedNow").asBoolean()).isTrue();
        String awardId = counts.get("awardId").asText();
        assertThat(awardsOf(program.achievementId(), "casey.course@example.org")).as("awarded by the time the response returns").isEqualTo(1);
        assertThat(db.sql("select name from enrollments where id = ?").param(UUID.fromString(counts.get("enrollmentId").asText()))
                .query(String.class).single()).isEqualTo("Casey Course");

        Api.Response again = key.post(completionsOf(program), Map.of("email", learner, "courseCode", "LEAD-101", "completedAt", "2026-01-15"));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(body.get("id").asText());
        assertThat(again.json().get("alreadyReported").asBoolean()).isTrue();
        assertThat(again.json().has("note")).as("no note: the same date").isFalse();
        assertThat(again.json().get("countsToward").get(0).get("awardId").asText()).isEqualTo(awardId);
        assertThat(again.json().get("countsToward").get(0).get("awardedNow").asBoolean()).isFalse();

        Api.Response otherDate = key.post(completionsOf(program), Map.of("email", learner, "courseCode", "LEAD-101",
                "completedAt", "2026-02-01T09:30:00Z"));
        assertThat(otherDate.status()).isEqualTo(200);
        assertThat(otherDate.json().get("completedAt").asText()).isEqualTo("2026-01-15");
        assertThat(otherDate.json().get("note").asText()).contains("2026-01-15", "2026-02-01", "not stored");

        assertThat(awardsOf(program.achievementId(), "casey.course@example.org")).as("one badge for one completion").isEqualTo(1);
        assertThat(completionsCount(program)).isEqualTo(1);
    }

    @Test
    void anEarnedBadgeSendsOneEmailAndIsListedUnderNotices() throws InterruptedException {
        var program = world.program("onemail", EarningWorld.onlyCompletion("ONE-1"));
        String learner = Fixtures.uniqueEmail("one.mail");
        Api.Response reported = key(program).post(completionsOf(program), Map.of("email", learner, "courseCode", "ONE-1", "completedAt", "2026-01-15"));
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        assertThat(Mailbox.await(learner, "You earned").body()).contains("/claim/");
        Thread.sleep(3 * 1000); // two outbox rounds: a second message would have arrived by now
        assertThat(Mailbox.messagesTo(learner)).hasSize(1);
        assertThat(db.sql("select count(*) from earning_notices where email = ?").param(learner).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aTimestampCountsOnTheDateItNamesInItsOwnOffset() {
        var program = world.program("offset", EarningWorld.onlyCompletion("TZ-1"));
        Api.Response late = key(program).post(completionsOf(program), Map.of("email", "night.owl@example.org", "courseCode", "TZ-1",
                "completedAt", "2026-03-01T23:30:00-05:00"));
        assertThat(late.status()).as(late.body()).isEqualTo(201);
        assertThat(late.json().get("completedAt").asText()).isEqualTo("2026-03-01");
    }

    @Test
    void theCourseCodeIsComparedCaseSensitively() {
        var program = world.program("casecode", EarningWorld.onlyCompletion("Lead-101"));
        Api.Response response = key(program).post(completionsOf(program), Map.of("email", "case@example.org", "courseCode", "LEAD-101",
                "completedAt", "2026-01-15"));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("countsToward")).isEmpty();
        assertThat(awardsOf(program.achievementId(), "case@example.org")).isZero();
    }

    @Test
    void aCompletionReportedBeforeEnrollingCountsOnceTheLearnerEnrolls() {
        var program = world.program("foundation", EarningWorld.onlyDemonstration());
        UUID advanced = world.anotherMicroCredential(program, "Lead a team retrospective series",
                new EarningDesign(null, null, null, null, new EarningDesign.CompletionDesign("RETRO-201"), List.of(program.achievementId())));
        var learner = world.person("Pat Prereq", null);

        Api.Response reported = key(program).post(completionsOf(program), Map.of("email", learner.email(), "courseCode", "RETRO-201",
                "completedAt", LocalDate.now().toString()));
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        JsonNode counts = reported.json().get("countsToward").get(0);
        assertThat(counts.get("status").asText()).isEqualTo("prerequisite-not-held");
        assertThat(counts.get("message").asText()).contains("Prerequisite not held", "Run a foundation retrospective");
        assertThat(counts.has("enrollmentId")).isFalse();
        assertThat(completionsCount(program)).as("the completion is kept").isEqualTo(1);
        assertThat(enrollments.find(advanced, learner.email())).isEmpty();
        assertThat(key(program).get(completionsOf(program) + "/" + reported.json().get("id").asText()).json()
                .get("countsToward").get(0).get("status").asText()).isEqualTo("prerequisite-not-held");

        // The learner earns the prerequisite, then enrolls: the earlier completion is their only requirement.
        Api.Response prerequisite = key(program).post("/api/v1/organizations/" + program.slug() + "/awards", Map.of(
                "achievementId", program.achievementId().toString(), "recipient", Map.of("email", learner.email(), "name", learner.name())));
        assertThat(prerequisite.status()).as(prerequisite.body()).isEqualTo(201);
        Enrollment enrolled = enrollments.enroll(learner.actor(), advanced);
        assertThat(enrollments.mine(learner.actor(), enrolled.id()).step(EarningDesign.Method.COMPLETION).orElseThrow().met()).isTrue();
        assertThat(enrollments.find(enrolled.id()).orElseThrow().state()).isEqualTo(Enrollment.State.AWARDED);
        assertThat(awardsOf(advanced, learner.email())).isEqualTo(1);
    }

    @Test
    void aPricedEnrollmentIsAwardedOnlyOnceStaffMarkItPaid() {
        var program = world.program("pricedcourse", EarningWorld.onlyCompletion("PAID-1"));
        db.sql("update achievement_versions set definition = replace(definition, '\"currency\"', '\"nonMemberPrice\":4900,\"currency\"') where achievement_id = ?")
                .param(program.achievementId()).update();
        var learner = world.person("Penny Paying", null);
        Enrollment e = world.enroll(learner, program);

        Api.Response reported = key(program).post(completionsOf(program), Map.of("email", learner.email(), "courseCode", "PAID-1",
                "completedAt", "2026-01-15"));
        assertThat(reported.json().get("countsToward").get(0).get("status").asText()).isEqualTo("payment-due");
        assertThat(awardsOf(program.achievementId(), learner.email())).isZero();

        enrollments.markPaid(program.owner().actor(), program.slug(), e.id());
        assertThat(awardsOf(program.achievementId(), learner.email())).isEqualTo(1);
    }

    @Test
    void aCompletionCountsTowardEveryMicroCredentialRequiringTheCourseAndWaitsForTheOtherRequirements() {
        var program = world.program("twofold", EarningWorld.onlyCompletion("SAFE-1"));
        UUID withAssessment = world.anotherMicroCredential(program, "Safety with assessment",
                new EarningDesign(null, EarningWorld.assessmentDefaults(), null, null, new EarningDesign.CompletionDesign("SAFE-1"), List.of()));
        Api.Response reported = key(program).post(completionsOf(program), Map.of("email", "both@example.org", "courseCode", "SAFE-1",
                "completedAt", "2026-01-15"));
        Map<String, String> statuses = new HashMap<>();
        reported.json().get("countsToward").forEach(c -> statuses.put(c.get("achievementId").asText(), c.get("status").asText()));
        assertThat(statuses).containsEntry(program.achievementId().toString(), "awarded").containsEntry(withAssessment.toString(), "in-progress");
        Enrollment waiting = enrollments.find(withAssessment, "both@example.org").orElseThrow();
        assertThat(waiting.active()).isTrue();
        assertThat(waiting.name()).as("no name given and no account: the e-mail").isEqualTo("both@example.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"courseCode\":\"LEAD-101\",\"completedAt\":\"2026-01-15\"}",
            "{\"email\":\"not-an-address\",\"courseCode\":\"LEAD-101\",\"completedAt\":\"2026-01-15\"}",
            "{\"email\":\"bad.date@example.org\",\"courseCode\":\"LEAD-101\",\"completedAt\":\"15/01/2026\"}",
            "{\"email\":\"bad.date@example.org\",\"courseCode\":\"LEAD-101\",\"completedAt\":\"99999-01-01\"}",
            "{\"email\":\"bad.date@example.org\",\"courseCode\":\"LEAD-101\",\"completedAt\":\"+99999-01-01T00:00:00Z\"}",
            "{\"email\":\"bad.date@example.org\",\"courseCode\":\"LEAD-101\",\"completedAt\":\"2999-01-01\"}",
            "{\"email\":\"bad.date@example.org\",\"courseCode\":\"LEAD-101\"}",
            "{\"email\":\"bad.code@example.org\",\"courseCode\":\"LEAD 101\",\"completedAt\":\"2026-01-15\"}",
            "{\"email\":\"bad.code@example.org\",\"courseCode\":\"   \",\"completedAt\":\"2026-01-15\"}",
            "{\"email\":\"bad.name@example.org\",\"courseCode\":\"LEAD-101\",\"completedAt\":\"2026-01-15\",\"name\":\"a\\nb\"}",
    })
    void badInputIsAProblemWithTheFieldAndStoresNothing(String json) {
        var program = world.program("badinput", EarningWorld.onlyCompletion("LEAD-101"));
        Api.Response response = key(program).post(completionsOf(program), json);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("validation-failed");
        assertThat(response.json().get("errors")).isNotEmpty();
        assertThat(completionsCount(program)).isZero();
        assertThat(count(program, "enrollments")).isZero();
    }

    @Test
    void aCourseCodeLongerThan100CharactersIsRefused() {
        var program = world.program("longcode", EarningWorld.onlyCompletion("LEAD-101"));
        Api.Response response = key(program).post(completionsOf(program), Map.of("email", "long@example.org",
                "courseCode", "C".repeat(101), "completedAt", "2026-01-15"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("courseCode");
        assertThat(completionsCount(program)).isZero();
    }

    @Test
    void malformedJsonIsABadRequestAndStoresNothing() {
        var program = world.program("malformed", EarningWorld.onlyCompletion("LEAD-101"));
        Api.Response response = key(program).post(completionsOf(program), "{\"email\": \"x@example.org\", ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("malformed-body");
        assertThat(completionsCount(program)).isZero();
    }

    @Test
    void anotherOrganizationsKeyReadsAsNotFoundAndNoKeyIsUnauthorized() {
        var program = world.program("ownkey", EarningWorld.onlyCompletion("LEAD-101"));
        var other = world.program("otherkey", EarningWorld.onlyCompletion("LEAD-101"));
        Map<String, String> report = Map.of("email", "someone@example.org", "courseCode", "LEAD-101", "completedAt", "2026-01-15");
        assertThat(key(other).post(completionsOf(program), report).status()).isEqualTo(404);
        assertThat(key(other).get(completionsOf(program)).status()).isEqualTo(404);
        assertThat(api().post(completionsOf(program), report).status()).isEqualTo(401);
        assertThat(api().get(completionsOf(program)).status()).isEqualTo(401);
        assertThat(completionsCount(program)).isZero();
    }

    @Test
    void theListPagesThroughCompletionsNewestFirst() {
        var program = world.program("listing", EarningWorld.onlyCompletion("LIST-1"));
        for (String who : List.of("first", "second", "third")) {
            assertThat(key(program).post(completionsOf(program), Map.of("email", who + "@example.org", "courseCode", "LIST-1",
                    "completedAt", "2026-01-15")).status()).isEqualTo(201);
        }
        JsonNode page = key(program).get(completionsOf(program) + "?limit=2").json();
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("items").get(0).get("microCredentials").get(0).asText()).isEqualTo("Run a listing retrospective");
        JsonNode last = key(program).get(page.get("next").asText().replace(baseUrl(), "")).json();
        assertThat(last.get("items")).hasSize(1);
        assertThat(last.hasNonNull("next")).as("the last page").isFalse();
        assertThat(key(program).get(completionsOf(program) + "?limit=0").status()).isEqualTo(400);
        String id = page.get("items").get(0).get("id").asText();
        Api.Response one = key(program).get(completionsOf(program) + "/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("countsToward").get(0).get("status").asText()).isEqualTo("awarded");
    }

    @Test
    void theOpenApiDocumentDescribesTheCompletionEndpoints() {
        Api.Response docs = api().get("/v3/api-docs");
        assertThat(docs.body()).contains("/api/v1/organizations/{slug}/completions", "/api/v1/organizations/{slug}/completions/{id}",
                "Report that a learner completed a course", "Course completions");
    }

    @Test
    void onlyIssuersMayReportAndReviewersOrLearnersMayNot() {
        var program = world.program("roles", EarningWorld.onlyCompletion("ROLE-1"));
        var issuer = world.member(program, Role.ISSUER, "Ida Issuer", null);
        var reviewer = world.member(program, Role.REVIEWER, "Rey Reviewer", null);
        var learner = world.person("Lou Learner", null);
        var report = new Completions.Report("x@example.org", "ROLE-1", "2026-01-15", null);

        assertThat(completions.report(issuer.actor(), program.slug(), report).alreadyReported()).isFalse();
        assertThatThrownBy(() -> completions.report(reviewer.actor(), program.slug(), report)).isInstanceOf(Problem.class)
                .extracting(p -> ((Problem) p).kind()).isEqualTo(Problem.Kind.FORBIDDEN);
        assertThatThrownBy(() -> completions.report(learner.actor(), program.slug(), report)).isInstanceOf(Problem.class)
                .extracting(p -> ((Problem) p).kind()).isEqualTo(Problem.Kind.NOT_FOUND);

        byte[] csv = "email,course_code,completed_at\ny@example.org,ROLE-1,2026-01-15\n".getBytes(StandardCharsets.UTF_8);
        Browser asReviewer = new Browser(reviewer.email());
        assertThat(asReviewer.get("/organizations/" + program.slug() + "/completions").statusCode()).isEqualTo(403);
        assertThat(asReviewer.upload(program.slug(), "completions.csv", csv).statusCode()).isEqualTo(403);
        Browser asLearner = new Browser(learner.email());
        assertThat(asLearner.get("/organizations/" + program.slug() + "/completions").statusCode()).isEqualTo(404);
        assertThat(asLearner.upload(program.slug(), "completions.csv", csv).statusCode()).isEqualTo(404);
        assertThat(completionsCount(program)).as("only the issuer's report").isEqualTo(1);
    }

    // ---- CSV -----------------------------------------------------------------------------------------------------

    @Test
    void aValidFileAwardsBadgesAndTheSameFileAgainAwardsNothingNew() {
        var program = world.program("csvok", EarningWorld.onlyCompletion("CSV-101"));
        var known = world.person("Kim Known", null);
        String csv = "\uFEFFemail,course_code,completed_at,name\n"
                + known.email().toUpperCase() + ",CSV-101,2026-01-15,\n"
                + "\n"
                + "new.person@example.org,CSV-101,2026-01-16T10:00:00Z,\"Nia, New\"\n";
        Browser staff = new Browser(program.owner().email());

        // The file is checked whole in the request, then applied by a background job (the award job engine).
        HttpResponse<String> first = staff.upload(program.slug(), "completions.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("Completions upload", "completions.csv");
        String progress = awaitJob(staff, first);
        assertThat(progress).contains("<span id=\"job-awarded\">2</span>", "<span id=\"job-recorded\">0</span>");
        String results = staff.get(first.uri().getPath() + "/results.csv").body();
        assertThat(results).contains(known.email() + "," + known.email() + ",CSV-101,awarded,", "new.person@example.org,\"Nia, New\",CSV-101,awarded,");
        assertThat(awardsOf(program.achievementId(), known.email())).isEqualTo(1);
        assertThat(awardsOf(program.achievementId(), "new.person@example.org")).isEqualTo(1);
        assertThat(db.sql("select source from completions where organization_id = ? and email = ?").params(program.organizationId(),
                known.email()).query(String.class).single()).isEqualTo("csv");

        HttpResponse<String> again = staff.upload(program.slug(), "completions.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(awaitJob(staff, again)).contains("<span id=\"job-awarded\">0</span>", "<span id=\"job-recorded\">2</span>");
        assertThat(staff.get(again.uri().getPath() + "/results.csv").body()).contains("Already reported.");
        assertThat(awardsOf(program.achievementId(), known.email())).isEqualTo(1);
        assertThat(awardsOf(program.achievementId(), "new.person@example.org")).isEqualTo(1);
        assertThat(completionsCount(program)).isEqualTo(2);

        assertThat(staff.get("/organizations/" + program.slug() + "/completions").body()).contains("new.person@example.org", "CSV-101");
    }

    @Test
    void aFileWithOneBadRowStoresNothingAndNamesTheLine() {
        var program = world.program("csvbad", EarningWorld.onlyCompletion("CSV-101"));
        String csv = "email,course_code,completed_at,name\n"
                + "good.one@example.org,CSV-101,2026-01-15,Good One\n"
                + "good.two@example.org,CSV-101,2026-01-15,\"Two\nLines\"\n"
                + "not-an-address,CSV-101,2026-13-40,Bad Row\n";
        HttpResponse<String> response = new Browser(program.owner().email()).upload(program.slug(), "bad.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(response.body()).contains("Nothing was stored: 2 rows are not valid", "Line 3: name:", "Line 5: email:", "completed_at:");
        assertThat(response.body()).doesNotContain("Line 2:", "Line 4:");
        assertThat(completionsCount(program)).isZero();
        assertThat(count(program, "enrollments")).isZero();
        assertThat(awardsOf(program.achievementId(), "good.one@example.org")).isZero();
    }

    @Test
    void theHeaderMayUseTheApiSpellingsButMustNameTheColumns() {
        var program = world.program("csvhead", EarningWorld.onlyCompletion("CSV-1"));
        var upload = completions.upload(program.owner().actor(), program.slug(),
                "Email,courseCode,completedAt,department\nh@example.org,CSV-1,2026-01-15,Sales\n".getBytes(StandardCharsets.UTF_8));
        assertThat(upload.added()).isEqualTo(1);
        assertThat(upload.badgesAwarded()).isEqualTo(1);

        assertThatThrownBy(() -> completions.upload(program.owner().actor(), program.slug(),
                "h@example.org,CSV-1,2026-01-15\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Problem.class).hasMessageContaining("header").hasMessageContaining("email");
        assertThatThrownBy(() -> completions.upload(program.owner().actor(), program.slug(),
                "email,course_code,completed_at\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Problem.class).hasMessageContaining("no completions");
    }

    @Test
    void aFileOfMoreThanTenThousandRowsIsRefusedWhole() {
        var program = world.program("csvbig", EarningWorld.onlyCompletion("CSV-1"));
        StringBuilder csv = new StringBuilder("email,course_code,completed_at\n");
        for (int i = 0; i <= Completions.MAX_CSV_ROWS; i++) csv.append("p").append(i).append("@example.org,CSV-1,2026-01-15\n");
        assertThatThrownBy(() -> completions.upload(program.owner().actor(), program.slug(), csv.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Problem.class).hasMessageContaining("10,000");
        assertThat(completionsCount(program)).isZero();
    }

    // ---- Helpers -------------------------------------------------------------------------------------------------

    private Api key(EarningWorld.Program program) {
        return api().withToken(program.apiKey());
    }

    private static String completionsOf(EarningWorld.Program program) {
        return "/api/v1/organizations/" + program.slug() + "/completions";
    }

    private long awardsOf(UUID achievementId, String email) {
        return db.sql("select count(*) from awards where achievement_id = ? and recipient_email = ?").params(achievementId, email.toLowerCase())
                .query(Long.class).single();
    }

    private long completionsCount(EarningWorld.Program program) {
        return count(program, "completions");
    }

    private long count(EarningWorld.Program program, String table) {
        return db.sql("select count(*) from " + table + " where organization_id = ?").param(program.organizationId()).query(Long.class).single();
    }

    /** Polls the job page's progress panel (where the upload redirected to) until the job has completed; answers the panel. */
    private String awaitJob(Browser staff, HttpResponse<String> jobPage) {
        String path = jobPage.uri().getPath();
        assertThat(path).contains("/award-jobs/");
        long until = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < until) {
            String panel = staff.get(path + "/progress").body();
            if (panel.contains("data-state=\"completed\"")) return panel;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("The completions job did not complete: " + staff.get(path + "/progress").body());
    }

    /** A signed-in person's browser without a browser, able to upload a file from a form (multipart, with CSRF). */
    private final class Browser {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();

        Browser(String email) {
            String form = "email=" + encode(email) + "&password=" + encode(EarningWorld.PASSWORD) + "&_csrf=" + encode(csrf("/signin"));
            send(HttpRequest.newBuilder(URI.create(baseUrl() + "/signin")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET());
        }

        HttpResponse<String> upload(String slug, String fileName, byte[] content) {
            String boundary = "----completions" + UUID.randomUUID();
            // The sign-out form in every signed-in page's header carries the session's CSRF token.
            String token = csrf("/dashboard");
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token + "\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[head.length + content.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(content, 0, body, head.length, content.length);
            System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
            return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/organizations/" + slug + "/completions/upload"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        }

        private String csrf(String page) {
            Matcher m = CSRF.matcher(get(page).body());
            if (!m.find()) throw new AssertionError("No CSRF token on " + page);
            return m.group(1) != null ? m.group(1) : m.group(2);
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
