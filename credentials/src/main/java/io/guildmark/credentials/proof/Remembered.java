package io.guildmark.credentials.proof;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Outcomes remembered by the SHA-256 of what they were computed from: at most {@code maxEntries} (least recently used
 * go first), each for at most {@code ttl}. The library's verifiers use it to skip work whose result cannot have
 * changed (a proof that verified, a schema check of the same JSON). Thread safe.
 */
public final class Remembered<V> {

    private record Kept<V>(V value, long expiresAt) {}

    private final int maxEntries;
    private final long ttlNanos;
    private final LinkedHashMap<ByteBuffer, Kept<V>> kept;

    public Remembered(int maxEntries, Duration ttl) {
        if (maxEntries < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("maxEntries and ttl must be positive");
        }
        this.maxEntries = maxEntries;
        this.ttlNanos = ttl.toNanos();
        this.kept = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Kept<V>> eldest) {
                return size() > Remembered.this.maxEntries;
            }
        };
    }

    /** The key for these parts: SHA-256 over each, separated by a zero byte so that parts cannot run into each other. */
    public static ByteBuffer key(byte[]... parts) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) sha256.update((byte) 0);
            sha256.update(parts[i]);
        }
        return ByteBuffer.wrap(sha256.digest());
    }

    /** The key for this text (as UTF-8). */
    public static ByteBuffer key(String text) {
        return key(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The remembered value, or null when there is none or it has expired. */
    public V find(ByteBuffer key) {
        long now = System.nanoTime();
        synchronized (kept) {
            Kept<V> hit = kept.get(key);
            if (hit == null) return null;
            if (now - hit.expiresAt() < 0) return hit.value();
            kept.remove(key);
            return null;
        }
    }

    public void add(ByteBuffer key, V value) {
        Kept<V> entry = new Kept<>(value, System.nanoTime() + ttlNanos);
        synchronized (kept) {
            kept.put(key, entry);
        }
    }

    public int size() {
        synchronized (kept) {
            return kept.size();
        }
    }
}
