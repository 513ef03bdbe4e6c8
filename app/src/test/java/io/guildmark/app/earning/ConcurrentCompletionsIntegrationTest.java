package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The same completions reaching the platform several times at once (a learning system resending, two nodes behind a
 * load balancer): each learner gets one award, exactly one answer says it awarded it, and no answer is an error or
 * a success without the award.
 */
class ConcurrentCompletionsIntegrationTest extends IntegrationTest {

    private static final int THREADS = 8;
    private static final int LEARNERS = 50;

    @Autowired ApplicationContext context;

    @Test
    void eightSendersReportingTheSameCompletionsForFiftyLearnersAwardEachOnceAndSaySoOnce() throws Exception {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        var program = world.program("parallel", EarningWorld.onlyCompletion("PAR-1"));
        Api key = api().withToken(program.apiKey());
        String path = "/api/v1/organizations/" + program.slug() + "/completions";
        List<String> learners = new ArrayList<>();
        for (int i = 0; i < LEARNERS; i++) learners.add(Fixtures.uniqueEmail("parallel" + i));

        Map<String, AtomicInteger> awardedNow = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService senders = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<String> order = new ArrayList<>(learners);
                Collections.shuffle(order, new Random(t));
                sent.add(senders.submit(() -> {
                    start.await();
                    for (String learner : order) {
                        Api.Response r = key.post(path, Map.of("email", learner, "courseCode", "PAR-1", "completedAt", "2026-01-15"));
                        if (r.status() != 200 && r.status() != 201) {
                            wrong.add(learner + ": " + r.status() + " " + r.body());
                            continue;
                        }
                        JsonNode counts = r.json().get("countsToward").get(0);
                        if (!"awarded".equals(counts.get("status").asText())) wrong.add(learner + ": answered " + r.body());
                        if (counts.get("awardedNow").asBoolean()) awardedNow.computeIfAbsent(learner, l -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : sent) f.get();
        } finally {
            senders.shutdown();
        }

        assertThat(wrong).as("answers that were errors, or successes without the award").isEmpty();
        for (String learner : learners) {
            assertThat(db.sql("select count(*) from awards where achievement_id = ? and recipient_email = ?")
                    .params(program.achievementId(), learner).query(Long.class).single()).as("awards of %s", learner).isEqualTo(1);
            assertThat(awardedNow.getOrDefault(learner, new AtomicInteger()).get()).as("answers saying awardedNow for %s", learner).isEqualTo(1);
        }
    }
}
