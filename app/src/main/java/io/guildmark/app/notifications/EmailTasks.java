package io.guildmark.app.notifications;

import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The background job that delivers one stored e-mail; db-scheduler runs each instance once, on one node. */
@Configuration(proxyBeanMethods = false)
class EmailTasks {

    @Bean
    OneTimeTask<String> emailDeliveryTask(EmailDelivery delivery) {
        return Tasks.oneTime("deliver-email", String.class)
                .onFailureRetryLater()
                .execute((instance, context) -> delivery.deliver(UUID.fromString(instance.getData())));
    }
}
