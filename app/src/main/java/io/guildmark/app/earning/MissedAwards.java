package io.guildmark.app.earning;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds badges that were earned but never awarded, and awards them. The award check runs after the change that met
 * the last requirement has committed ({@link EarnedAwards#checkAfterCommit}); a node killed between that commit and
 * the check leaves an active enrollment whose requirements are all met and nothing that would look at it again.
 *
 * <p>A recurring job walks the active enrollments without an award, a bounded batch per run, and checks each through
 * {@link EarnedAwards#check}, the path every award takes. That path claims the enrollment with a conditional update,
 * so a run racing the normal check (or another run) awards once.
 */
@Component
class MissedAwards {

    private static final Logger log = LoggerFactory.getLogger(MissedAwards.class);

    private final JdbcClient db;
    private final EarnedAwards earnedAwards;
    private final Progress progress;

    MissedAwards(JdbcClient db, EarnedAwards earnedAwards, Progress progress) {
        this.db = db;
        this.earnedAwards = earnedAwards;
        this.progress = progress;
    }

    /** What one batch did: how many were awarded, and where the next batch starts ({@code null} after the last). */
    record Batch(int checked, int awarded, @Nullable UUID next) {}

    /**
     * Checks up to {@code size} active, unawarded enrollments after {@code after} (in id order, from the start when
     * {@code null}) and awards those whose every requirement is met.
     */
    Batch checkAfter(@Nullable UUID after, int size) {
        List<Enrollment> candidates = after == null
                ? db.sql("select * from enrollments where state = 'active' and award_id is null order by id limit ?")
                        .param(size).query(Enrollments::row).list()
                : db.sql("select * from enrollments where state = 'active' and award_id is null and id > ? order by id limit ?")
                        .params(after, size).query(Enrollments::row).list();
        int awarded = 0;
        for (Enrollment e : candidates) {
            if (e.paymentDue() || !progress.of(e).allMet()) continue;
            log.warn("Enrollment {} met every requirement but holds no award (its node stopped before the award check?); awarding it now", e.id());
            if (earnedAwards.check(e.id()).isPresent()) awarded++;
        }
        UUID next = candidates.size() < size ? null : candidates.get(candidates.size() - 1).id();
        return new Batch(candidates.size(), awarded, next);
    }

    /**
     * Runs a batch every {@code guildmark.earning.missed-awards-interval} (a minute by default), on one node at a time;
     * where the walk stands is kept in the job's own row, so it goes on from there on any node.
     */
    @Configuration(proxyBeanMethods = false)
    static class Job {

        @Bean
        RecurringTask<String> missedAwardsTask(MissedAwards missed,
                @Value("${guildmark.earning.missed-awards-interval:1m}") Duration every,
                @Value("${guildmark.earning.missed-awards-batch:200}") int size) {
            return Tasks.recurring("missed-awards", Schedules.fixedDelay(every), String.class).initialData("")
                    .executeStateful((instance, context) -> {
                        String cursor = instance.getData();
                        Batch batch = missed.checkAfter(cursor == null || cursor.isEmpty() ? null : UUID.fromString(cursor), size);
                        return batch.next() == null ? "" : batch.next().toString();
                    });
        }
    }
}
