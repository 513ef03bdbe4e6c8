package io.guildmark.app.verification;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.guildmark.app.shared.MasterKey;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The challenges this verifier hands out ({@code POST /challenges}, the VC-API's "create challenge") for presentations
 * to answer. Such a challenge is accepted once ({@link SeenChallenges}) and until it expires; a challenge the caller
 * chose itself is the caller's to keep single-use (the verifier only checks that the holder's proof answers it).
 *
 * <p>Nothing is stored when one is issued: a challenge carries its random part and expiry, sealed with HMAC-SHA256
 * under a key derived from the master key, so every node recognizes every node's challenges, after a restart too.
 */
@Component
class VcApiChallenges {

    static final Duration VALID = Duration.ofHours(1);
    private static final String PREFIX = "gm1.";
    private static final int RANDOM_BYTES = 16;
    private static final int MAC_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

    /** A challenge as handed out, and until when it is accepted. */
    record Issued(String challenge, Instant expiresAt) {}

    private final SecretKeySpec key;
    private final Clock clock;

    @Autowired
    VcApiChallenges(Clock clock, MasterKey masterKey) {
        this(clock, masterKey.derive("vc-api-challenge"));
    }

    VcApiChallenges(Clock clock, byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.clock = clock;
    }

    Issued issue() {
        Instant expiresAt = Instant.ofEpochSecond(clock.instant().plus(VALID).getEpochSecond());
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        byte[] body = ByteBuffer.allocate(RANDOM_BYTES + Long.BYTES).put(random).putLong(expiresAt.getEpochSecond()).array();
        return new Issued(PREFIX + TEXT.encodeToString(body) + "." + TEXT.encodeToString(mac(body)), expiresAt);
    }

    /** When the challenge was issued here (by any node), until when it is accepted; empty for any other challenge. */
    Optional<Instant> expiryOf(@Nullable String challenge) {
        if (challenge == null || !challenge.startsWith(PREFIX) || challenge.length() > 100) return Optional.empty();
        String sealed = challenge.substring(PREFIX.length());
        int dot = sealed.indexOf('.');
        if (dot < 0) return Optional.empty();
        byte[] body;
        byte[] seal;
        try {
            body = Base64.getUrlDecoder().decode(sealed.substring(0, dot));
            seal = Base64.getUrlDecoder().decode(sealed.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (body.length != RANDOM_BYTES + Long.BYTES || !MessageDigest.isEqual(seal, mac(body))) return Optional.empty();
        return Optional.of(Instant.ofEpochSecond(ByteBuffer.wrap(body, RANDOM_BYTES, Long.BYTES).getLong()));
    }

    /** Whether an issued challenge has expired. */
    boolean expired(Instant expiresAt) {
        return !expiresAt.isAfter(clock.instant());
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
