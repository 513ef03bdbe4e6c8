package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.guildmark.credentials.did.DocumentGoneException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The fetcher's address rules, without Spring, against a tiny HTTP server on loopback. Loopback is refused by default,
 * so the tests that talk to the server allow it explicitly.
 */
class VerificationFetcherTest {

    private static final URI ELSEWHERE = URI.create("https://badges.example.org");

    private HttpServer server;
    private ExecutorService handlers;
    private final CountDownLatch release = new CountDownLatch(1);
    private String base;

    @BeforeEach
    void aSmallServerOnLoopback() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/did.json", exchange -> respond(exchange, 200, "{\"id\":\"did:web:example\"}"));
        server.createContext("/to-file", exchange -> redirect(exchange, "file:///etc/passwd"));
        server.createContext("/to-private", exchange -> redirect(exchange, "http://10.0.0.1/did.json"));
        server.createContext("/to-did", exchange -> redirect(exchange, "/did.json"));
        server.createContext("/loop", exchange -> redirect(exchange, "/loop"));
        server.createContext("/missing", exchange -> respond(exchange, 404, "not here"));
        server.createContext("/gone", exchange -> respond(exchange, 410, "{\"revoked\": true}"));
        server.createContext("/broken", exchange -> respond(exchange, 500, "oops"));
        server.createContext("/huge", exchange -> stream(exchange, 0));
        server.createContext("/huge-declared", exchange -> stream(exchange, 3 * 1024 * 1024));
        server.createContext("/slow", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "{}");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** 3 MB of JSON-looking bytes, chunked ({@code length} 0) or with a Content-Length. */
    private static void stream(HttpExchange exchange, long length) {
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(200, length);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int i = 0; i < 48; i++) out.write(chunk);
        } catch (IOException e) {
            // The client hung up once it had enough: that is the point.
        }
    }

    private static SafeDocumentFetcher fetcher(VerificationSettings settings) {
        return new SafeDocumentFetcher(settings, ELSEWHERE, InetAddress::getAllByName);
    }

    private static SafeDocumentFetcher publicOnly() {
        return fetcher(VerificationSettings.defaults());
    }

    private static SafeDocumentFetcher allowingLoopback() {
        return fetcher(new VerificationSettings(false, List.of("127.0.0.1"), null, null));
    }

    private static FetchException.Reason reasonOf(Throwable e) {
        return ((FetchException) e).reason();
    }

    @Test
    void refusesLoopbackAddresses() {
        assertThatThrownBy(() -> publicOnly().fetch(URI.create(base + "/did.json")))
                .isInstanceOf(FetchException.class).hasMessageContaining("loopback")
                .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(FetchException.Reason.ADDRESS_NOT_ALLOWED));
        assertThatThrownBy(() -> publicOnly().fetch(URI.create("http://localhost:8080/did.json")))
                .isInstanceOf(FetchException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> publicOnly().fetch(URI.create("http://127.1.2.3/")))
                .isInstanceOf(FetchException.class).hasMessageContaining("loopback");
    }

    @Test
    void refusesIpv6LoopbackAndUniqueLocalAddresses() {
        assertThatThrownBy(() -> publicOnly().fetch(URI.create("http://[::1]/did.json")))
                .isInstanceOf(FetchException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> publicOnly().fetch(URI.create("http://[fc00::1]/did.json")))
                .isInstanceOf(FetchException.class).hasMessageContaining("private network");
        assertThatThrownBy(() -> publicOnly().fetch(URI.create("http://[fd12:3456::7]/did.json")))
                .isInstanceOf(FetchException.class).hasMessageContaining("private network");
        assertThatThrownBy(() -> publicOnly().fetch(URI.create("http://[fe80::1]/")))
                .isInstanceOf(FetchException.class).hasMessageContaining("link-local");
        assertThatThrownBy(() -> publicOnly().fetch(URI.create("http://[::ffff:10.0.0.1]/")))
                .isInstanceOf(FetchException.class).hasMessageContaining("private network");
    }

    @Test
    void refusesPrivateNetworksWithoutConnecting() {
        for (String address : List.of("10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "100.64.0.1", "0.0.0.0", "224.0.0.1")) {
            assertThatThrownBy(() -> publicOnly().fetch(URI.create("http://" + address + "/status/1")))
                    .as(address).isInstanceOf(FetchException.class)
                    .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(FetchException.Reason.ADDRESS_NOT_ALLOWED));
        }
    }

    @Test
    void refusesTheCloudMetadataService() {
        assertThatThrownBy(() -> publicOnly().fetch(URI.create("http://169.254.169.254/latest/meta-data/")))
                .isInstanceOf(FetchException.class).hasMessageContaining("169.254.169.254").hasMessageContaining("link-local");
    }

    @Test
    void refusesAHostNameThatResolvesToAPrivateAddress() throws Exception {
        InetAddress intranet = InetAddress.getByAddress("intranet.example.org", new byte[] {10, 1, 2, 3});
        SafeDocumentFetcher fetcher = new SafeDocumentFetcher(VerificationSettings.defaults(), ELSEWHERE, host -> {
            if (host.equals("intranet.example.org")) return new InetAddress[] {InetAddress.getByAddress(new byte[] {93, (byte) 184, (byte) 216, 34}), intranet};
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> fetcher.fetch(URI.create("https://intranet.example.org/did.json")))
                .isInstanceOf(FetchException.class).hasMessageContaining("10.1.2.3");
        assertThatThrownBy(() -> fetcher.fetch(URI.create("https://nowhere.example.org/did.json")))
                .isInstanceOf(FetchException.class)
                .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(FetchException.Reason.UNKNOWN_HOST));
    }

    @Test
    void publicAddressesPassTheRules() throws Exception {
        for (String address : List.of("93.184.216.34", "8.8.8.8", "2606:2800:220:1:248:1893:25c8:1946", "100.128.0.1", "172.32.0.1")) {
            assertThat(SafeDocumentFetcher.nonPublicKind(InetAddress.getByName(address))).as(address).isNull();
        }
    }

    @Test
    void fetchesOnlyHttpAndHttps() {
        for (String url : List.of("file:///etc/passwd", "ftp://example.org/did.json", "jar:file:/x.jar!/a", "gopher://example.org/")) {
            assertThatThrownBy(() -> publicOnly().fetch(URI.create(url)))
                    .as(url).isInstanceOf(FetchException.class)
                    .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(FetchException.Reason.UNSUPPORTED_SCHEME));
        }
    }

    @Test
    void fetchesFromLoopbackWhenTheHostIsAllowedExplicitly() throws Exception {
        assertThat(new String(allowingLoopback().fetch(URI.create(base + "/did.json")), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"did:web:example\"}");
        assertThat(fetcher(new VerificationSettings(true, List.of(), null, null)).fetch(URI.create(base + "/did.json"))).isNotEmpty();
    }

    @Test
    void fetchesFromThePlatformsOwnAddressWithoutBeingAllowed() throws Exception {
        SafeDocumentFetcher own = new SafeDocumentFetcher(VerificationSettings.defaults(), URI.create(base), InetAddress::getAllByName);
        assertThat(own.fetch(URI.create(base + "/did.json"))).isNotEmpty();
        // The same host on another port is not the platform.
        assertThatThrownBy(() -> own.fetch(URI.create("http://127.0.0.1:1/did.json"))).isInstanceOf(FetchException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void refusesARedirectToAFile() {
        assertThatThrownBy(() -> allowingLoopback().fetch(URI.create(base + "/to-file")))
                .isInstanceOf(FetchException.class).hasMessageContaining("file")
                .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(FetchException.Reason.UNSUPPORTED_SCHEME));
    }

    @Test
    void checksEveryRedirectTargetAgain() throws Exception {
        assertThatThrownBy(() -> allowingLoopback().fetch(URI.create(base + "/to-private")))
                .isInstanceOf(FetchException.class).hasMessageContaining("10.0.0.1");
        SafeDocumentFetcher.Fetched followed = allowingLoopback().get(URI.create(base + "/to-did"), "application/json", 1024);
        assertThat(followed.uri().toString()).isEqualTo(base + "/did.json");
        assertThat(followed.contentType()).isEqualTo("application/json");
    }

    @Test
    void followsAtMostThreeRedirects() {
        assertThatThrownBy(() -> allowingLoopback().fetch(URI.create(base + "/loop")))
                .isInstanceOf(FetchException.class).hasMessageContaining("more than 3 times")
                .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(FetchException.Reason.TOO_MANY_REDIRECTS));
    }

    @Test
    void stopsReadingABodyLargerThanTheLimit() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> allowingLoopback().fetch(URI.create(base + "/huge")))
                .isInstanceOf(FetchException.class).hasMessageContaining("larger than 2 MB")
                .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(FetchException.Reason.TOO_LARGE));
        assertThatThrownBy(() -> allowingLoopback().fetch(URI.create(base + "/huge-declared")))
                .isInstanceOf(FetchException.class)
                .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(FetchException.Reason.TOO_LARGE));
        SafeDocumentFetcher tiny = fetcher(new VerificationSettings(false, List.of("127.0.0.1"), null, DataSize.ofBytes(10)));
        assertThatThrownBy(() -> tiny.fetch(URI.create(base + "/did.json"))).isInstanceOf(FetchException.class)
                .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(FetchException.Reason.TOO_LARGE));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void givesUpOnAServerThatDoesNotAnswerInTime() {
        SafeDocumentFetcher impatient = fetcher(new VerificationSettings(false, List.of("127.0.0.1"), Duration.ofMillis(500), null));
        long started = System.nanoTime();
        assertThatThrownBy(() -> impatient.fetch(URI.create(base + "/slow")))
                .isInstanceOf(FetchException.class).hasMessageContaining("did not answer")
                .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(FetchException.Reason.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void reportsMissingDocumentsAsNotFoundAndOtherStatusesAsErrors() {
        assertThatThrownBy(() -> allowingLoopback().fetch(URI.create(base + "/missing"))).isInstanceOf(FileNotFoundException.class)
                .isNotInstanceOf(DocumentGoneException.class);
        assertThatThrownBy(() -> allowingLoopback().fetch(URI.create(base + "/gone"))).isInstanceOf(DocumentGoneException.class);
        assertThatThrownBy(() -> allowingLoopback().fetch(URI.create(base + "/broken")))
                .isInstanceOf(FetchException.class).hasMessageContaining("500")
                .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(FetchException.Reason.HTTP_ERROR));
    }

    @Test
    void sendsTheDocumentMediaTypesAsAccept() throws Exception {
        String[] accept = new String[1];
        server.createContext("/accept", exchange -> {
            accept[0] = exchange.getRequestHeaders().getFirst("Accept");
            respond(exchange, 200, "{}");
        });
        allowingLoopback().fetch(URI.create(base + "/accept"));
        assertThat(accept[0]).isEqualTo("application/did+json, application/json, application/ld+json, application/vc+ld+json");
    }
}
