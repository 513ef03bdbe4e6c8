package io.guildmark.app.verification;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * The presentation proofs already accepted through {@code POST /presentations/verify} for a challenge, so that a
 * presentation replayed with the same challenge is refused. What is remembered is the challenge together with the
 * holder's signature: a captured presentation can't be used again, while a holder may sign another presentation for
 * the same challenge (only the holder's key can make one; the W3C VC Data Model suite answers one challenge with many
 * presentations). Bounded (100,000 entries) and expiring (a day: a challenge is meant for minutes); kept in this node's
 * memory, which a verifier that issues its challenges to one node at a time needs.
 */
@Component
class SeenChallenges {

    static final int MAX_CHALLENGES = 100_000;
    static final Duration KEPT = Duration.ofDays(1);

    private final Cache<String, Boolean> seen = Caffeine.newBuilder().maximumSize(MAX_CHALLENGES).expireAfterWrite(KEPT).build();

    /** Records the challenge answered by this proof value; false when it was recorded before (a replay). Atomic. */
    boolean firstUse(String challenge, String proofValue) {
        return seen.asMap().putIfAbsent(challenge + '\n' + proofValue, Boolean.TRUE) == null;
    }
}
