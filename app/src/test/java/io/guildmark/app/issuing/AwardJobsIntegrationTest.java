package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Bulk awarding over the API: the file checked whole, then awarded by the background job, each row exactly once. */
class AwardJobsIntegrationTest extends IntegrationTest {

    private String slug;
    private Api key;
    private String achievementId;
    private String jobs;

    @BeforeEach
    void anAssociationWithAPublishedMicroCredential() {
        slug = Fixtures.createOrganization(admin(), "bulk");
        key = api().withToken(Fixtures.createApiKey(admin(), slug));
        achievementId = Catalog.publishedMicroCredential(key, slug, "Chair a Meeting");
        jobs = "/api/v1/organizations/" + slug + "/award-jobs";
    }

    @org.junit.jupiter.api.Test
    void theListOfJobsPagesWithACursorAndATotalLikeEveryOtherList() {
        for (int i = 0; i < 3; i++) {
            Api.Response posted = key.post(jobs, file(emails(1)), "text/csv");
            assertThat(posted.status()).as(posted.body()).isEqualTo(202);
        }
        JsonNode first = key.get(jobs + "?limit=2").json();
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(first.get("items")).hasSize(2);
        JsonNode second = key.get(first.get("next").asText().replaceFirst("^https?://[^/]+", "")).json();
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(key.get(jobs + "?cursor=" + first.get("nextCursor").asText() + "x").status()).as("a tampered cursor").isEqualTo(400);
    }

    static String header() {
        return "email,name,micro_credential,evidence_narrative,evidence_url,issue_date,expiry\n";
    }

