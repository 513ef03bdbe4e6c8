package io.guildmark.app.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class IdempotencyKeyIntegrationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private String slug;
    private String token;
    private String achievementId;

    @BeforeEach
    void anOrganizationWithAPublishedMicroCredential() {
        slug = Fixtures.createOrganization(admin(), "retries");
        token = Fixtures.createApiKey(admin(), slug);
        achievementId = Catalog.publishedMicroCredential(api().withToken(token), slug, "Plan a Retrospective");
    }

    @Test
    void aRetriedAwardWithTheSameKeyGetsTheFirstAnswerAndCreatesNothing() throws Exception {
        String body = awardBody("retry@example.org");
        HttpResponse<String> first = post("/api/v1/organizations/" + slug + "/awards", token, "award-7f3a", body);
        assertThat(first.statusCode()).isEqualTo(201);
        long awards = awardsOf(slug);

        HttpResponse<String> retry = post("/api/v1/organizations/" + slug + "/awards", token, "award-7f3a", body);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(awardsOf(slug)).isEqualTo(awards);
    }

    @Test
    void withoutAKeyOrWithANewKeyEachPostCreates() throws Exception {
        String body = awardBody("twice@example.org");
        long before = awardsOf(slug);
        assertThat(post("/api/v1/organizations/" + slug + "/awards", token, null, body).statusCode()).isEqualTo(201);
        assertThat(post("/api/v1/organizations/" + slug + "/awards", token, "key-one", body).statusCode()).isEqualTo(201);
        assertThat(post("/api/v1/organizations/" + slug + "/awards", token, "key-two", body).statusCode()).isEqualTo(201);
        assertThat(awardsOf(slug)).isEqualTo(before + 3);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedWith422() throws Exception {
        assertThat(post("/api/v1/organizations/" + slug + "/awards", token, "reused", awardBody("a@example.org")).statusCode()).isEqualTo(201);
        long awards = awardsOf(slug);
        HttpResponse<String> other = post("/api/v1/organizations/" + slug + "/awards", token, "reused", awardBody("b@example.org"));
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(Api.JSON.readTree(other.body()).get("code").asText()).isEqualTo("idempotency-key-reused");
        assertThat(awardsOf(slug)).isEqualTo(awards);
    }

    @Test
    void aKeyLongerThan255CharactersOrWithControlCharactersIsRefusedWith400() throws Exception {
        long awards = awardsOf(slug);
        HttpResponse<String> tooLong = post("/api/v1/organizations/" + slug + "/awards", token, "k".repeat(256), awardBody("long@example.org"));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(Api.JSON.readTree(tooLong.body()).get("code").asText()).isEqualTo("idempotency-key-invalid");
        assertThat(post("/api/v1/organizations/" + slug + "/awards", token, "k".repeat(255), awardBody("edge@example.org")).statusCode()).isEqualTo(201);
        assertThat(awardsOf(slug)).isEqualTo(awards + 1);
    }

    @Test
    void keysBelongToTheCallerSoAnotherKeyHolderCannotReadTheAnswer() throws Exception {
        String body = awardBody("scoped@example.org");
        HttpResponse<String> mine = post("/api/v1/organizations/" + slug + "/awards", token, "shared-name", body);
        String otherToken = Fixtures.createApiKey(admin(), slug);
        HttpResponse<String> theirs = post("/api/v1/organizations/" + slug + "/awards", otherToken, "shared-name", body);
        assertThat(theirs.statusCode()).isEqualTo(201);
        assertThat(theirs.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(id(theirs)).isNotEqualTo(id(mine));
    }

    @Test
    void aRefusedRequestIsNotKeptForAnotherCaller() throws Exception {
        HttpResponse<String> unauthorized = post("/api/v1/organizations/" + slug + "/awards", "not-a-real-key", "k-401", awardBody("x@example.org"));
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/organizations/" + slug + "/awards", token, "k-401", awardBody("x@example.org")).statusCode()).isEqualTo(201);
    }

    @Test
    void validationErrorsAreReplayedToo() throws Exception {
        String bad = "{\"achievementId\":\"" + achievementId + "\",\"recipient\":{\"email\":\"not-an-address\",\"name\":\"\"}}";
        HttpResponse<String> first = post("/api/v1/organizations/" + slug + "/awards", token, "bad-1", bad);
        assertThat(first.statusCode()).isEqualTo(400);
        HttpResponse<String> again = post("/api/v1/organizations/" + slug + "/awards", token, "bad-1", bad);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneAward() throws Exception {
        String body = awardBody("race@example.org");
        long before = awardsOf(slug);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Callable<HttpResponse<String>> call = () -> post("/api/v1/organizations/" + slug + "/awards", token, "race-key", body);
                answers.add(pool.submit(call));
            }
            List<String> createdIds = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).isIn(201, 409);
                if (response.statusCode() == 201) createdIds.add(id(response));
                else assertThat(response.headers().firstValue("Retry-After")).isPresent();
            }
            assertThat(createdIds).isNotEmpty().allMatch(createdIds.get(0)::equals);
        } finally {
            pool.shutdownNow();
        }
        assertThat(awardsOf(slug)).isEqualTo(before + 1);
    }

    @Test
    void organizationsCreatedByTheOperatorAreSafeToRetryToo() throws Exception {
        String slugToCreate = Fixtures.uniqueSlug("retried-org");
        String body = Api.JSON.writeValueAsString(Map.of("slug", slugToCreate, "name", "Retried Guild", "url", "https://retried.example.org",
                "email", "office@retried.example.org"));
        HttpResponse<String> first = post("/api/v1/organizations", ADMIN_TOKEN, "org-" + slugToCreate, body);
        assertThat(first.statusCode()).isEqualTo(201);
        HttpResponse<String> retry = post("/api/v1/organizations", ADMIN_TOKEN, "org-" + slugToCreate, body);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
    }

    private String awardBody(String email) {
        return Api.JSON.writeValueAsString(Map.of("achievementId", achievementId, "recipient", Map.of("email", email, "name", "Robin Retry")));
    }

    private HttpResponse<String> post(String path, String bearer, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) request.header("Idempotency-Key", key);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String id(HttpResponse<String> response) {
        JsonNode json = Api.JSON.readTree(response.body());
        return json.get("id").asText();
    }

    private long awardsOf(String slug) {
        return db.sql("select count(*) from awards a join organizations o on o.id = a.organization_id where o.slug = ?")
                .param(slug).query(Long.class).single();
    }
}
