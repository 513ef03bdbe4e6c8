package io.guildmark.app.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A node killed while it ran the outbox job leaves the job's row picked, its heartbeat frozen. The nodes still
 * running must notice the stale heartbeat and run the job again, or no node would ever deliver an e-mail again.
 */
class OutboxSurvivesADeadNodeIntegrationTest extends IntegrationTest {

    private static final String DEAD_NODE = "a-node-killed-mid-job";

    @Autowired Mailer mailer;
    @Autowired List<RecurringTask<?>> recurringTasks;
    @Autowired DbSchedulerProperties scheduler;

    @Test
    void anOutboxJobLeftPickedByADeadNodeIsRunAgainAndDeliversTheMail() throws InterruptedException {
        leaveTheOutboxJobPickedByADeadNode();
        String learner = Fixtures.uniqueEmail("after.crash");

        mailer.send(EmailAddress.of(learner), "Delivered after a crash", "The outbox runs again.");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Mailbox.messagesTo(learner).isEmpty() && Instant.now().isBefore(deadline)) Thread.sleep(250);
        assertThat(Mailbox.messagesTo(learner)).as("delivered once the dead node's execution was revived").hasSize(1);
        assertThat(db.sql("select count(*) from scheduled_tasks where task_name = 'deliver-outbox' and picked_by = ?")
                .param(DEAD_NODE).query(Long.class).single()).as("no longer held by the dead node").isZero();
    }

    @Test
    void anEmailSentAgainBecauseANodeDiedBeforeMarkingItSentIsTheSameMessageToTheReceiver() throws Exception {
        String learner = Fixtures.uniqueEmail("resent");
        mailer.send(EmailAddress.of(learner), "Sent again after a crash", "The receiving system drops the copy by its Message-ID.");
        awaitMessages(learner, 1);
        Instant marked = Instant.now().plus(Duration.ofSeconds(10));
        while (db.sql("select count(*) from outbound_emails where lower(recipient) = lower(?) and sent_at is not null").param(learner)
                .query(Long.class).single() == 0 && Instant.now().isBefore(marked)) Thread.sleep(50);
        // As a node killed between handing the message to the SMTP server and marking it sent leaves the row.
        assertThat(db.sql("update outbound_emails set sent_at = null where lower(recipient) = lower(?)").param(learner).update()).isEqualTo(1);
        awaitMessages(learner, 2);

        List<String> ids = new java.util.ArrayList<>();
        for (jakarta.mail.internet.MimeMessage copy : Mailbox.mimeTo(learner)) ids.add(copy.getMessageID());
        UUID row = db.sql("select id from outbound_emails where lower(recipient) = lower(?)").param(learner).query(UUID.class).single();
        assertThat(ids).hasSize(2).containsOnly("<" + row + "@127.0.0.1>");
    }

    private static void awaitMessages(String to, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Mailbox.messagesTo(to).size() < count && Instant.now().isBefore(deadline)) Thread.sleep(100);
        assertThat(Mailbox.messagesTo(to)).hasSize(count);
    }

    @Test
    void everyRecurringJobHeldByADeadNodeIsRunAgainRatherThanDropped() {
        assertThat(recurringTasks).isNotEmpty().allSatisfy(task -> assertThat(task.getDeadExecutionHandler())
                .as(task.getName()).isInstanceOf(DeadExecutionHandler.ReviveDeadExecution.class));
    }

    @Test
    void aDeadNodeIsNoticedWithinAMinute() {
        // Dead once the heartbeat is this many intervals old; live nodes look every 2 intervals.
        Duration noticed = scheduler.getHeartbeatInterval().multipliedBy(scheduler.getMissedHeartbeatsLimit() + 2L);
        assertThat(noticed).isLessThanOrEqualTo(Duration.ofMinutes(1));
    }

    /** Takes the row over as the killed node would have left it: picked, its heartbeat ten minutes old. */
    private void leaveTheOutboxJobPickedByADeadNode() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            int taken = db.sql("""
                    update scheduled_tasks set picked = true, picked_by = ?, last_heartbeat = ?, version = version + 1
                    where task_name = 'deliver-outbox' and picked = false""")
                    .params(DEAD_NODE, Timestamp.from(Instant.now().minus(Duration.ofMinutes(10)))).update();
            if (taken == 1) return;
            Thread.sleep(20); // the live node is running it right now; take it between two runs
        }
        throw new AssertionError("The outbox job was never idle");
    }
}
