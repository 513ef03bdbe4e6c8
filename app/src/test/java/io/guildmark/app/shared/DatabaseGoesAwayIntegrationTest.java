package io.guildmark.app.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.guildmark.app.GuildmarkApplication;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.PostgresAvailability;
import io.guildmark.app.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database goes away under a running node and comes back: meanwhile requests answer 503 with Retry-After (problem
 * details for the API, a page for people) and health says DOWN; afterwards the node serves again by itself. The app
 * reaches PostgreSQL through a proxy on loopback that the test cuts and restores. PostgreSQL only: embedded H2 lives
 * inside the app and cannot go away.
 */
@EnabledIfSystemProperty(named = "guildmark.test.database", matches = "postgresql")
@ExtendWith(PostgresAvailability.class)
@SpringBootTest(classes = GuildmarkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DatabaseGoesAwayIntegrationTest {

    private static final String ADMIN_TOKEN = "database-away-admin-token-0123456789";
    private static final CuttableProxy proxy = CuttableProxy.toPostgres();

    @LocalServerPort int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String url = TestDatabase.createPostgresDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1);
        registry.add("guildmark.database.url", () -> "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database);
        registry.add("guildmark.database.user", () -> TestDatabase.POSTGRES_USER);
        registry.add("guildmark.database.connection-timeout", () -> "2s");
        registry.add("guildmark.data-dir", () -> tempDir());
        registry.add("guildmark.admin-token", () -> ADMIN_TOKEN);
        registry.add("guildmark.mode", () -> "demo");
        registry.add("guildmark.demo-data", () -> "false");
        registry.add("guildmark.mail.host", () -> "127.0.0.1");
        registry.add("guildmark.mail.port", () -> String.valueOf(Mailbox.port()));
    }

    @AfterAll
    static void closeTheProxy() {
        proxy.close();
    }

    @Test
    void whileTheDatabaseIsAwayRequestsAnswer503AndHealthIsDownAndAfterwardsTheNodeServesAgainWithoutARestart() throws Exception {
        Api admin = new Api(base()).withToken(ADMIN_TOKEN);
        assertThat(admin.get("/api/v1/admin/organizations").status()).isEqualTo(200);
        String slug = Fixtures.createOrganization(admin, "away");
        Api key = new Api(base()).withToken(Fixtures.createApiKey(admin, slug));
        assertThat(key.get("/api/v1/organizations/" + slug + "/completions").status()).isEqualTo(200);
        assertThat(new Api(base()).get("/actuator/health").status()).isEqualTo(200);

        proxy.cut();

        Api.Response apiAnswer = admin.get("/api/v1/admin/organizations");
        assertThat(apiAnswer.status()).as(apiAnswer.body()).isEqualTo(503);
        assertThat(apiAnswer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(apiAnswer.header("Retry-After")).isEqualTo("5");
        assertThat(apiAnswer.json().get("status").asInt()).isEqualTo(503);
        assertThat(apiAnswer.json().get("detail").asText()).contains("temporarily unavailable");

        // An API key is looked up in the database by a filter, before any controller: the same 503.
        Api.Response keyAnswer = key.get("/api/v1/organizations/" + slug + "/completions");
        assertThat(keyAnswer.status()).as(keyAnswer.body()).isEqualTo(503);
        assertThat(keyAnswer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(keyAnswer.header("Retry-After")).isEqualTo("5");

        Api.Response page = new Api(base()).get("/issuers/no-such-issuer", "text/html");
        assertThat(page.status()).as(page.body()).isEqualTo(503);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Retry-After")).isEqualTo("5");
        assertThat(page.body()).contains("Temporarily unavailable").doesNotContain("Exception");

        Api.Response health = within(Duration.ofSeconds(15), () -> new Api(base()).get("/actuator/health"), r -> r.status() == 503);
        assertThat(health.body()).contains("DOWN");

        proxy.restore();

        Instant restored = Instant.now();
        assertThat(within(Duration.ofSeconds(15), () -> admin.get("/api/v1/admin/organizations"), r -> r.status() == 200).status()).isEqualTo(200);
        assertThat(key.get("/api/v1/organizations/" + slug + "/completions").status()).isEqualTo(200);
        assertThat(within(Duration.ofSeconds(15), () -> new Api(base()).get("/actuator/health"), r -> r.status() == 200).body()).contains("UP");
        assertThat(Duration.between(restored, Instant.now())).as("serving again within seconds").isLessThan(Duration.ofSeconds(15));
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static Api.Response within(Duration limit, Supplier<Api.Response> request, Predicate<Api.Response> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        Api.Response last = request.get();
        while (!done.test(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            last = request.get();
        }
        return last;
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("guildmark-db-away").toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A TCP proxy on loopback to PostgreSQL. Cut, it drops every open connection and refuses new ones (accepts and
     * closes them at once), as a database that restarts does; restored, it forwards again.
     */
    static final class CuttableProxy {

        private final ServerSocket server;
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private volatile boolean cut;

        private CuttableProxy(ServerSocket server) {
            this.server = server;
            Thread acceptor = new Thread(this::accept, "postgres-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static CuttableProxy toPostgres() {
            try {
                return new CuttableProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        int port() {
            return server.getLocalPort();
        }

        void cut() {
            cut = true;
            open.forEach(CuttableProxy::closeQuietly);
            open.clear();
        }

        void restore() {
            cut = false;
        }

        void close() {
            cut();
            closeQuietly(server);
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    if (cut) {
                        client.close();
                        continue;
                    }
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), 5432);
                    open.add(client);
                    open.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // the server socket was closed, or PostgreSQL refused: the client sees its connection fail
                }
            }
        }

        private void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[16384];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buffer)) != -1; ) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // cut, or closed by either side
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                    open.remove(from);
                    open.remove(to);
                }
            }, "postgres-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        private static void closeQuietly(java.io.Closeable c) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
