package io.guildmark.app.earning;

import java.time.Clock;
import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every hour: remind reviewers whose reviews are due within two days, reassign overdue reviews, and look again for
 * reviewers for work products still waiting for one. db-scheduler runs it on one node at a time.
 */
@Configuration(proxyBeanMethods = false)
class ReviewTasks {

    static final Duration EVERY = Duration.ofHours(1);

    @Bean
    RecurringTask<Void> reviewRemindersTask(Reviews reviews, Clock clock) {
        return Tasks.recurring("review-reminders", Schedules.fixedDelay(EVERY))
                .execute((instance, context) -> reviews.sweep(clock.instant()));
    }
}
