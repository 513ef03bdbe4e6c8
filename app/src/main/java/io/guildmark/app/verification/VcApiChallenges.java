package io.guildmark.app.verification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.guildmark.app.shared.MasterKey;
import io.guildmark.app.shared.SealedChallenges;
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

    /** A challenge as handed out, and until when it is accepted. */
    record Issued(String challenge, Instant expiresAt) {}

    private final SealedChallenges sealed;
    private final Clock clock;

    @Autowired
    VcApiChallenges(Clock clock, MasterKey masterKey) {
        this(clock, masterKey.derive("vc-api-challenge"));
    }

    VcApiChallenges(Clock clock, byte[] key) {
        this.sealed = new SealedChallenges(key, 0);
        this.clock = clock;
    }

    Issued issue() {
        Instant expiresAt = Instant.ofEpochSecond(clock.instant().plus(VALID).getEpochSecond());
        return new Issued(PREFIX + sealed.seal(expiresAt), expiresAt);
    }

    /** When the challenge was issued here (by any node), until when it is accepted; empty for any other challenge. */
    Optional<Instant> expiryOf(@Nullable String challenge) {
        if (challenge == null || !challenge.startsWith(PREFIX) || challenge.length() > 100) return Optional.empty();
        return Optional.ofNullable(sealed.open(challenge.substring(PREFIX.length()))).map(SealedChallenges.Opened::expiresAt);
    }

    /** Whether an issued challenge has expired. */
    boolean expired(Instant expiresAt) {
        return !expiresAt.isAfter(clock.instant());
    }
}
