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
import io.guildmark.app.support.TestDatabase;
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
    @Autowired EarnedAwards earnedAwards;

    @Test
    void eightSendersReportingTheSameCompletionsForFiftyLearnersAwardEachOnceAndSaySoOnce() throws Exception {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        var program = world.program("parallel", EarningWorld.onlyCompletion("PAR-1"));
        Api key = api().withToken(program.apiKey());
        String path = "/api/v1/organizations/" + program.slug() + "/completions";
        List<String> learners = new ArrayList<>();
        for (int i = 0; i < LEARNERS; i++) learners.add(Fixtures.uniqueEmail("parallel" + i));

        long deadlocksBefore = deadlocks();
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
        assertThat(deadlocks() - deadlocksBefore).as("deadlocks the database detected").isZero();
        for (String learner : learners) {
            assertThat(db.sql("select count(*) from awards where achievement_id = ? and recipient_email = ?")
                    .params(program.achievementId(), learner).query(Long.class).single()).as("awards of %s", learner).isEqualTo(1);
            assertThat(awardedNow.getOrDefault(learner, new AtomicInteger()).get()).as("answers saying awardedNow for %s", learner).isEqualTo(1);
        }
    }

    @Test
    void awardsRacingForAnOrganizationsFirstStatusListAllGoThroughWithoutADeadlock() throws Exception {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        var program = world.program("firstlist", EarningWorld.onlyCompletion("FIRST-1"));
        List<java.util.UUID> enrollments = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            var learner = world.person("First " + i, null);
            enrollments.add(world.enroll(learner, program).id());
            // The completion as a crash would leave it (no award check ran), so that every check below races the others.
            db.sql("insert into completions (id, organization_id, email, course_code, completed_on, source, reported_at) values (?, ?, ?, 'FIRST-1', ?, 'api', ?)")
                    .params(java.util.UUID.randomUUID(), program.organizationId(), learner.email().toLowerCase(),
                            java.sql.Date.valueOf(java.time.LocalDate.now().minusDays(1)), java.sql.Timestamp.from(java.time.Instant.now())).update();
        }
        long deadlocksBefore = deadlocks();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService checkers = Executors.newFixedThreadPool(THREADS);
        try {
            // Two checks per enrollment, as when a report and the missed-awards job (or two nodes) check it at once.
            Map<java.util.UUID, List<Future<Boolean>>> running = new java.util.LinkedHashMap<>();
            for (java.util.UUID id : enrollments) {
                for (int twice = 0; twice < 2; twice++) {
                    running.computeIfAbsent(id, e -> new ArrayList<>()).add(checkers.submit(() -> {
                        start.await();
                        return earnedAwards.check(id).isPresent();
                    }));
                }
            }
            start.countDown();
            long awarded = 0;
            for (var enrollment : running.entrySet()) {
                long madeIt = 0;
                for (Future<Boolean> f : enrollment.getValue()) if (f.get()) madeIt++;
                awarded += madeIt;
                assertThat(madeIt).as("checks of enrollment %s that made an award", enrollment.getKey()).isLessThanOrEqualTo(1);
                assertThat(db.sql("select count(*) from awards a join enrollments e on e.award_id = a.id where e.id = ?")
                        .param(enrollment.getKey()).query(Long.class).single()).as("awards of enrollment %s", enrollment.getKey()).isEqualTo(1);
            }
            // The recurring missed-awards job may claim a few of these first (it looks for exactly this state); the
            // enrollments it took still hold one award each, checked above, and the rest were made by the racers.
            assertThat(awarded).as("checks that made an award").isPositive();
        } finally {
            checkers.shutdown();
        }
        assertThat(deadlocks() - deadlocksBefore).as("deadlocks the database detected").isZero();
        assertThat(db.sql("select count(*) from status_lists where organization_id = ?").param(program.organizationId())
                .query(Long.class).single()).as("one first list, not one per racer").isEqualTo(1);
    }

    /** Deadlocks PostgreSQL has detected in this test's database so far (a retried one included); 0 on H2, which counts none. */
    private long deadlocks() throws InterruptedException {
        if (!TestDatabase.postgresRequested()) return 0;
        Thread.sleep(1500); // backends report their counts to the statistics within a second
        db.sql("select pg_stat_clear_snapshot()").query(Object.class).list();
        return db.sql("select deadlocks from pg_stat_database where datname = current_database()").query(Long.class).single();
    }
}
