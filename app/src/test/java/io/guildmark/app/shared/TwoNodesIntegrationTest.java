package io.guildmark.app.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.SecondNode;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * Two application instances on one database, as behind a load balancer: requests for the same things sent to both at
 * once create each thing once, a session started on one is valid on the other, and both nodes' job schedulers share
 * the background work so that each e-mail goes out once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesIntegrationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired ApplicationContext context;
    @Autowired Environment environment;

    private SecondNode second;
    private EarningWorld world;

    @BeforeAll
    void aSecondNodeOnTheSameDatabase() {
        second = SecondNode.start(environment, baseUrl());
        world = new EarningWorld(context, admin(), baseUrl());
    }

    @AfterAll
    void stopTheSecondNode() {
        if (second != null) second.close();
    }

    private List<String> nodes() {
        return List.of("http://127.0.0.1:" + port, second.baseUrl());
    }

    @Test
    void theSameCompletionsSentToBothNodesAtOnceAwardEachLearnerOnceAndOneAnswerSaysSo() throws Exception {
        var program = world.program("twonodes-done", EarningWorld.onlyCompletion("TWO-1"));
        List<String> learners = new ArrayList<>();
        for (int i = 0; i < 20; i++) learners.add(Fixtures.uniqueEmail("two" + i));
        Map<String, AtomicInteger> awardedNow = new java.util.concurrent.ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();

        race(4, sender -> {
            Api node = new Api(nodes().get(sender % 2)).withToken(program.apiKey());
            for (String learner : learners) {
                Api.Response r = node.post("/api/v1/organizations/" + program.slug() + "/completions",
                        Map.of("email", learner, "courseCode", "TWO-1", "completedAt", "2026-01-15"));
                if (r.status() != 200 && r.status() != 201) {
                    wrong.add(learner + ": " + r.status() + " " + r.body());
                    continue;
                }
                JsonNode counts = r.json().get("countsToward").get(0);
                if (!"awarded".equals(counts.get("status").asText())) wrong.add(learner + ": answered " + r.body());
                if (counts.get("awardedNow").asBoolean()) awardedNow.computeIfAbsent(learner, l -> new AtomicInteger()).incrementAndGet();
            }
        });

        assertThat(wrong).as("answers that were errors, or successes without the award").isEmpty();
        for (String learner : learners) {
            assertThat(awardsOf(program, learner)).as("awards of %s", learner).isEqualTo(1);
            assertThat(awardedNow.getOrDefault(learner, new AtomicInteger()).get()).as("answers saying awardedNow for %s", learner).isEqualTo(1);
        }
    }

    @Test
    void anAwardRetriedOnTheOtherNodeWithItsIdempotencyKeyIsOneBadgeAndItsAwardEmailGoesOutOnce() throws Exception {
        var program = world.program("twonodes-award", EarningWorld.onlyDemonstration());
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 10; i++) recipients.add(Fixtures.uniqueEmail("retry" + i));
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();

        // Each award is sent to both nodes at once with one key, as a client retrying a timed-out call through the
        // load balancer does; both nodes' schedulers then deliver the outbox.
        race(2, sender -> {
            for (String email : recipients) {
                String body = "{\"achievementId\":\"" + program.achievementId() + "\",\"recipient\":{\"email\":\"" + email
                        + "\",\"name\":\"Riley Retry\"}}";
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(nodes().get(sender) + "/api/v1/organizations/"
                        + program.slug() + "/awards")).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + program.apiKey())
                        .header("Content-Type", "application/json").header("Idempotency-Key", "award-" + email)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                // 409: the other node is still answering the same key; the client would retry after Retry-After.
                if (r.statusCode() != 201 && r.statusCode() != 409) wrong.add(email + ": " + r.statusCode() + " " + r.body());
            }
        });

        assertThat(wrong).isEmpty();
        for (String email : recipients) assertThat(awardsOf(program, email)).as("awards of %s", email).isEqualTo(1);
        for (String email : recipients) Mailbox.await(email, "You earned");
        Thread.sleep(2_000); // a second delivery by the other node's scheduler would arrive within its polling interval
        for (String email : recipients) assertThat(Mailbox.messagesTo(email)).as("e-mails to %s", email).hasSize(1);
    }

    @Test
    void aSessionStartedOnOneNodeIsSignedInOnTheOtherAndSigningOutThereEndsItOnBoth() {
        var program = world.program("twonodes-session", EarningWorld.onlyDemonstration());
        WebSession browser = new WebSession(baseUrl());
        browser.signIn(program.owner().email(), EarningWorld.PASSWORD);
        String awardsPage = "/organizations/" + program.slug() + "/awards";

        WebSession.Page onTheOther = browser.get(second.baseUrl() + awardsPage, "text/html");
        assertThat(onTheOther.status()).isEqualTo(200);
        assertThat(onTheOther.uri().getPath()).as("not sent to sign in").isEqualTo(awardsPage);

        browser.submit(second.baseUrl() + awardsPage, second.baseUrl() + "/signout");
        WebSession.Page onTheFirst = browser.get(baseUrl() + awardsPage, "text/html");
        assertThat(onTheFirst.uri().getPath()).as("signed out on every node").isEqualTo("/signin");
    }

    private long awardsOf(EarningWorld.Program program, String email) {
        return db.sql("select count(*) from awards where achievement_id = ? and lower(recipient_email) = lower(?)")
                .params(program.achievementId(), email).query(Long.class).single();
    }

    private interface Sender {
        void send(int sender) throws Exception;
    }

    /** Runs the senders at the same moment and waits for all of them. */
    private static void race(int senders, Sender body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                running.add(pool.submit(() -> {
                    start.await();
                    body.send(sender);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : running) f.get();
        } finally {
            pool.shutdown();
        }
    }
}
