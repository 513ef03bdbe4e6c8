package io.guildmark.app.shared;

import java.time.Clock;
import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Safe retries on the API: the {@code Idempotency-Key} filter behind the API's authentication, and the job that forgets old keys. */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    @Bean
    IdempotentRequests idempotentRequests(JdbcClient db, Clock clock, ProblemWriter problems) {
        return new IdempotentRequests(db, clock, problems);
    }

    @Bean
    FilterRegistrationBean<IdempotentRequests> idempotentRequestsFilter(IdempotentRequests filter) {
        FilterRegistrationBean<IdempotentRequests> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/*");
        registration.setOrder(0); // after Spring Security (-100): only authenticated calls take a key
        return registration;
    }

    @Bean
    RecurringTask<Void> forgetIdempotencyKeysTask(IdempotentRequests requests) {
        return Tasks.recurring("forget-idempotency-keys", Schedules.fixedDelay(Duration.ofHours(1)))
                .execute((instance, context) -> requests.forgetExpired());
    }
}
