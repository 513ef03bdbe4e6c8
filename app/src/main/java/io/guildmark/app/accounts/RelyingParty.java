package io.guildmark.app.accounts;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

import io.guildmark.app.shared.GuildmarkSettings;

/**
 * Who passkeys are made for (the WebAuthn relying party), derived from {@code guildmark.base-url}: its host is the
 * relying party id and its origin the only origin allowed. A browser refuses an IP address as relying party id, so a
 * base URL on a loopback address (local development, tests) uses {@code localhost} and allows both origins.
 */
record RelyingParty(String id, String name, Set<String> origins) {

    static RelyingParty of(GuildmarkSettings settings) {
        URI base = settings.baseUrl();
        String host = base.getHost();
        String origin = origin(base.getScheme(), host, base.getPort());
        Set<String> origins = new LinkedHashSet<>();
        origins.add(origin);
        boolean ipAddress = host.matches("[0-9.]+") || host.contains(":") || host.startsWith("[");
        if (ipAddress) {
            origins.add(origin(base.getScheme(), "localhost", base.getPort()));
            return new RelyingParty("localhost", "Guildmark", Set.copyOf(origins));
        }
        return new RelyingParty(host, "Guildmark", Set.copyOf(origins));
    }

    private static String origin(String scheme, String host, int port) {
        boolean defaultPort = port < 0 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
