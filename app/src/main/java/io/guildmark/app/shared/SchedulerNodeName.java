package io.guildmark.app.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives this node's background-job scheduler a name no other node shares: {@code guildmark.node-name} when set, else
 * host, process id and a random suffix. db-scheduler marks a running job with the name of the node running it; two
 * nodes on one host (or a node restarted with the same pid in a container) sharing db-scheduler's default name, the
 * host name, could not be told apart in {@code scheduled_tasks.picked_by} when one of them died mid-job.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerNodeName {

    private static final Logger log = LoggerFactory.getLogger(SchedulerNodeName.class);

    @Bean
    DbSchedulerCustomizer schedulerNodeNameCustomizer(@Value("${guildmark.node-name:}") String configured) {
        String name = configured.isBlank() ? generated() : configured.strip();
        log.info("This node's background jobs run as scheduler \"{}\"", name);
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<SchedulerName> schedulerName() {
                return Optional.of(new SchedulerName.Fixed(name));
            }
        };
    }

    /** Host, pid and 4 random bytes, well within the 200 characters of {@code scheduled_tasks.picked_by}. */
    static String generated() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String suffix = "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
        return host.substring(0, Math.min(host.length(), 100)) + suffix;
    }
}
