package io.guildmark.app.verification;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.guildmark.app.shared.OwnDocuments;
import io.guildmark.credentials.did.DocumentFetcher;
import org.jspecify.annotations.Nullable;

/**
 * The DID documents (and {@code https} controller documents) the verifier resolves issuers' keys from.
 *
 * <ul>
 *   <li>This platform's own issuers: read from the database on every verification ({@link OwnDocuments}), never
 *       cached, so a key rotation or retirement counts at once on every node.</li>
 *   <li>Everyone else's: kept as long as the document's {@code Cache-Control} allows ({@code max-age}, or
 *       {@code s-maxage} which a shared cache like this one prefers), at most {@link #MAX_TTL}; not kept at all for
 *       {@code no-store}, {@code no-cache} or {@code max-age=0}; {@link #DEFAULT_TTL} when the answer says nothing.</li>
 * </ul>
 *
 * At most {@code maxSize} documents are held (least recently used go first). Failures are never cached. Thread safe.
 */
final class DidDocumentCache implements DocumentFetcher {

    static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    static final Duration MAX_TTL = Duration.ofHours(1);

    private record Entry(byte[] body, Instant expiresAt) {}

    private final SafeDocumentFetcher fetcher;
    private final OwnDocuments own;
    private final Clock clock;
    private final LinkedHashMap<URI, Entry> cache;

    DidDocumentCache(SafeDocumentFetcher fetcher, OwnDocuments own, Clock clock, int maxSize) {
        this.fetcher = fetcher;
        this.own = own;
        this.clock = clock;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<URI, Entry> eldest) {
                return size() > maxSize;
            }
        };
    }

    @Override
    public byte[] fetch(URI uri) throws IOException {
        Optional<byte[]> ours = own.find(uri);
        if (ours.isPresent()) return ours.get();
        Instant now = clock.instant();
        synchronized (cache) {
            Entry hit = cache.get(uri);
            if (hit != null && now.isBefore(hit.expiresAt())) return hit.body().clone();
            if (hit != null) cache.remove(uri);
        }
        // Fetched outside the lock: a slow issuer must not hold up lookups of others.
        SafeDocumentFetcher.Fetched fetched = fetcher.document(uri);
        Duration ttl = ttl(fetched.cacheControl());
        if (!ttl.isZero()) {
            synchronized (cache) {
                cache.put(uri, new Entry(fetched.body().clone(), now.plus(ttl)));
            }
        }
        return fetched.body();
    }

    /** How long a document may be kept, from its {@code Cache-Control} header. */
    static Duration ttl(@Nullable String cacheControl) {
        if (cacheControl == null || cacheControl.isBlank()) return DEFAULT_TTL;
        Long maxAge = null;
        Long sharedMaxAge = null;
        for (String part : cacheControl.split(",")) {
            String directive = part.strip().toLowerCase(Locale.ROOT);
            if (directive.equals("no-store") || directive.equals("no-cache") || directive.startsWith("no-cache=")) return Duration.ZERO;
            if (directive.startsWith("max-age=")) maxAge = seconds(directive.substring(8));
            if (directive.startsWith("s-maxage=")) sharedMaxAge = seconds(directive.substring(9));
        }
        Long chosen = sharedMaxAge != null ? sharedMaxAge : maxAge;
        if (chosen == null) return DEFAULT_TTL;
        if (chosen <= 0) return Duration.ZERO;
        return chosen >= MAX_TTL.toSeconds() ? MAX_TTL : Duration.ofSeconds(chosen);
    }

    /** Delta-seconds (RFC 9111 §1.2.2): digits, perhaps quoted; anything else counts as absent. */
    private static @Nullable Long seconds(String value) {
        String v = value.strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
        if (v.isEmpty() || v.length() > 12 || !v.chars().allMatch(Character::isDigit)) return null;
        return Long.parseLong(v);
    }

    int size() {
        synchronized (cache) {
            return cache.size();
        }
    }
}