    private List<String> emails(int n) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < n; i++) list.add(Fixtures.uniqueEmail("member" + i));
        return list;
    }

    private byte[] file(List<String> emails) {
        StringBuilder csv = new StringBuilder(header());
        for (String e : emails) csv.append(e).append(",Member ").append(e.hashCode() & 0xffff).append(',').append(achievementId).append(",,,,\n");
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode awaitFinished(String id) {
        long until = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < until) {
            JsonNode job = key.get(jobs + "/" + id).json();
            if (List.of("completed", "cancelled", "failed").contains(job.get("state").asText()) && job.get("remaining").asInt() == 0) return job;
            sleep(250);
        }
        throw new AssertionError("The job did not finish: " + key.get(jobs + "/" + id).body());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long awardsOfJob(String id) {
        return db.sql("select count(*) from awards where issue_key like ?").param(id + ":%").query(Long.class).single();
    }

    @Test
    void aValidFileIsAwardedInTheBackgroundEveryRowOnceWithOneEmailEach() {
        String a = Fixtures.uniqueEmail("ada");
        String b = Fixtures.uniqueEmail("bo");
        String c = Fixtures.uniqueEmail("cy");
        String csv = "\uFEFF" + header()
                + a + ",Ada Lovelace," + achievementId + ",Chaired the annual meeting.,https://minutes.example.org/2026,2026-01-15,2030-01-15\n"
                + b + ",\"=HYPERLINK(\"\"http://evil.example\"\")\",Chair a Meeting,,,,\n"
                + c + ",\"Cy, Jr.\",chair a meeting,@SUM(1),,,\n";
        Api.Response started = key.post(jobs, csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().get("totalRows").asInt()).isEqualTo(3);
        assertThat(started.header("Location")).endsWith("/award-jobs/" + started.json().get("id").asText());
        String id = started.json().get("id").asText();

        JsonNode done = awaitFinished(id);
        assertThat(done.get("state").asText()).isEqualTo("completed");
        assertThat(done.get("awarded").asInt()).isEqualTo(3);
        assertThat(done.get("percent").asInt()).isEqualTo(100);
        assertThat(awardsOfJob(id)).isEqualTo(3);
        for (String email : List.of(a, b, c)) {
            assertThat(db.sql("select count(*) from awards where recipient_email = ?").param(email).query(Long.class).single()).isEqualTo(1);
            assertThat(db.sql("select count(*) from outbound_emails where recipient = ?").param(email).query(Long.class).single()).isEqualTo(1);
        }
        assertThat(db.sql("select valid_until from awards where recipient_email = ?").param(a).query(java.sql.Timestamp.class).single()
                .toInstant()).hasToString("2030-01-15T00:00:00Z");

        Api.Response results = key.get(jobs + "/" + id + "/results");
        assertThat(results.status()).isEqualTo(200);
        assertThat(results.header("Content-Type")).startsWith("text/csv");
        List<String> lines = results.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("line,email,name,micro_credential,outcome,award_id,credential_url,message");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("2," + a + ",Ada Lovelace,Chair a Meeting,awarded,").contains(baseUrl() + "/credentials/");
        // The formula in the name was stored as text and is never written where a spreadsheet would run it.
        assertThat(db.sql("select recipient_name from awards where recipient_email = ?").param(b).query(String.class).single())
                .isEqualTo("=HYPERLINK(\"http://evil.example\")");
        assertThat(lines.get(2)).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")\",");
        assertThat(results.body()).doesNotContain(",=");
    }

    @Test
    void aFileWithBadLinesIsRefusedWholeNamingEveryLineAndNothingIsStored() {
        Api.Response draft = key.post("/api/v1/organizations/" + slug + "/achievements", Map.of("name", "Draft Thing",
                "description", "Not yet.", "achievementType", "MicroCredential", "criteria", Map.of("narrative", "Do it.")));
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        String draftId = draft.json().get("id").asText();
        String retiredId = Catalog.publishedMicroCredential(key, slug, "Old Thing");
        assertThat(key.post("/api/v1/organizations/" + slug + "/achievements/" + retiredId + "/retire", Map.of()).status()).isEqualTo(200);
        String good = Fixtures.uniqueEmail("good");
        String csv = header()
                + good + ",Good Row," + achievementId + ",,,,\n"                      // line 2
                + "not-an-address,Bad Mail," + achievementId + ",,,,\n"               // line 3
                + Fixtures.uniqueEmail("x") + ",Unknown,No Such Badge,,,,\n"          // line 4
                + Fixtures.uniqueEmail("x") + ",Retired," + retiredId + ",,,,\n"      // line 5
                + Fixtures.uniqueEmail("x") + ",Draft," + draftId + ",,,,\n"          // line 6
                + Fixtures.uniqueEmail("x") + ",Bad Date," + achievementId + ",,,2026-13-45,\n" // line 7
                + Fixtures.uniqueEmail("x") + ",Backwards," + achievementId + ",,,2026-05-01,2026-04-01\n" // line 8
                + good.toUpperCase() + ",Good Again," + achievementId + ",,ftp://x.example,,\n"; // line 9: duplicate of 2, bad URL
        Api.Response refused = key.post(jobs, csv.getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).contains("application/problem+json");
        JsonNode problem = refused.json();
        assertThat(problem.get("code").asText()).isEqualTo("invalid-rows");
        assertThat(problem.get("detail").asText()).contains("Nothing was started").contains("7 rows");
        List<String> named = new ArrayList<>();
        problem.get("lineErrors").forEach(e -> named.add(e.get("line").asInt() + ":" + e.get("column").asText()));
        assertThat(named).containsExactly("3:email", "4:micro_credential", "5:micro_credential", "6:micro_credential", "7:issue_date",
                "8:expiry", "9:evidence_url", "9:");
        assertThat(refused.body()).contains("is retired").contains("not published").contains("Duplicates line 2");
        assertThat(db.sql("select count(*) from award_jobs j join organizations o on o.id = j.organization_id where o.slug = ?")
                .param(slug).query(Long.class).single()).isZero();
        assertThat(db.sql("select count(*) from awards where recipient_email = ?").param(good).query(Long.class).single()).isZero();
    }

    @Test
    void aWrongHeaderAnotherEncodingAnOversizedFileAndAnEmptyOneAreRefusedClearly() {
        Api.Response header = key.post(jobs, "mail,name,badge,colour\nx@example.org,X,Y,red\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(header.status()).isEqualTo(400);
        assertThat(header.body()).contains("mail").contains("colour").contains("The header has no email column");

        byte[] latin1 = (header() + Fixtures.uniqueEmail("z") + ",Zoë," + achievementId + ",,,,\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf8 = (Fixtures.uniqueEmail("y") + ",Zoë," + achievementId + ",,,,\n").getBytes(StandardCharsets.UTF_8);
        byte[] mixed = new byte[latin1.length + utf8.length];
        System.arraycopy(latin1, 0, mixed, 0, latin1.length);
        System.arraycopy(utf8, 0, mixed, latin1.length, utf8.length);
        Api.Response encoding = key.post(jobs, mixed, "text/csv");
        assertThat(encoding.status()).isEqualTo(400);
        assertThat(encoding.body()).contains("UTF-8");
        assertThat(encoding.json().get("lineErrors").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(encoding.json().get("lineErrors")).hasSize(1);

        byte[] huge = new byte[11 * 1024 * 1024 - 100];
        java.util.Arrays.fill(huge, (byte) 'a');
        Api.Response tooLarge = key.post(jobs, huge, "text/csv");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("10 MB");

        StringBuilder many = new StringBuilder(header());
        for (int i = 0; i <= 50_000; i++) many.append("m").append(i).append("@example.org,M,").append(achievementId).append(",,,,\n");
        Api.Response tooMany = key.post(jobs, many.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("more than 50,000 rows");

        assertThat(key.post(jobs, header().getBytes(StandardCharsets.UTF_8), "text/csv").body()).contains("no rows");
        assertThat(db.sql("select count(*) from award_jobs j join organizations o on o.id = j.organization_id where o.slug = ?")
                .param(slug).query(Long.class).single()).isZero();
    }

    @Test
    void theSameFileAgainAwardsNothingUnlessStaffChooseToAwardAgain() {
        List<String> people = emails(4);
        String first = key.post(jobs, file(people), "text/csv").json().get("id").asText();
        // Sent again at once, while the first may still be running: jobs run one at a time, oldest first.
        String second = key.post(jobs, file(people), "text/csv").json().get("id").asText();
        assertThat(awaitFinished(first).get("awarded").asInt()).isEqualTo(4);
        JsonNode again = awaitFinished(second);
        assertThat(again.get("awarded").asInt()).isZero();
        assertThat(again.get("skipped").asInt()).isEqualTo(4);
        assertThat(key.get(jobs + "/" + second + "/results").body()).contains("skipped-duplicate").contains("Already holds");

        JsonNode anyway = awaitFinished(key.post(jobs + "?allowDuplicates=true", file(people), "text/csv").json().get("id").asText());
        assertThat(anyway.get("awarded").asInt()).isEqualTo(4);
        for (String email : people) {
            assertThat(db.sql("select count(*) from awards where recipient_email = ?").param(email).query(Long.class).single()).isEqualTo(2);
        }
    }

    @Test
    void rowsSentAsJsonAreCheckedAndAwardedTheSameWay() {
        String email = Fixtures.uniqueEmail("json");
        Api.Response bad = key.post(jobs, Map.of("rows", List.of(Map.of("email", email, "name", "J", "microCredential", achievementId),
                Map.of("email", "nope", "name", "K", "microCredential", achievementId))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("Row 2, email");
        Api.Response ok = key.post(jobs, Map.of("rows", List.of(Map.of("email", email, "name", "J", "microCredential", "Chair a Meeting",
                "evidenceNarrative", "Chaired it.", "issueDate", "2026-02-01"))));
        assertThat(ok.status()).as(ok.body()).isEqualTo(202);
        assertThat(awaitFinished(ok.json().get("id").asText()).get("awarded").asInt()).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyMakesARetriedUploadAnswerTheFirstJob() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = Fixtures.createApiKey(admin(), slug);
        byte[] body = file(emails(2));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + jobs)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "text/csv").header("Idempotency-Key", "bulk-retry-1")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(202);
            ids.add(Api.JSON.readTree(r.body()).get("id").asText());
        }
        assertThat(ids.get(1)).isEqualTo(ids.get(0));
        awaitFinished(ids.get(0));
    }

    @Test
    void cancellingMidwayLeavesRowsDoneAndCancelsTheRest() {
        String id = key.post(jobs, file(emails(150)), "text/csv").json().get("id").asText();
        long until = System.currentTimeMillis() + 60_000;
        while (key.get(jobs + "/" + id).json().get("done").asInt() == 0 && System.currentTimeMillis() < until) sleep(50);
        Api.Response cancelled = key.post(jobs + "/" + id + "/cancel", Map.of());
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("state").asText()).isEqualTo("cancelled");

        JsonNode job = awaitFinished(id);
        assertThat(job.get("cancelled").asInt()).isPositive();
        assertThat(job.get("awarded").asInt()).isPositive();
        assertThat(job.get("awarded").asInt() + job.get("cancelled").asInt()).isEqualTo(150);
        assertThat(awardsOfJob(id)).isEqualTo(job.get("awarded").asLong());
        assertThat(key.get(jobs + "/" + id + "/results").body()).contains(",cancelled,");
        assertThat(key.post(jobs + "/" + id + "/cancel", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void anotherOrganizationCannotSeeOrCancelTheJob() {
        String id = key.post(jobs, file(emails(1)), "text/csv").json().get("id").asText();
        String other = Fixtures.createOrganization(admin(), "rivals");
        Api rival = api().withToken(Fixtures.createApiKey(admin(), other));
        String theirs = "/api/v1/organizations/" + other + "/award-jobs/" + id;
        assertThat(rival.get(theirs).status()).isEqualTo(404);
        assertThat(rival.get(theirs + "/results").status()).isEqualTo(404);
        assertThat(rival.post(theirs + "/cancel", Map.of()).status()).isEqualTo(404);
        assertThat(rival.get("/api/v1/organizations/" + other + "/award-jobs").json().get("items")).isEmpty();
        assertThat(rival.get(jobs + "/" + id).status()).isIn(403, 404);
        assertThat(rival.post(jobs, file(emails(1)), "text/csv").status()).isIn(403, 404);
        awaitFinished(id);
        assertThat(key.get(jobs).json().get("items").get(0).get("id").asText()).isEqualTo(id);
    }
}
