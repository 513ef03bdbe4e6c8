package io.guildmark.app.shared;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Challenges that carry their own contents, so that nothing is stored when one is handed out and every node accepts
 * every node's: a random part, an expiry and a fixed number of fields (UUIDs), sealed with HMAC-SHA256 (truncated to
 * 128 bits) under a key derived from the master key for one purpose. The text is {@code base64url(contents) "."
 * base64url(seal)}. Whether a challenge is used up is the caller's to record, where that matters.
 */
public final class SealedChallenges {

    private static final int RANDOM_BYTES = 16;
    private static final int MAC_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

    /** What an opened challenge holds. */
    public record Opened(Instant expiresAt, UUID[] fields) {}

    private final SecretKeySpec key;
    private final int fields;

    /**
     * @param key the purpose's key ({@link MasterKey#derive(String)}), so one purpose's challenges are not another's
     * @param fields how many UUIDs each challenge carries
     */
    public SealedChallenges(byte[] key, int fields) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.fields = fields;
    }

    /** A fresh challenge carrying these fields, accepted until {@code expiresAt} (kept to the second). */
    public String seal(Instant expiresAt, UUID... values) {
        if (values.length != fields) throw new IllegalArgumentException("Expected " + fields + " fields, got " + values.length);
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        ByteBuffer body = ByteBuffer.allocate(size()).put(random).putLong(expiresAt.getEpochSecond());
        for (UUID value : values) body.putLong(value.getMostSignificantBits()).putLong(value.getLeastSignificantBits());
        return TEXT.encodeToString(body.array()) + "." + TEXT.encodeToString(mac(body.array()));
    }

    /** The contents of a challenge sealed here (on any node, with this purpose's key); null for any other text. */
    public @Nullable Opened open(String challenge) {
        int dot = challenge.indexOf('.');
        if (dot < 0) return null;
        byte[] body;
        byte[] seal;
        try {
            body = Base64.getUrlDecoder().decode(challenge.substring(0, dot));
            seal = Base64.getUrlDecoder().decode(challenge.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        if (body.length != size() || !MessageDigest.isEqual(seal, mac(body))) return null;
        // One text per challenge: base64 leaves spare bits in the last character, so other texts decode the same.
        if (!TEXT.encodeToString(body).equals(challenge.substring(0, dot)) || !TEXT.encodeToString(seal).equals(challenge.substring(dot + 1))) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(body, RANDOM_BYTES, body.length - RANDOM_BYTES);
        Instant expiresAt = Instant.ofEpochSecond(in.getLong());
        UUID[] values = new UUID[fields];
        for (int i = 0; i < fields; i++) values[i] = new UUID(in.getLong(), in.getLong());
        return new Opened(expiresAt, values);
    }

    private int size() {
        return RANDOM_BYTES + Long.BYTES + fields * 2 * Long.BYTES;
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(body), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
