package io.guildmark.app.webhooks;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One recurring job starts due webhook deliveries, another forgets old events; db-scheduler runs each on one node at a time. */
@Configuration(proxyBeanMethods = false)
class WebhookTasks {

    @Bean
    RecurringTask<Void> webhookDeliveryTask(WebhookDispatcher dispatcher,
            @Value("${guildmark.webhooks.poll-interval:1s}") Duration poll) {
        return Tasks.recurring("deliver-webhooks", Schedules.fixedDelay(poll))
                .execute((instance, context) -> dispatcher.dispatchDue());
    }

    @Bean
    RecurringTask<Void> webhookPruneTask(WebhookDispatcher dispatcher) {
        return Tasks.recurring("prune-webhook-events", Schedules.fixedDelay(Duration.ofHours(1)))
                .execute((instance, context) -> dispatcher.prune());
    }
}
