package io.guildmark.app.verification;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.guildmark.app.shared.OwnDocuments;
import io.guildmark.credentials.did.DocumentFetcher;
import org.jspecify.annotations.Nullable;

/**
 * The documents the verifier reads about issuers: DID documents (and {@code https} controller documents), or status
 * lists, depending on the {@link Freshness} it is made with.
 *
 * <ul>
 *   <li>This platform's own issuers: asked of {@link OwnDocuments} on every verification, which checks the database,
 *       so a key rotation or retirement or a revocation counts at once on every node. Never kept here.</li>
 *   <li>Everyone else's: kept as HTTP caching allows (RFC 9111): as long as {@code s-maxage}, which a shared cache
 *       like this one prefers, or {@code max-age} says, at most {@link Freshness#max()}; not reused without asking
 *       again for {@code no-store}, {@code no-cache} or {@code max-age=0}; {@link Freshness#unsaid()} when the answer
 *       says nothing. A stale document with an {@code ETag} is revalidated with {@code If-None-Match}, and a
 *       {@code 304} keeps it.</li>
 *   <li>Single flight: while one request fetches a document, others that need the same document wait for that
 *       fetch (which has its own time limit) instead of fetching it again; requests for other documents are never
 *       held up by it. A failure is shared by the requests that waited for it, and never kept.</li>
 * </ul>
 *
 * Bounded: at most {@code maxDocuments} documents and {@code maxDocuments} × {@value #SLOT_BYTES} bytes of them (least
 * recently used go first), each for at most its freshness, plus {@link #REVALIDATE_FOR} when it has an ETag. Thread safe.
 */
final class DocumentCache implements DocumentFetcher {

    /** How long documents of one kind may be reused. */
    record Freshness(Duration unsaid, Duration max) {
        /** DID documents change rarely; a key retired by another issuer is seen within the hour at the latest. */
        static final Freshness DID_DOCUMENTS = new Freshness(Duration.ofMinutes(5), Duration.ofHours(1));
        /** Status lists carry revocations: reused only when the issuer says so, and then at most five minutes. */
        static final Freshness STATUS_LISTS = new Freshness(Duration.ZERO, Duration.ofMinutes(5));
    }

    static final int SLOT_BYTES = 64 * 1024;
    static final Duration REVALIDATE_FOR = Duration.ofHours(1);

    private record Entry(byte[] body, @Nullable String etag, @Nullable String cacheControl, Instant freshUntil, Duration keepFor) {}

    private final SafeDocumentFetcher fetcher;
    private final OwnDocuments own;
    private final Clock clock;
    private final Freshness freshness;
    private final Duration waitAtMost;
    private final Cache<URI, Entry> kept;
    private final Map<URI, CompletableFuture<Entry>> inFlight = new ConcurrentHashMap<>();

