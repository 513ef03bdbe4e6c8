package io.guildmark.app.credits;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Renewal deadline warnings run once a day. db-scheduler runs a recurring task on one node at a time; the reminder log
 * keeps a warning from going out twice even if a run is repeated.
 */
@Configuration(proxyBeanMethods = false)
class CreditTasks {

    @Bean
    RecurringTask<Void> renewalDeadlineWarningsTask(CreditReminders reminders, Clock clock) {
        return Tasks.recurring("renewal-deadline-warnings", Schedules.daily(LocalTime.of(6, 0)))
                .execute((instance, context) -> reminders.sendDeadlineWarnings(LocalDate.now(clock)));
    }
}
