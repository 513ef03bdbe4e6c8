package io.guildmark.app.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SealedChallengesTest {

    private static final byte[] KEY = "a purpose's key".getBytes(StandardCharsets.UTF_8);
    private static final Instant UNTIL = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aChallengeOpensOnAnyInstanceWithTheSameKeyWithItsExpiryAndFields() {
        UUID person = UUID.randomUUID();
        UUID scope = UUID.randomUUID();
        String challenge = new SealedChallenges(KEY, 2).seal(UNTIL, person, scope);

        SealedChallenges.Opened opened = new SealedChallenges(KEY, 2).open(challenge);
        assertThat(opened).isNotNull();
        assertThat(opened.expiresAt()).isEqualTo(UNTIL);
        assertThat(opened.fields()).containsExactly(person, scope);
    }

    @Test
    void everyCharacterChangedAnotherKeyOrAnotherShapeIsNotOurs() {
        String challenge = new SealedChallenges(KEY, 1).seal(UNTIL, UUID.randomUUID());
        for (int i = 0; i < challenge.length(); i++) {
            if (challenge.charAt(i) == '.') continue;
            for (char other : new char[] {'A', 'B', 'Q', 'g', '_'}) {
                if (other == challenge.charAt(i)) continue;
                String changed = challenge.substring(0, i) + other + challenge.substring(i + 1);
                assertThat(new SealedChallenges(KEY, 1).open(changed)).as("changed at %d to %s", i, other).isNull();
            }
        }
        assertThat(new SealedChallenges("another key".getBytes(StandardCharsets.UTF_8), 1).open(challenge)).isNull();
        assertThat(new SealedChallenges(KEY, 2).open(challenge)).as("a challenge of another shape").isNull();
        assertThat(new SealedChallenges(KEY, 1).open("made-up")).isNull();
        assertThat(new SealedChallenges(KEY, 1).open("!!!.???")).isNull();
    }

    @Test
    void eachChallengeIsFresh() {
        var challenges = new SealedChallenges(KEY, 0);
        assertThat(challenges.seal(UNTIL)).isNotEqualTo(challenges.seal(UNTIL));
    }
}
