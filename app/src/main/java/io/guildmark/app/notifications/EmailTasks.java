package io.guildmark.app.notifications;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One recurring job delivers the outbox. db-scheduler runs it on one node at a time, so with several nodes no message
 * is sent twice; one job instead of one per message keeps an award to a few database writes.
 */
@Configuration(proxyBeanMethods = false)
class EmailTasks {

    @Bean
    RecurringTask<Void> outboxDeliveryTask(EmailDelivery delivery,
            @Value("${guildmark.mail.outbox-poll-interval:2s}") Duration poll) {
        return Tasks.recurring("deliver-outbox", Schedules.fixedDelay(poll))
                .execute((instance, context) -> delivery.deliverPending());
    }
}
