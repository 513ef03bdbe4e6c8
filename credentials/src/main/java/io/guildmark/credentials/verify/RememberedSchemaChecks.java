package io.guildmark.credentials.verify;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.JsonObject;

/**
 * Outcomes of the schema check by the SHA-256 of the credential's JSON: schema validity depends on nothing else, so
 * the same JSON gets the same outcome. At most {@code maxEntries} (least recently used go first), each for at most
 * {@code ttl}. Thread safe.
 */
final class RememberedSchemaChecks {

    private record Kept(Check check, long expiresAt) {}

    private final int maxEntries;
    private final long ttlNanos;
    private final LinkedHashMap<ByteBuffer, Kept> kept;

    RememberedSchemaChecks(int maxEntries, Duration ttl) {
        this.maxEntries = maxEntries;
        this.ttlNanos = ttl.toNanos();
        this.kept = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Kept> eldest) {
                return size() > RememberedSchemaChecks.this.maxEntries;
            }
        };
    }

    static ByteBuffer key(JsonObject credential) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(credential.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Check find(ByteBuffer key) {
        long now = System.nanoTime();
        synchronized (kept) {
            var hit = kept.get(key);
            if (hit == null) {
                return null;
            }
            if (now - hit.expiresAt() < 0) {
                return hit.check();
            }
            kept.remove(key);
            return null;
        }
    }

    void add(ByteBuffer key, Check check) {
        var entry = new Kept(check, System.nanoTime() + ttlNanos);
        synchronized (kept) {
            kept.put(key, entry);
        }
    }
}
