package io.guildmark.app.issuing;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Domain control checks, bound from {@code guildmark.vetting.*}. See docs/configuration.md.
 *
 * @param plainHttpHosts {@code host:port} entries whose {@code did-configuration.json} is fetched over plain http
 *                       instead of https; for tests on localhost only, empty by default
 */
@ConfigurationProperties("guildmark.vetting")
record DomainSettings(@Nullable List<String> plainHttpHosts) {

    DomainSettings {
        plainHttpHosts = plainHttpHosts == null ? List.of()
                : plainHttpHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
    }

    boolean plainHttp(String domain) {
        String host = domain.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("http://")) host = host.substring(7);
        if (host.endsWith("/")) host = host.substring(0, host.length() - 1);
        return plainHttpHosts.contains(host);
    }
}
