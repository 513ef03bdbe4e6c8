package io.guildmark.app.pathways;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.shared.GroupedInserts;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Pathway completion checks, out of the award's request and durable. Every award writes a row to
 * {@code pathway_checks} with its own rows (one insert, queued in the award's group: the row is written with the award
 * or not at all); after the commit this node's single background thread is nudged and runs the due rows in bounded batches, and a recurring
 * job does the same every few seconds on one node, so rows left by a node killed after the award's commit are found
 * and checked by any node. A row is deleted only once its check has run; a check that fails is tried again later, with
 * a back-off.
 *
 * <p>Two nodes may run the same row at once: harmless, since {@link LearnerPathways} claims the learner's row with a
 * conditional update before completing, so a pathway completes once.
 *
 * <p>A batch reads each organization's pathways once: for an organization without pathways (most awards) the batch
 * costs one select and one delete, whatever its size.
 */
@Component
class PathwayChecks {

    private static final Logger log = LoggerFactory.getLogger(PathwayChecks.class);

    /** After this many failed attempts a row stays, named in the log, and is tried every {@link #MAX_BACKOFF}. */
    static final int LOUD_AFTER_ATTEMPTS = 5;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(30);

    record Due(UUID id, UUID organizationId, String email, UUID achievementId, int attempts) {}

    private final JdbcClient db;
    private final GroupedInserts inserts;
    private final Pathways pathways;
    private final LearnerPathways learners;
    private final Clock clock;
    private final int batchSize;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pathway-checks");
        t.setDaemon(true);
        return t;
    });
    /** A drain is queued and has not started yet: further nudges add nothing, the queued drain will see their rows. */
    private final AtomicBoolean drainQueued = new AtomicBoolean();

    PathwayChecks(JdbcClient db, GroupedInserts inserts, Pathways pathways, LearnerPathways learners, Clock clock,
            @Value("${guildmark.pathways.checks-batch:200}") int batchSize) {
        this.db = db;
        this.inserts = inserts;
        this.pathways = pathways;
        this.learners = learners;
        this.clock = clock;
        this.batchSize = Math.max(1, Math.min(batchSize, 1000));
    }

    /**
     * With the award's rows on purpose: the check is owed exactly when the award exists. The nudge waits until the row
     * is committed (the award's group written, and the caller's transaction, if any, committed): earlier, the drain
     * would not see it.
     */
    @EventListener
    void on(Award.CredentialIssued issued) {
        Instant now = clock.instant();
        inserts.insert("""
                insert into pathway_checks (id, organization_id, recipient_email, achievement_id, created_at, attempts, next_attempt_at)
                values (?, ?, ?, ?, ?, 0, ?)""",
                UUID.randomUUID(), issued.organizationId(), issued.recipientEmail(), issued.achievementId(),
                Timestamp.from(now), Timestamp.from(now));
        inserts.afterCommit(this::nudge);
    }

    /** Asks this node's background thread to run the due checks soon; never blocks the caller. */
    void nudge() {
        if (!drainQueued.compareAndSet(false, true)) return;
        try {
            runner.execute(() -> {
                drainQueued.set(false);
                drain();
            });
        } catch (RejectedExecutionException shuttingDown) {
            drainQueued.set(false); // the rows stay; the recurring job or the next start runs them
        }
    }

    /** Runs batches until fewer than a batch are due; answers how many rows were settled. */
    int drain() {
        int settled = 0;
        for (int round = 0; round < 1000; round++) {
            try {
                Batch batch = runDue(batchSize);
                settled += batch.settled();
                if (batch.read() < batchSize || batch.settled() == 0) break;
            } catch (RuntimeException e) {
                log.warn("Pathway checks could not be read; the recurring job tries again", e);
                break;
            }
        }
        return settled;
    }

    /** What one batch did: rows read, rows checked and deleted, rows put off after a failure. */
    record Batch(int read, int settled, int failed) {}

    /** Checks up to {@code size} due rows, oldest first. */
    Batch runDue(int size) {
        Instant now = clock.instant();
        List<Due> due = db.sql("""
                select id, organization_id, recipient_email, achievement_id, attempts from pathway_checks
                where next_attempt_at <= ? order by next_attempt_at limit ?""")
                .params(Timestamp.from(now), size)
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getInt(5)))
                .list();
        Map<UUID, List<PathwayVersion>> pathwaysOf = new LinkedHashMap<>();
        List<UUID> settled = new ArrayList<>();
        int failed = 0;
        for (Due row : due) {
            try {
                List<PathwayVersion> latest = pathwaysOf.computeIfAbsent(row.organizationId(), pathways::latestVersionsOf);
                learners.evaluateStrictly(latest, row.email(), row.achievementId());
                settled.add(row.id());
            } catch (RuntimeException e) {
                failed++;
                putOff(row, now, e);
            }
        }
        if (!settled.isEmpty()) db.sql("delete from pathway_checks where id in (:ids)").param("ids", settled).update();
        return new Batch(due.size(), settled.size(), failed);
    }

    private void putOff(Due row, Instant now, RuntimeException e) {
        int attempts = row.attempts() + 1;
        Duration wait = Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(attempts * 2, 20)));
        if (attempts >= LOUD_AFTER_ATTEMPTS) {
            log.error("Pathway check {} (organization {}) failed {} times; it stays and is tried again in {}", row.id(), row.organizationId(),
                    attempts, wait, e);
        } else {
            log.warn("Pathway check {} failed (attempt {}); tried again in {}", row.id(), attempts, wait, e);
        }
        try {
            db.sql("update pathway_checks set attempts = ?, next_attempt_at = ? where id = ?")
                    .params(attempts, Timestamp.from(now.plus(wait)), row.id()).update();
        } catch (RuntimeException ignored) {
            // The database is away: the row stays due as it was, and is tried on the next run.
        }
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    /** The safety net: rows no node's thread ran (a node killed after an award's commit, a failure's back-off). */
    @Configuration(proxyBeanMethods = false)
    static class Job {

        @Bean
        RecurringTask<Void> pathwayChecksTask(PathwayChecks checks, @Value("${guildmark.pathways.checks-interval:10s}") Duration every) {
            return Tasks.recurring("pathway-checks", Schedules.fixedDelay(every)).execute((instance, context) -> checks.drain());
        }
    }
}
