package io.guildmark.app.issuing;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One recurring task runs the award jobs, so one node at a time works on them. An execution whose node died (kill -9)
 * stops sending heartbeats; db-scheduler declares it dead after {@code db-scheduler.heartbeat-interval} times
 * {@code db-scheduler.missed-heartbeats-limit} and runs it again, which takes the job up where its rows stand.
 */
@Configuration(proxyBeanMethods = false)
class AwardJobTasks {

    @Bean
    RecurringTask<Void> awardJobsTask(AwardJobs jobs, @Value("${guildmark.award-jobs.poll-interval:1s}") Duration poll) {
        return Tasks.recurring("award-jobs", Schedules.fixedDelay(poll))
                .execute((instance, context) -> jobs.runDue(() -> context.getSchedulerState().isShuttingDown()));
    }
}
