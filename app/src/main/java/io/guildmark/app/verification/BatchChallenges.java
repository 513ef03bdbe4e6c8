package io.guildmark.app.verification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.MasterKey;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.SealedChallenges;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The challenges a batch check asks candidates' presentations to answer: an employer gets one (on {@code /verify/batch}
 * or from {@code GET /api/v1/verify/batch/challenge}), hands it with the {@code domain} to its candidates, and checks
 * their presentations with it. A presentation whose holder signed it for this challenge and domain was made for this
 * employer's check; one signed for another (replayed from elsewhere) is reported so, row by row. A challenge is issued
 * for whom the check is kept ({@code employerId}, null for a personal or anonymous check) and is refused for another.
 *
 * <p>Nothing is stored: a challenge carries its own random part, expiry and employer, sealed with HMAC-SHA256 under a
 * key derived from the master key. So a challenge issued on one node is accepted on every other, after a restart too,
 * and a crawler opening the form costs no memory. Valid {@link #VALID} (candidates answer within a day or so).
 */
@Component
class BatchChallenges {

    static final Duration VALID = Duration.ofDays(2);
    static final int MAX_CHALLENGE_LENGTH = 100;
    private static final UUID NO_EMPLOYER = new UUID(0, 0);

    /** A challenge as the employer hands it out: its nonce, the domain the proofs must name, until when it is accepted. */
    record Issued(String challenge, String domain, Instant expiresAt, @Nullable UUID employerId) {}

    private final SealedChallenges sealed;
    private final String domain;
    private final Clock clock;

    @Autowired
    BatchChallenges(GuildmarkSettings settings, Clock clock, MasterKey masterKey) {
        this(settings.baseUrl().toString(), clock, masterKey.derive("batch-challenge"));
    }

    /** @param domain this platform's address, which every challenge's proofs must name */
    BatchChallenges(String domain, Clock clock, byte[] key) {
        this.sealed = new SealedChallenges(key, 1);
        this.domain = domain;
        this.clock = clock;
    }

    /** A fresh challenge for a check kept for {@code employerId} (null: a personal or anonymous check). */
    Issued issue(@Nullable UUID employerId) {
        Instant expiresAt = Instant.ofEpochSecond(clock.instant().plus(VALID).getEpochSecond());
        return new Issued(sealed.seal(expiresAt, Objects.requireNonNullElse(employerId, NO_EMPLOYER)), domain(), expiresAt, employerId);
    }

    /** The domain every batch challenge names: this platform's address. */
    String domain() {
        return domain;
    }

    /**
     * The challenge a check was given, if it was issued here (by any node), for this employer, and is still valid;
     * empty when none was given. Anything else is refused with a clear problem before anything is checked.
     */
    Optional<Issued> require(@Nullable String challenge, @Nullable UUID employerId) {
        if (challenge == null || challenge.isBlank()) return Optional.empty();
        String nonce = challenge.strip();
        Issued found = nonce.length() > MAX_CHALLENGE_LENGTH ? null : read(nonce);
        if (found == null || !found.expiresAt().isAfter(clock.instant()) || !Objects.equals(found.employerId(), employerId)) {
            throw new Problem(Problem.Kind.INVALID, "unknown-challenge", "The challenge \"" + BatchInput.shorten(nonce, 60)
                    + "\" was not issued for this check or has expired; get a new challenge for whom you check (just you, or the "
                    + "employer), and ask candidates to answer that one.", List.of());
        }
        return Optional.of(found);
    }

    /** The challenge's contents when its seal is this platform's; null for anything else. */
    private @Nullable Issued read(String challenge) {
        SealedChallenges.Opened opened = sealed.open(challenge);
        if (opened == null) return null;
        UUID employer = opened.fields()[0];
        return new Issued(challenge, domain, opened.expiresAt(), employer.equals(NO_EMPLOYER) ? null : employer);
    }
}