    DocumentCache(SafeDocumentFetcher fetcher, OwnDocuments own, Clock clock, int maxDocuments, Freshness freshness) {
        this.fetcher = fetcher;
        this.own = own;
        this.clock = clock;
        this.freshness = freshness;
        // A waiter never waits longer than the fetch it waits for may take: each request and redirect is time-limited.
        this.waitAtMost = fetcher.timeout().multipliedBy(SafeDocumentFetcher.MAX_REDIRECTS + 1).plusSeconds(1);
        this.kept = Caffeine.newBuilder()
                // Every document weighs at least one slot: at most maxDocuments of them, and at most that many slots of bytes.
                .maximumWeight((long) maxDocuments * SLOT_BYTES)
                .weigher((URI uri, Entry e) -> Math.max(e.body().length, SLOT_BYTES))
                .expireAfter(new Expiry<URI, Entry>() {
                    @Override public long expireAfterCreate(URI uri, Entry e, long now) {
                        return e.keepFor().toNanos();
                    }

                    @Override public long expireAfterUpdate(URI uri, Entry e, long now, long current) {
                        return e.keepFor().toNanos();
                    }

                    @Override public long expireAfterRead(URI uri, Entry e, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    @Override
    public byte[] fetch(URI uri) throws IOException {
        Optional<byte[]> ours = own.find(uri);
        if (ours.isPresent()) return ours.get();
        Entry hit = kept.getIfPresent(uri);
        if (hit != null && clock.instant().isBefore(hit.freshUntil())) return hit.body().clone();
        CompletableFuture<Entry> mine = new CompletableFuture<>();
        CompletableFuture<Entry> running = inFlight.putIfAbsent(uri, mine);
        if (running != null) return await(uri, running).body().clone();
        try {
            Entry fetched = load(uri, hit);
            mine.complete(fetched);
            return fetched.body().clone();
        } catch (IOException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(uri, mine);
        }
    }

    /** Fetches the document, or asks whether the stale copy is still current when it has an ETag; keeps it if allowed. */
    private Entry load(URI uri, @Nullable Entry stale) throws IOException {
        String etag = stale == null ? null : stale.etag();
        SafeDocumentFetcher.Fetched fetched = fetcher.document(uri, etag);
        Instant now = clock.instant();
        Entry entry;
        if (fetched.notModified() && stale != null) {
            String cacheControl = fetched.cacheControl() == null || fetched.cacheControl().isBlank() ? stale.cacheControl() : fetched.cacheControl();
            entry = entry(stale.body(), stale.etag(), cacheControl, now);
        } else {
            entry = entry(fetched.body(), fetched.etag(), fetched.cacheControl(), now);
        }
        if (entry.keepFor().isZero()) {
            kept.invalidate(uri);
        } else {
            kept.put(uri, entry);
        }
        return entry;
    }

    private Entry entry(byte[] body, @Nullable String etag, @Nullable String cacheControl, Instant now) {
        Duration ttl = ttl(cacheControl, freshness);
        boolean noStore = cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-store");
        Duration keepFor = noStore ? Duration.ZERO : etag != null ? ttl.plus(REVALIDATE_FOR) : ttl;
        return new Entry(body, etag, cacheControl, now.plus(ttl), keepFor);
    }

    private Entry await(URI uri, CompletableFuture<Entry> running) throws IOException {
        try {
            return running.get(waitAtMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for " + uri);
        } catch (TimeoutException e) {
            throw new FetchException(FetchException.Reason.TIMEOUT, uri.getHost() + " did not answer in time.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw new FetchException(FetchException.Reason.UNREACHABLE, "Could not fetch " + uri + ".", e.getCause());
        }
    }

    /** How long a document may be reused, from its {@code Cache-Control} header. */
    static Duration ttl(@Nullable String cacheControl, Freshness freshness) {
        if (cacheControl == null || cacheControl.isBlank()) return freshness.unsaid();
        Long maxAge = null;
        Long sharedMaxAge = null;
        for (String part : cacheControl.split(",")) {
            String directive = part.strip().toLowerCase(Locale.ROOT);
            if (directive.equals("no-store") || directive.equals("no-cache") || directive.startsWith("no-cache=")) return Duration.ZERO;
            if (directive.startsWith("max-age=")) maxAge = seconds(directive.substring(8));
            if (directive.startsWith("s-maxage=")) sharedMaxAge = seconds(directive.substring(9));
        }
        Long chosen = sharedMaxAge != null ? sharedMaxAge : maxAge;
        if (chosen == null) return freshness.unsaid();
        if (chosen <= 0) return Duration.ZERO;
        return chosen >= freshness.max().toSeconds() ? freshness.max() : Duration.ofSeconds(chosen);
    }

    /** Delta-seconds (RFC 9111 §1.2.2): digits, perhaps quoted; anything else counts as absent. */
    private static @Nullable Long seconds(String value) {
        String v = value.strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
        if (v.isEmpty() || v.length() > 12 || !v.chars().allMatch(Character::isDigit)) return null;
        return Long.parseLong(v);
    }

    long size() {
        kept.cleanUp();
        return kept.estimatedSize();
    }
}
