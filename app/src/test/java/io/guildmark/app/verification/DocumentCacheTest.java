package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.guildmark.app.shared.OwnDocuments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Other issuers' DID documents and status lists are kept as their {@code Cache-Control} says (bounded), revalidated by
 * ETag, and fetched once however many verifications need them at the same moment; this platform's own are never
 * kept: they come from the database every time. A real HTTP server on loopback plays the other issuer.
 */
class DocumentCacheTest {

    private HttpServer server;
    private ExecutorService threads;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    private final AtomicInteger slowHits = new AtomicInteger();
    private volatile String cacheControl;
    private volatile String etag;
    private volatile long delayMillis;
    private final MutableClock clock = new MutableClock();

    static final class MutableClock extends Clock {
        volatile Instant now = Instant.parse("2026-12-03T12:00:00Z");

        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @BeforeEach
    void server() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        threads = Executors.newFixedThreadPool(16);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/did.json", exchange -> {
            try {
                if (delayMillis > 0) Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (cacheControl != null) exchange.getResponseHeaders().add("Cache-Control", cacheControl);
            if (etag != null && etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            hits.incrementAndGet();
            byte[] body = ("{\"id\":\"did:web:example\",\"n\":" + hits.get() + "}").getBytes(StandardCharsets.UTF_8);
            if (etag != null) exchange.getResponseHeaders().add("ETag", etag);
            exchange.getResponseHeaders().add("Content-Type", "application/did+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/slow.json", exchange -> {
            slowHits.incrementAndGet();
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"slow\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        server.stop(0);
    }

    private DocumentCache cache(OwnDocuments own) {
        return cache(own, 10, DocumentCache.Freshness.DID_DOCUMENTS);
    }

    private DocumentCache cache(OwnDocuments own, int maxDocuments, DocumentCache.Freshness freshness) {
        SafeDocumentFetcher fetcher = new SafeDocumentFetcher(new VerificationSettings(false, List.of("127.0.0.1"), null, null),
                URI.create("https://badges.example.org"), InetAddress::getAllByName);
        return new DocumentCache(fetcher, own, clock, maxDocuments, freshness);
    }

    private URI did() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/did.json");
    }

    private URI slow() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slow.json");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void aDocumentIsKeptForItsMaxAgeAndFetchedAgainAfter() throws Exception {
        cacheControl = "public, max-age=60";
        DocumentCache cache = cache(uri -> Optional.empty());
        cache.fetch(did());
        cache.fetch(did());
        assertThat(hits.get()).isEqualTo(1);
        clock.now = clock.now.plusSeconds(61);
        cache.fetch(did());
        assertThat(hits.get()).isEqualTo(2);
    }

    @Test
    void noStoreAndMaxAgeZeroAreNeverReusedWithoutAsking() throws Exception {
        cacheControl = "no-store";
        DocumentCache cache = cache(uri -> Optional.empty());
        cache.fetch(did());
        cache.fetch(did());
        assertThat(hits.get()).isEqualTo(2);
        cacheControl = "max-age=0";
        cache.fetch(did());
        cache.fetch(did());
        assertThat(hits.get()).isEqualTo(4);
    }

    @Test
    void aStaleDocumentWithAnEtagIsRevalidatedAndKeptWhenUnchanged() throws Exception {
        cacheControl = "no-cache";
        etag = "\"v1\"";
        DocumentCache cache = cache(uri -> Optional.empty(), 10, DocumentCache.Freshness.STATUS_LISTS);
        String first = text(cache.fetch(did()));
        assertThat(text(cache.fetch(did()))).isEqualTo(first);
        assertThat(hits.get()).isEqualTo(1);
        assertThat(notModified.get()).isEqualTo(1);
        etag = "\"v2\"";
        assertThat(text(cache.fetch(did()))).isNotEqualTo(first);
        assertThat(hits.get()).isEqualTo(2);
    }

    @Test
    void theTimeIsBoundedAndDefaultsWhenUnsaid() {
        var did = DocumentCache.Freshness.DID_DOCUMENTS;
        assertThat(DocumentCache.ttl(null, did)).isEqualTo(Duration.ofMinutes(5));
        assertThat(DocumentCache.ttl("public", did)).isEqualTo(Duration.ofMinutes(5));
        assertThat(DocumentCache.ttl("max-age=31536000", did)).isEqualTo(Duration.ofHours(1));
        assertThat(DocumentCache.ttl("max-age=120, s-maxage=30", did)).isEqualTo(Duration.ofSeconds(30));
        assertThat(DocumentCache.ttl("max-age=abc", did)).isEqualTo(Duration.ofMinutes(5));
        assertThat(DocumentCache.ttl("no-cache, max-age=600", did)).isEqualTo(Duration.ZERO);
        var lists = DocumentCache.Freshness.STATUS_LISTS;
        assertThat(DocumentCache.ttl(null, lists)).isEqualTo(Duration.ZERO);
        assertThat(DocumentCache.ttl("max-age=60", lists)).isEqualTo(Duration.ofSeconds(60));
        assertThat(DocumentCache.ttl("max-age=86400", lists)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aStatusListThatSaysNothingIsFetchedForEveryVerification() throws Exception {
        DocumentCache cache = cache(uri -> Optional.empty(), 10, DocumentCache.Freshness.STATUS_LISTS);
        cache.fetch(did());
        cache.fetch(did());
        assertThat(hits.get()).isEqualTo(2);
    }

    @Test
    void atMostTheGivenNumberOfDocumentsIsKept() throws Exception {
        cacheControl = "max-age=600";
        DocumentCache cache = cache(uri -> Optional.empty(), 5, DocumentCache.Freshness.DID_DOCUMENTS);
        for (int i = 0; i < 20; i++) cache.fetch(URI.create(did() + "?n=" + i));
        assertThat(cache.size()).isLessThanOrEqualTo(5);
        assertThat(hits.get()).isEqualTo(20);
    }

    @Test
    void concurrentVerificationsNeedingOneDocumentCauseOneFetch() throws Exception {
        cacheControl = "max-age=60";
        delayMillis = 400;
        DocumentCache cache = cache(uri -> Optional.empty());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            answers.add(threads.submit(() -> {
                start.await();
                return text(cache.fetch(did()));
            }));
        }
        start.countDown();
        for (Future<String> answer : answers) assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(answers.get(0).get());
        assertThat(hits.get()).isEqualTo(1);
    }

    @Test
    void evenADocumentThatMayNotBeKeptIsFetchedOnceForTheRequestsWaitingForIt() throws Exception {
        cacheControl = "no-store";
        delayMillis = 400;
        DocumentCache cache = cache(uri -> Optional.empty());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<byte[]>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(threads.submit(() -> {
                start.await();
                return cache.fetch(did());
            }));
        }
        start.countDown();
        for (Future<byte[]> answer : answers) answer.get(10, TimeUnit.SECONDS);
        assertThat(hits.get()).isEqualTo(1);
        cache.fetch(did());
        assertThat(hits.get()).isEqualTo(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aSlowDocumentDoesNotDelayAVerificationThatDoesNotNeedIt() throws Exception {
        cacheControl = "max-age=60";
        DocumentCache cache = cache(uri -> Optional.empty());
        Future<byte[]> slowOne = threads.submit(() -> cache.fetch(slow()));
        while (slowHits.get() == 0) Thread.sleep(5);
        long started = System.nanoTime();
        cache.fetch(did());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(slowOne.isDone()).isFalse();
        assertThat(text(slowOne.get(10, TimeUnit.SECONDS))).contains("slow");
    }

    @Test
    void aFailedFetchIsNotKept() throws Exception {
        DocumentCache cache = cache(uri -> Optional.empty());
        URI missing = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/missing.json");
        assertThatThrownBy(() -> cache.fetch(missing)).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> cache.fetch(missing)).isInstanceOf(FileNotFoundException.class);
        assertThat(cache.size()).isZero();
    }

    @Test
    void thisPlatformsOwnDocumentsComeFromTheDatabaseEveryTimeAndAreNeverKept() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        OwnDocuments own = uri -> {
            if (!uri.getPath().equals("/issuers/acme/did.json")) return Optional.empty();
            return Optional.of(("{\"read\":" + reads.incrementAndGet() + "}").getBytes(StandardCharsets.UTF_8));
        };
        DocumentCache cache = cache(own);
        URI ours = URI.create("https://badges.example.org/issuers/acme/did.json");
        assertThat(text(cache.fetch(ours))).isEqualTo("{\"read\":1}");
        assertThat(text(cache.fetch(ours))).isEqualTo("{\"read\":2}");
        assertThat(cache.size()).isZero();
        assertThat(hits.get()).isZero();
    }

    @Test
    void anUnknownOwnDocumentIsNotFoundWithoutAFetch() {
        OwnDocuments own = uri -> {
            throw new FileNotFoundException(uri.toString());
        };
        DocumentCache cache = cache(own);
        assertThatThrownBy(() -> cache.fetch(URI.create("https://badges.example.org/issuers/nobody/did.json")))
                .isInstanceOf(FileNotFoundException.class);
        assertThat(hits.get()).isZero();
    }
}
