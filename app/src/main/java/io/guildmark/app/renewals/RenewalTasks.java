package io.guildmark.app.renewals;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Expiry warnings run once a day, on one node at a time (db-scheduler); the reminder log keeps each to one e-mail. */
@Configuration(proxyBeanMethods = false)
class RenewalTasks {

    @Bean
    RecurringTask<Void> credentialExpiryWarningsTask(ExpiryReminders reminders, Clock clock) {
        return Tasks.recurring("credential-expiry-warnings", Schedules.daily(LocalTime.of(6, 15)))
                .execute((instance, context) -> reminders.sendExpiryWarnings(LocalDate.now(clock)));
    }
}
