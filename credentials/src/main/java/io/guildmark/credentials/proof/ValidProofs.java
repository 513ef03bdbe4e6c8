package io.guildmark.credentials.proof;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.json.JsonObject;

/**
 * Proofs that were found valid, so that the same document with the same proof and the same public key is not
 * canonicalized and checked again. What is remembered is the SHA-256 of the document's JSON, the proof's JSON and the
 * public key: a hit means exactly these bytes verified under exactly this key before, which stays true. The key
 * itself is still resolved on every verification, so a retired or revoked key fails at once. Failures are never
 * remembered. At most {@code maxEntries} (least recently used go first), each for at most {@code ttl}. Thread safe.
 */
final class ValidProofs {

    private final Remembered<Boolean> valid;

    ValidProofs(int maxEntries, Duration ttl) {
        this.valid = new Remembered<>(maxEntries, ttl);
    }

    /** The memo key: SHA-256 over the document without proofs, the whole proof (with its value) and the public key. */
    static ByteBuffer key(JsonObject document, JsonObject proof, byte[] publicKey) {
        return Remembered.key(document.toString().getBytes(StandardCharsets.UTF_8), proof.toString().getBytes(StandardCharsets.UTF_8),
                publicKey);
    }

    boolean contains(ByteBuffer key) {
        return valid.find(key) != null;
    }

    void add(ByteBuffer key) {
        valid.add(key, Boolean.TRUE);
    }

    int size() {
        return valid.size();
    }
}
