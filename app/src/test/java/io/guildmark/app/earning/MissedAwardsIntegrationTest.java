package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A completion committed just before its node died was never awarded: the award check runs after the commit, in the
 * process that died. The missed-awards job finds such enrollments and awards each exactly once.
 */
class MissedAwardsIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired MissedAwards missed;
    @Autowired EarnedAwards earnedAwards;

    EarningWorld world;

    @BeforeEach
    void world() {
        world = new EarningWorld(context, admin(), baseUrl());
    }

    @Test
    void anEnrollmentWhoseCompletionWasCommittedButNeverCheckedIsAwardedOnceWithOneEmail() throws InterruptedException {
        var program = world.program("crashed", EarningWorld.onlyCompletion("CRASH-1"));
        var learner = world.person("Robin Recovered", null);
        Enrollment enrollment = world.enroll(learner, program);
        completedAsACrashWouldLeaveIt(program, learner.email(), "CRASH-1");
        assertThat(awardsOf(program, learner.email())).as("nothing awarded yet: the check died with its node").isZero();

        walkEveryEnrollment();

        assertThat(awardsOf(program, learner.email())).isEqualTo(1);
        assertThat(enrollments().find(enrollment.id()).orElseThrow().state()).isEqualTo(Enrollment.State.AWARDED);
        assertThat(Mailbox.await(learner.email(), "").to()).isEqualToIgnoringCase(learner.email());

        walkEveryEnrollment();
        Thread.sleep(3000); // two outbox rounds: a second message would have arrived by now
        assertThat(awardsOf(program, learner.email())).as("a second walk awards nothing more").isEqualTo(1);
        assertThat(Mailbox.messagesTo(learner.email())).hasSize(1);
    }

    @Test
    void theJobRacingTheNormalAwardCheckAwardsOnce() throws Exception {
        var program = world.program("racing", EarningWorld.onlyCompletion("RACE-1"));
        List<UUID> enrollmentIds = new ArrayList<>();
        List<String> learners = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var learner = world.person("Racer " + i, null);
            learners.add(learner.email());
            enrollmentIds.add(world.enroll(learner, program).id());
            completedAsACrashWouldLeaveIt(program, learner.email(), "RACE-1");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Object>> work = new ArrayList<>();
            for (UUID id : enrollmentIds) work.add(() -> earnedAwards.check(id));
            work.add(() -> { walkEveryEnrollment(); return null; });
            work.add(() -> { walkEveryEnrollment(); return null; });
            for (Future<Object> f : pool.invokeAll(work)) f.get();
        } finally {
            pool.shutdown();
        }
        for (String email : learners) assertThat(awardsOf(program, email)).as(email).isEqualTo(1);
    }

    private void walkEveryEnrollment() {
        MissedAwards.Batch batch = missed.checkAfter(null, 50);
        while (batch.next() != null) batch = missed.checkAfter(batch.next(), 50);
    }

    /** The completion row as committed by a report whose after-commit award check never ran. */
    private void completedAsACrashWouldLeaveIt(EarningWorld.Program program, String email, String courseCode) {
        db.sql("insert into completions (id, organization_id, email, course_code, completed_on, source, reported_at) values (?, ?, ?, ?, ?, 'api', ?)")
                .params(UUID.randomUUID(), program.organizationId(), email.toLowerCase(), courseCode, Date.valueOf(LocalDate.now().minusDays(1)),
                        Timestamp.from(Instant.now())).update();
    }

    private Enrollments enrollments() {
        return context.getBean(Enrollments.class);
    }

    private long awardsOf(EarningWorld.Program program, String email) {
        return db.sql("select count(*) from awards where achievement_id = ? and recipient_email = ?").params(program.achievementId(), email.toLowerCase())
                .query(Long.class).single();
    }
}
