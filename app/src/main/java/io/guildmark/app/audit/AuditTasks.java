package io.guildmark.app.audit;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every two seconds the audit log's new entries are sealed into their chains (and on demand before verify or export). */
@Configuration(proxyBeanMethods = false)
class AuditTasks {

    static final Duration EVERY = Duration.ofSeconds(2);

    @Bean
    RecurringTask<Void> auditSealTask(AuditChain chain) {
        return Tasks.recurring("audit-seal", Schedules.fixedDelay(EVERY)).execute((instance, context) -> chain.seal());
    }
}
