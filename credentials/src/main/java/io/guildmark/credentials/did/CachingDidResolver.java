package io.guildmark.credentials.did;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Caches resolved DID documents for a fixed time, holding at most {@code maxSize} entries (least recently used are
 * dropped first). Failures are not cached, so a DID that was briefly unreachable resolves on the next try. Thread safe.
 */
public final class CachingDidResolver implements DidResolver {

    private record Entry(DidDocument document, Instant expiresAt) {
    }

    private final DidResolver delegate;
    private final Duration ttl;
    private final int maxSize;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> cache;

    public CachingDidResolver(DidResolver delegate, Duration ttl, int maxSize) {
        this(delegate, ttl, maxSize, Clock.systemUTC());
    }

    public CachingDidResolver(DidResolver delegate, Duration ttl, int maxSize, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxSize < 1 || ttl.isNegative()) {
            throw new IllegalArgumentException("maxSize must be positive and ttl not negative");
        }
        this.maxSize = maxSize;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > CachingDidResolver.this.maxSize;
            }
        };
    }

    @Override
    public DidDocument resolve(String did) throws DidResolutionException {
        var key = Did.controllerOf(did);
        var now = clock.instant();
        synchronized (cache) {
            var hit = cache.get(key);
            if (hit != null && now.isBefore(hit.expiresAt())) {
                return hit.document();
            }
        }
        // Resolve outside the lock: a slow fetch must not block lookups of other DIDs.
        var document = delegate.resolve(key);
        synchronized (cache) {
            cache.put(key, new Entry(document, now.plus(ttl)));
        }
        return document;
    }

    /** Drops a DID from the cache, e.g. after the issuer rotated a key. */
    public void invalidate(String did) {
        synchronized (cache) {
            cache.remove(Did.controllerOf(did));
        }
    }

    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }
}
