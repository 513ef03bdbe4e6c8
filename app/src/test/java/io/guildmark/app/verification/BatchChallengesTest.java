package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.guildmark.app.shared.Problem;
import org.junit.jupiter.api.Test;

class BatchChallengesTest {

    private static final byte[] KEY = "a key derived from the master key".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final String DOMAIN = "https://badges.example.org/";

    private static BatchChallenges node(Instant now) {
        return new BatchChallenges(DOMAIN, Clock.fixed(now, ZoneOffset.UTC), KEY);
    }

    @Test
    void aChallengeIssuedOnOneNodeIsAcceptedOnAnotherWithNothingStored() {
        UUID employer = UUID.randomUUID();
        BatchChallenges.Issued issued = node(NOW).issue(employer);

        BatchChallenges.Issued found = node(NOW.plusSeconds(3600)).require(issued.challenge(), employer).orElseThrow();

        assertThat(found.challenge()).isEqualTo(issued.challenge());
        assertThat(found.employerId()).isEqualTo(employer);
        assertThat(found.domain()).isEqualTo(DOMAIN);
        assertThat(found.expiresAt()).isEqualTo(NOW.plus(BatchChallenges.VALID));
        assertThat(issued.challenge()).hasSizeLessThanOrEqualTo(BatchChallenges.MAX_CHALLENGE_LENGTH).matches("[A-Za-z0-9_.-]+");
    }

    @Test
    void everyChallengeIsDifferent() {
        assertThat(node(NOW).issue(null).challenge()).isNotEqualTo(node(NOW).issue(null).challenge());
    }

    @Test
    void noChallengeGivenIsNoChallengeAsked() {
        assertThat(node(NOW).require(null, null)).isEmpty();
        assertThat(node(NOW).require("  ", null)).isEmpty();
    }

    @Test
    void aChallengeForOneEmployerIsRefusedForAnotherAndForAnAnonymousCheck() {
        String challenge = node(NOW).issue(UUID.randomUUID()).challenge();

        assertThatThrownBy(() -> node(NOW).require(challenge, UUID.randomUUID())).isInstanceOf(Problem.class)
                .hasMessageContaining("was not issued for this check");
        assertThatThrownBy(() -> node(NOW).require(challenge, null)).isInstanceOf(Problem.class);
    }

    @Test
    void anExpiredChallengeIsRefused() {
        String challenge = node(NOW).issue(null).challenge();

        assertThatThrownBy(() -> node(NOW.plus(BatchChallenges.VALID).plusSeconds(1)).require(challenge, null)).isInstanceOf(Problem.class)
                .hasMessageContaining("has expired");
    }

    @Test
    void aChangedOrMadeUpOrForeignChallengeIsRefused() {
        String challenge = node(NOW).issue(null).challenge();
        char last = challenge.charAt(challenge.length() - 1);
        String tampered = challenge.substring(0, challenge.length() - 1) + (last == 'A' ? 'B' : 'A');
        String otherPlatforms = new BatchChallenges(DOMAIN, Clock.fixed(NOW, ZoneOffset.UTC), "another key".getBytes(StandardCharsets.UTF_8))
                .issue(null).challenge();

        for (String bad : new String[] {tampered, otherPlatforms, "made-up", "a.b", "!!!.???", "x".repeat(5000)}) {
            assertThatThrownBy(() -> node(NOW).require(bad, null)).as(bad).isInstanceOf(Problem.class);
        }
    }
}
