package io.guildmark.credentials.proof;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.JsonObject;

/**
 * Proofs that were found valid, so that the same document with the same proof and the same public key is not
 * canonicalized and checked again. What is remembered is the SHA-256 of the document's JSON, the proof's JSON and the
 * public key: a hit means exactly these bytes verified under exactly this key before, which stays true. The key
 * itself is still resolved on every verification, so a retired or revoked key fails at once. Failures are never
 * remembered. At most {@code maxEntries} (least recently used go first), each for at most {@code ttl}. Thread safe.
 */
final class ValidProofs {

    private final int maxEntries;
    private final long ttlNanos;
    private final LinkedHashMap<ByteBuffer, Long> expiries;

    ValidProofs(int maxEntries, Duration ttl) {
        if (maxEntries < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("maxEntries and ttl must be positive");
        }
        this.maxEntries = maxEntries;
        this.ttlNanos = ttl.toNanos();
        this.expiries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Long> eldest) {
                return size() > ValidProofs.this.maxEntries;
            }
        };
    }

    /** The memo key: SHA-256 over the document without proofs, the whole proof (with its value) and the public key. */
    static ByteBuffer key(JsonObject document, JsonObject proof, byte[] publicKey) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha256.update(document.toString().getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(proof.toString().getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(publicKey);
        return ByteBuffer.wrap(sha256.digest());
    }

    boolean contains(ByteBuffer key) {
        long now = System.nanoTime();
        synchronized (expiries) {
            Long expiry = expiries.get(key);
            if (expiry == null) return false;
            if (now - expiry < 0) return true;
            expiries.remove(key);
            return false;
        }
    }

    void add(ByteBuffer key) {
        long expiry = System.nanoTime() + ttlNanos;
        synchronized (expiries) {
            expiries.put(key, expiry);
        }
    }

    int size() {
        synchronized (expiries) {
            return expiries.size();
        }
    }
}
