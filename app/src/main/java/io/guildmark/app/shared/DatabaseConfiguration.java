package io.guildmark.app.shared;

import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * No database settings means an H2 file under the data directory (in PostgreSQL mode, so one set of migrations
 * serves both); a URL means PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    // WRITE_DELAY=0: H2 otherwise keeps commits of the last half second in memory, and a killed process loses them
    // (an award already e-mailed would vanish); every commit now reaches the file before it returns. LOCK_TIMEOUT: H2
    // gives up on a row lock after 2 s by default, which a busy node reaches (PostgreSQL waits); 10 s is still bounded.
    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;LOCK_TIMEOUT=10000";

    @Bean
    HikariDataSource dataSource(GuildmarkSettings settings, DataDirectory dataDirectory,
            @Value("${guildmark.database.connection-timeout:3s}") Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        String url = settings.database().url();
        if (url == null || url.isBlank()) {
            if (settings.mode() == GuildmarkSettings.Mode.PRODUCTION) {
                throw new IllegalStateException("guildmark.database.url (GUILDMARK_DATABASE_URL) is required in production mode; "
                        + "the embedded database is for trying Guildmark out only. See docs/configuration.md.");
            }
            // DataDirectory has made the directory private (700) before H2 creates its file there.
            url = "jdbc:h2:file:" + dataDirectory.root().resolve("guildmark") + H2_OPTIONS;
            config.setUsername("sa");
        } else {
            config.setUsername(settings.database().user());
            config.setPassword(settings.database().password());
        }
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(settings.database().poolSize());
        config.setPoolName("guildmark");
        // While the database is away a request waits this long for a connection, then answers 503 (DatabaseUnavailable)
        // instead of hanging for Hikari's default 30 s; the pool keeps trying and serves again as soon as it is back.
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setValidationTimeout(Math.min(config.getValidationTimeout(), Math.max(250, connectionTimeout.toMillis() / 2)));
        return new HikariDataSource(config);
    }

}
