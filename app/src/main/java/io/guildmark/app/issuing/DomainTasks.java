package io.guildmark.app.issuing;

import java.time.LocalTime;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Verified domains are checked again once a day, on one node at a time (db-scheduler); one that fails is dropped. */
@Configuration(proxyBeanMethods = false)
class DomainTasks {

    @Bean
    RecurringTask<Void> issuerDomainRecheckTask(IssuerDomains domains) {
        return Tasks.recurring("issuer-domain-recheck", Schedules.daily(LocalTime.of(4, 30)))
                .execute((instance, context) -> domains.recheckAll());
    }
}
