package io.guildmark.app.portfolio;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.guildmark.app.shared.MasterKey;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The challenges a person's wallet answers when it signs one of their presentations: bound to the account and to what
 * is signed (the "Download all" presentation or one shared presentation), valid {@link #VALID}. Nothing is stored
 * when one is offered: its random part, expiry, account and scope are sealed with HMAC-SHA256 under a key derived from
 * the master key (as {@code verification.BatchChallenges} does), so a challenge offered on one node is accepted on
 * every other. Using one up is recorded when a signed presentation is accepted ({@code holder_signing_challenges}).
 */
@Component
class SigningChallenges {

    static final Duration VALID = Duration.ofMinutes(15);
    static final int MAX_LENGTH = 100;
    /** The scope of the "Download all" presentation; a shared presentation's scope is its id. */
    static final UUID EXPORT = new UUID(0, 0);
    private static final int RANDOM_BYTES = 16;
    private static final int MAC_BYTES = 16;
    private static final int BODY_BYTES = RANDOM_BYTES + Long.BYTES + 4 * Long.BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

    /** A challenge as offered: the nonce, for whom and what it is, until when. */
    record Issued(String challenge, UUID userId, UUID scope, Instant expiresAt) {}

    private final SecretKeySpec key;
    private final Clock clock;

    @Autowired
    SigningChallenges(Clock clock, MasterKey masterKey) {
        this(clock, masterKey.derive("holder-signed-presentation"));
    }

    SigningChallenges(Clock clock, byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.clock = clock;
    }

    Issued issue(UUID userId, UUID scope) {
        Instant expiresAt = Instant.ofEpochSecond(clock.instant().plus(VALID).getEpochSecond());
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        byte[] body = ByteBuffer.allocate(BODY_BYTES).put(random).putLong(expiresAt.getEpochSecond())
                .putLong(userId.getMostSignificantBits()).putLong(userId.getLeastSignificantBits())
                .putLong(scope.getMostSignificantBits()).putLong(scope.getLeastSignificantBits()).array();
        return new Issued(TEXT.encodeToString(body) + "." + TEXT.encodeToString(mac(body)), userId, scope, expiresAt);
    }

    /** The challenge's contents when this platform sealed it (on any node); null for anything else. Expiry is the caller's. */
    @Nullable Issued read(String challenge) {
        if (challenge.length() > MAX_LENGTH) return null;
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
        if (body.length != BODY_BYTES || !MessageDigest.isEqual(seal, mac(body))) return null;
        ByteBuffer in = ByteBuffer.wrap(body, RANDOM_BYTES, BODY_BYTES - RANDOM_BYTES);
        Instant expiresAt = Instant.ofEpochSecond(in.getLong());
        return new Issued(challenge, new UUID(in.getLong(), in.getLong()), new UUID(in.getLong(), in.getLong()), expiresAt);
    }

    boolean expired(Issued issued) {
        return !issued.expiresAt().isAfter(clock.instant());
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
