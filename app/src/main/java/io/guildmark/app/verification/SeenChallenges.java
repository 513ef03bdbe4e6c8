package io.guildmark.app.verification;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * The challenges this verifier issued ({@link VcApiChallenges}) that a presentation has already answered through
 * {@code POST /presentations/verify}: each is accepted once, so a captured presentation can't be used again. Bounded
 * (100,000 entries) and kept longer than a challenge is valid; kept in this node's memory, so a deployment with several
 * nodes sends one holder's presentation to the node that issued the challenge (or accepts that it could be answered
 * once per node within the hour).
 *
 * <p>Challenges the caller chose itself are not remembered: the verifier can't tell a replay from a second, equally
 * valid answer (Ed25519 is deterministic, so two presentations that mean the same, signed in the same second by the
 * same key for the same challenge, carry the same proof; the W3C VC Data Model suite sends such pairs). The party
 * that chose the challenge knows whether it was used.
 */
@Component
class SeenChallenges {

    static final int MAX_CHALLENGES = 100_000;
    static final Duration KEPT = VcApiChallenges.VALID.plusMinutes(5);

    private final Cache<String, Boolean> seen = Caffeine.newBuilder().maximumSize(MAX_CHALLENGES).expireAfterWrite(KEPT).build();

    /** Records that the challenge was answered; false when it was answered before (a replay). Atomic. */
    boolean firstUse(String challenge) {
        return seen.asMap().putIfAbsent(challenge, Boolean.TRUE) == null;
    }
}
