package io.guildmark.app.shared;

import java.net.URI;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Platform-wide settings, bound from {@code guildmark.*} (command line, {@code GUILDMARK_*} environment, or
 * application.properties). See docs/configuration.md.
 *
 * @param mode {@code demo} (embedded database, demo association, e-mail to an outbox page) or {@code production}
 * @param dataDir where the embedded database, files and the demo master key live
 * @param baseUrl the public address printed inside signed credentials; never changes once badges are issued
 */
@ConfigurationProperties("guildmark")
public record GuildmarkSettings(
        Mode mode,
        Path dataDir,
        URI baseUrl,
        Database database,
        @Nullable String adminToken,
        @Nullable String masterKey,
        Mail mail) {

    public enum Mode { DEMO, PRODUCTION }

    public record Database(@Nullable String url, @Nullable String user, @Nullable String password, int poolSize) {
        public Database {
            if (poolSize <= 0) poolSize = 10;
        }
    }

    /** The SMTP server; without a host, e-mail stays in the outbox (shown at /dev/outbox in demo mode). */
    public record Mail(String from, @Nullable String host, int port, @Nullable String username, @Nullable String password,
            boolean starttls) {
        public Mail {
            if (from == null || from.isBlank()) from = "Guildmark <no-reply@guildmark.local>";
            if (host != null && host.isBlank()) host = null;
            if (port <= 0) port = 25;
        }
    }

    public GuildmarkSettings {
        if (mode == null) mode = Mode.DEMO;
        if (dataDir == null) dataDir = Path.of("data");
        dataDir = dataDir.toAbsolutePath().normalize();
        if (baseUrl == null) baseUrl = URI.create("http://localhost:8080");
        String base = baseUrl.toString();
        if (base.endsWith("/")) baseUrl = URI.create(base.substring(0, base.length() - 1));
        if (database == null) database = new Database(null, null, null, 10);
        if (mail == null) mail = new Mail(null, null, 25, null, null, false);
        if (adminToken != null && adminToken.isBlank()) adminToken = null;
        if (masterKey != null && masterKey.isBlank()) masterKey = null;
    }

    public boolean demo() {
        return mode == Mode.DEMO;
    }

    /** An absolute URL on this platform for the given path, such as {@code /issuers/acme}. */
    public String url(String path) {
        return baseUrl + (path.startsWith("/") ? path : "/" + path);
    }
}
