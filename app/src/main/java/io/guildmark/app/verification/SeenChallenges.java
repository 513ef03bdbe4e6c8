package io.guildmark.app.verification;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * The presentation challenges already answered through {@code POST /presentations/verify}, so that a presentation
 * replayed with the same challenge is refused. Bounded (100,000 challenges) and expiring (a day: a challenge is meant
 * for minutes); kept in this node's memory, which a verifier that issues its challenges to one node at a time needs.
 */
@Component
class SeenChallenges {

    static final int MAX_CHALLENGES = 100_000;
    static final Duration KEPT = Duration.ofDays(1);

    private final Cache<String, Boolean> seen = Caffeine.newBuilder().maximumSize(MAX_CHALLENGES).expireAfterWrite(KEPT).build();

    /** Records the challenge; false when it was recorded before (a replay). Atomic. */
    boolean firstUse(String challenge) {
        return seen.asMap().putIfAbsent(challenge, Boolean.TRUE) == null;
    }
}
