package io.guildmark.app.webhooks;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How webhooks are delivered, bound from {@code guildmark.webhooks.*}. See docs/configuration.md, "Webhooks".
 *
 * @param allowPrivateNetworks accept endpoints on loopback, private, link-local and other non-public addresses (and
 *                             plain http to loopback); only for installations whose receivers live on an internal network
 * @param timeout              for connecting and for the answer, per attempt
 * @param retrySchedule        the waits before the second, third … attempt; after the last the delivery has failed
 * @param maxEndpoints         endpoints per organization
 * @param maxConcurrency       deliveries in flight at once (per node)
 * @param retention            how long events and their delivery log are kept once no delivery of them is pending
 * @param autoDisableAfter     an endpoint whose delivery fails for good and that has delivered nothing for this long is
 *                             disabled; zero never disables
 */
@ConfigurationProperties("guildmark.webhooks")
record WebhookSettings(boolean allowPrivateNetworks, @Nullable Duration timeout, @Nullable List<Duration> retrySchedule, int maxEndpoints,
        int maxConcurrency, @Nullable Duration retention,
        @Nullable Duration autoDisableAfter) {

    /** The Standard Webhooks reference schedule: eight attempts over about 28 hours. */
    static final List<Duration> DEFAULT_SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    WebhookSettings {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) timeout = Duration.ofSeconds(10);
        if (retrySchedule == null || retrySchedule.isEmpty()) retrySchedule = DEFAULT_SCHEDULE;
        if (maxEndpoints <= 0) maxEndpoints = 20;
        if (maxConcurrency <= 0) maxConcurrency = 32;
        if (retention == null || retention.isZero() || retention.isNegative()) retention = Duration.ofDays(30);
        if (autoDisableAfter == null || autoDisableAfter.isNegative()) autoDisableAfter = Duration.ofDays(5);
    }

    /** Attempts in all: the first plus one per wait of the schedule. */
    int maxAttempts() {
        return retrySchedule.size() + 1;
    }
}
