package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The presentation challenges the VC-API verifier hands out: sealed, recognized by any node, valid for an hour. */
class VcApiChallengesTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };
    private final byte[] key = new byte[32];

    @Test
    void aChallengeIssuedByOneNodeIsRecognizedByAnotherUntilItExpires() {
        var issued = new VcApiChallenges(clock, key).issue();
        var otherNode = new VcApiChallenges(clock, key.clone());
        assertThat(otherNode.expiryOf(issued.challenge())).contains(issued.expiresAt());
        assertThat(otherNode.expired(issued.expiresAt())).isFalse();
        now.set(now.get().plus(VcApiChallenges.VALID));
        assertThat(otherNode.expired(issued.expiresAt())).isTrue();
    }

    @Test
    void anAlteredChallengeOrOneSealedWithAnotherKeyIsNotOurs() {
        var challenges = new VcApiChallenges(clock, key);
        String challenge = challenges.issue().challenge();
        String altered = challenge.substring(0, 6) + (challenge.charAt(6) == 'A' ? 'B' : 'A') + challenge.substring(7);
        assertThat(challenges.expiryOf(altered)).isEmpty();
        byte[] otherKey = key.clone();
        otherKey[0] = 1;
        assertThat(new VcApiChallenges(clock, otherKey).expiryOf(challenge)).isEmpty();
        assertThat(challenges.expiryOf("a challenge the caller chose")).isEmpty();
        assertThat(challenges.expiryOf(null)).isEmpty();
    }
}
