package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.guildmark.app.shared.OwnDocuments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Other issuers' DID documents are kept as long as their {@code Cache-Control} says (bounded), this platform's own
 * are never kept: they come from the database every time.
 */
class DidDocumentCacheTest {

    private HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private volatile String cacheControl;
    private final MutableClock clock = new MutableClock();

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");

        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @BeforeEach
    void server() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/did.json", exchange -> {
            hits.incrementAndGet();
            byte[] body = ("{\"id\":\"did:web:example\",\"n\":" + hits.get() + "}").getBytes(StandardCharsets.UTF_8);
            if (cacheControl != null) exchange.getResponseHeaders().add("Cache-Control", cacheControl);
            exchange.getResponseHeaders().add("Content-Type", "application/did+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DidDocumentCache cache(OwnDocuments own) {
        SafeDocumentFetcher fetcher = new SafeDocumentFetcher(new VerificationSettings(false, List.of("127.0.0.1"), null, null),
                URI.create("https://badges.example.org"), InetAddress::getAllByName);
        return new DidDocumentCache(fetcher, own, clock, 10);
    }

    private URI did() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/did.json");
    }

    @Test
    void aDocumentIsKeptForItsMaxAgeAndFetchedAgainAfter() throws Exception {
        cacheControl = "public, max-age=60";
        DidDocumentCache cache = cache(uri -> Optional.empty());
        cache.fetch(did());
        cache.fetch(did());
        assertThat(hits.get()).isEqualTo(1);
        clock.now = clock.now.plusSeconds(61);
        cache.fetch(did());
        assertThat(hits.get()).isEqualTo(2);
    }

    @Test
    void noStoreAndMaxAgeZeroAreNeverKept() throws Exception {
        cacheControl = "no-store";
        DidDocumentCache cache = cache(uri -> Optional.empty());
        cache.fetch(did());
        cache.fetch(did());
        assertThat(hits.get()).isEqualTo(2);
        cacheControl = "max-age=0";
        cache.fetch(did());
        cache.fetch(did());
        assertThat(hits.get()).isEqualTo(4);
    }

    @Test
    void theTimeIsBoundedAndDefaultsWhenUnsaid() {
        assertThat(DidDocumentCache.ttl(null)).isEqualTo(DidDocumentCache.DEFAULT_TTL);
        assertThat(DidDocumentCache.ttl("public")).isEqualTo(DidDocumentCache.DEFAULT_TTL);
        assertThat(DidDocumentCache.ttl("max-age=31536000")).isEqualTo(DidDocumentCache.MAX_TTL);
        assertThat(DidDocumentCache.ttl("max-age=120, s-maxage=30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DidDocumentCache.ttl("max-age=abc")).isEqualTo(DidDocumentCache.DEFAULT_TTL);
        assertThat(DidDocumentCache.ttl("no-cache, max-age=600")).isEqualTo(Duration.ZERO);
    }

    @Test
    void thisPlatformsOwnDocumentsComeFromTheDatabaseEveryTimeAndAreNeverKept() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        OwnDocuments own = uri -> {
            if (!uri.getPath().equals("/issuers/acme/did.json")) return Optional.empty();
            return Optional.of(("{\"read\":" + reads.incrementAndGet() + "}").getBytes(StandardCharsets.UTF_8));
        };
        DidDocumentCache cache = cache(own);
        URI ours = URI.create("https://badges.example.org/issuers/acme/did.json");
        assertThat(new String(cache.fetch(ours), StandardCharsets.UTF_8)).isEqualTo("{\"read\":1}");
        assertThat(new String(cache.fetch(ours), StandardCharsets.UTF_8)).isEqualTo("{\"read\":2}");
        assertThat(cache.size()).isZero();
        assertThat(hits.get()).isZero();
    }

    @Test
    void anUnknownOwnDocumentIsNotFoundWithoutAFetch() {
        OwnDocuments own = uri -> {
            throw new FileNotFoundException(uri.toString());
        };
        DidDocumentCache cache = cache(own);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cache.fetch(URI.create("https://badges.example.org/issuers/nobody/did.json")))
                .isInstanceOf(FileNotFoundException.class);
        assertThat(hits.get()).isZero();
    }
}
