package io.guildmark.app.portfolio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.guildmark.app.shared.MasterKey;
import io.guildmark.app.shared.SealedChallenges;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The challenges a person's wallet answers when it signs one of their presentations: bound to the account and to what
 * is signed (the "Download all" presentation or one shared presentation), valid {@link #VALID}. Nothing is stored
 * when one is offered: its random part, expiry, account and scope are sealed with HMAC-SHA256 under a key derived from
 * the master key ({@link SealedChallenges}), so a challenge offered on one node is accepted on
 * every other. Using one up is recorded when a signed presentation is accepted ({@code holder_signing_challenges}).
 */
@Component
class SigningChallenges {

    static final Duration VALID = Duration.ofMinutes(15);
    static final int MAX_LENGTH = 100;
    /** The scope of the "Download all" presentation; a shared presentation's scope is its id. */
    static final UUID EXPORT = new UUID(0, 0);
    /** A challenge as offered: the nonce, for whom and what it is, until when. */
    record Issued(String challenge, UUID userId, UUID scope, Instant expiresAt) {}

    private final SealedChallenges sealed;
    private final Clock clock;

    @Autowired
    SigningChallenges(Clock clock, MasterKey masterKey) {
        this(clock, masterKey.derive("holder-signed-presentation"));
    }

    SigningChallenges(Clock clock, byte[] key) {
        this.sealed = new SealedChallenges(key, 2);
        this.clock = clock;
    }

    Issued issue(UUID userId, UUID scope) {
        Instant expiresAt = Instant.ofEpochSecond(clock.instant().plus(VALID).getEpochSecond());
        return new Issued(sealed.seal(expiresAt, userId, scope), userId, scope, expiresAt);
    }

    /** The challenge's contents when this platform sealed it (on any node); null for anything else. Expiry is the caller's. */
    @Nullable Issued read(String challenge) {
        if (challenge.length() > MAX_LENGTH) return null;
        SealedChallenges.Opened opened = sealed.open(challenge);
        return opened == null ? null : new Issued(challenge, opened.fields()[0], opened.fields()[1], opened.expiresAt());
    }

    boolean expired(Issued issued) {
        return !issued.expiresAt().isAfter(clock.instant());
    }
}
