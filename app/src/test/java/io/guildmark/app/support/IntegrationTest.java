package io.guildmark.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.guildmark.app.GuildmarkApplication;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port, over real HTTP, with a real database (a fresh H2 file, or a fresh
 * PostgreSQL database in the PostgreSQL run) and a real SMTP server (GreenMail). Subclasses share one application
 * context, so test data must not assume an empty database: make unique slugs and addresses with {@link Fixtures}.
 */
@SpringBootTest(classes = GuildmarkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ExtendWith(PostgresAvailability.class)
public abstract class IntegrationTest {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    /** One free port per test JVM, known before start so that links in e-mails and credentials point at it. */
    protected static final int port = freePort();

    @Autowired
    protected JdbcClient db;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("guildmark-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("server.port", () -> String.valueOf(port));
        registry.add("guildmark.base-url", () -> "http://127.0.0.1:" + port);
        registry.add("guildmark.data-dir", dataDir::toString);
        registry.add("guildmark.admin-token", () -> ADMIN_TOKEN);
        registry.add("guildmark.mode", () -> "demo");
        registry.add("guildmark.demo-data", () -> "false");
        registry.add("guildmark.mail.host", () -> "127.0.0.1");
        registry.add("guildmark.mail.port", () -> String.valueOf(Mailbox.port()));
        // Background jobs (outbox, webhooks, award jobs) poll often so tests wait less for them.
        registry.add("db-scheduler.polling-interval", () -> "250ms");
        registry.add("guildmark.mail.outbox-poll-interval", () -> "250ms");
        registry.add("guildmark.webhooks.poll-interval", () -> "250ms");
        registry.add("guildmark.award-jobs.poll-interval", () -> "250ms");
        // Domain checks fetch the app's own address over plain http (see WellKnownDidConfiguration); tests only.
        registry.add("guildmark.vetting.plain-http-hosts", () -> "127.0.0.1:" + port);
        // Webhook receivers in tests listen on loopback; short waits keep retry tests fast.
        registry.add("guildmark.webhooks.allow-private-networks", () -> "true");
        registry.add("guildmark.webhooks.timeout", () -> "1s");
        registry.add("guildmark.webhooks.retry-schedule", () -> "200ms,400ms,600ms");
        // Stripe's API is a stand-in on loopback (the SDK and the platform's code are the real ones).
        registry.add("guildmark.payments.stripe-api-base", () -> StripeStandIn.get().apiBase());
        if (TestDatabase.postgresRequested() && TestDatabase.postgresReachable()) {
            String url = TestDatabase.createPostgresDatabase();
            registry.add("guildmark.database.url", () -> url);
            registry.add("guildmark.database.user", () -> TestDatabase.POSTGRES_USER);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The platform's address, as printed in e-mails and credentials. */
    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected Api api() {
        return new Api(baseUrl());
    }

    protected Api admin() {
        return new Api(baseUrl()).withToken(ADMIN_TOKEN);
    }

    protected long count(String table) {
        return db.sql("select count(*) from " + table).query(Long.class).single();
    }
}
