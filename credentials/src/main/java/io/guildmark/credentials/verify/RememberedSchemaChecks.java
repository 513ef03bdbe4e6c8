package io.guildmark.credentials.verify;

import java.nio.ByteBuffer;
import java.time.Duration;

import io.guildmark.credentials.proof.Remembered;
import jakarta.json.JsonObject;

/**
 * Outcomes of the schema check by the SHA-256 of the credential's JSON: schema validity depends on nothing else, so
 * the same JSON gets the same outcome. At most {@code maxEntries} (least recently used go first), each for at most
 * {@code ttl}. Thread safe.
 */
final class RememberedSchemaChecks {

    private final Remembered<Check> kept;

    RememberedSchemaChecks(int maxEntries, Duration ttl) {
        this.kept = new Remembered<>(maxEntries, ttl);
    }

    static ByteBuffer key(JsonObject credential) {
        return Remembered.key(credential.toString());
    }

    Check find(ByteBuffer key) {
        return kept.find(key);
    }

    void add(ByteBuffer key, Check check) {
        kept.add(key, check);
    }
}
