package io.guildmark.app.verification;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.MasterKey;
import io.guildmark.app.shared.Problem;
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
    private static final int RANDOM_BYTES = 16;
    private static final int MAC_BYTES = 16;
    private static final UUID NO_EMPLOYER = new UUID(0, 0);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

    /** A challenge as the employer hands it out: its nonce, the domain the proofs must name, until when it is accepted. */
    record Issued(String challenge, String domain, Instant expiresAt, @Nullable UUID employerId) {}

    private final SecretKeySpec key;
    private final String domain;
    private final Clock clock;

    @Autowired
    BatchChallenges(GuildmarkSettings settings, Clock clock, MasterKey masterKey) {
        this(settings.baseUrl().toString(), clock, masterKey.derive("batch-challenge"));
    }

    /** @param domain this platform's address, which every challenge's proofs must name */
    BatchChallenges(String domain, Clock clock, byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.domain = domain;
        this.clock = clock;
    }

    /** A fresh challenge for a check kept for {@code employerId} (null: a personal or anonymous check). */
    Issued issue(@Nullable UUID employerId) {
        Instant expiresAt = clock.instant().plus(VALID);
        UUID employer = Objects.requireNonNullElse(employerId, NO_EMPLOYER);
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        byte[] body = ByteBuffer.allocate(RANDOM_BYTES + Long.BYTES + 2 * Long.BYTES).put(random).putLong(expiresAt.getEpochSecond())
                .putLong(employer.getMostSignificantBits()).putLong(employer.getLeastSignificantBits()).array();
        String challenge = TEXT.encodeToString(body) + "." + TEXT.encodeToString(mac(body));
        return new Issued(challenge, domain(), Instant.ofEpochSecond(expiresAt.getEpochSecond()), employerId);
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
        int dot = challenge.indexOf('.');
        if (dot < 0) return null;
        byte[] body;
        byte[] seal;
        try {
            body = Base64.getUrlDecoder().decode(challenge.substring(0, dot));
            seal = Base64.getUrlDecoder().decode(challenge.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        if (body.length != RANDOM_BYTES + 3 * Long.BYTES || !MessageDigest.isEqual(seal, mac(body))) return null;
        ByteBuffer in = ByteBuffer.wrap(body, RANDOM_BYTES, 3 * Long.BYTES);
        Instant expiresAt = Instant.ofEpochSecond(in.getLong());
        UUID employer = new UUID(in.getLong(), in.getLong());
        return new Issued(challenge, domain, expiresAt, employer.equals(NO_EMPLOYER) ? null : employer);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(body);
            return java.util.Arrays.copyOf(full, MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
