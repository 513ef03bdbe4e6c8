package io.guildmark.app.verification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The challenges a batch check asks candidates' presentations to answer: an employer gets one (on {@code /verify/batch}
 * or from {@code GET /api/v1/verify/batch/challenge}), hands it with the {@code domain} to its candidates, and checks
 * their presentations with it. A presentation whose holder signed it for this challenge and domain was made for this
 * employer's check; one signed for another (replayed from elsewhere) is reported so, row by row. A challenge is issued
 * for whom the check is kept ({@code employerId}, null for a personal or anonymous check) and is refused for another.
 * Valid {@link #VALID} (candidates answer within a day or so); bounded and kept in this node's memory like
 * {@link SeenChallenges}, which remembers the proofs already accepted for a challenge.
 */
@Component
class BatchChallenges {

    static final Duration VALID = Duration.ofDays(2);
    static final int MAX_CHALLENGES = 100_000;
    static final int MAX_CHALLENGE_LENGTH = 100;

    /** A challenge as the employer hands it out: its nonce, the domain the proofs must name, until when it is accepted. */
    record Issued(String challenge, String domain, Instant expiresAt, @Nullable UUID employerId) {}

    private final Cache<String, Issued> issued = Caffeine.newBuilder().maximumSize(MAX_CHALLENGES).expireAfterWrite(VALID).build();
    private final GuildmarkSettings settings;
    private final Clock clock;

    BatchChallenges(GuildmarkSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** A fresh challenge for a check kept for {@code employerId} (null: a personal or anonymous check). */
    Issued issue(@Nullable UUID employerId) {
        Issued challenge = new Issued(SecretTokens.newToken(), domain(), clock.instant().plus(VALID), employerId);
        issued.put(challenge.challenge(), challenge);
        return challenge;
    }

    /** The domain every batch challenge names: this platform's address. */
    String domain() {
        return settings.baseUrl().toString();
    }

    /**
     * The challenge a check was given, if it was issued here, for this employer, and is still valid; empty when none was
     * given. Anything else is refused with a clear problem before anything is checked.
     */
    Optional<Issued> require(@Nullable String challenge, @Nullable UUID employerId) {
        if (challenge == null || challenge.isBlank()) return Optional.empty();
        String nonce = challenge.strip();
        Issued found = nonce.length() > MAX_CHALLENGE_LENGTH ? null : issued.getIfPresent(nonce);
        if (found == null || !found.expiresAt().isAfter(clock.instant()) || !Objects.equals(found.employerId(), employerId)) {
            throw new Problem(Problem.Kind.INVALID, "unknown-challenge", "The challenge \"" + BatchInput.shorten(nonce, 60)
                    + "\" was not issued for this check or has expired; get a new challenge for whom you check (just you, or the "
                    + "employer), and ask candidates to answer that one.", List.of());
        }
        return Optional.of(found);
    }
}
