package io.guildmark.app.verification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The challenges this verifier issued ({@link VcApiChallenges}) that a presentation has already answered through
 * {@code POST /presentations/verify}: each is accepted once, so a captured presentation can't be used again. Kept in
 * the database (a digest of the challenge, until a few minutes after the challenge expires), so a challenge answered on
 * one node is refused on every other. Only sealed challenges of this verifier are recorded, so rows come only from
 * challenges that were handed out, and they are swept as they expire.
 *
 * <p>Challenges the caller chose itself are not remembered: the verifier can't tell a replay from a second, equally
 * valid answer (Ed25519 is deterministic, so two presentations that mean the same, signed in the same second by the
 * same key for the same challenge, carry the same proof; the W3C VC Data Model suite sends such pairs). The party
 * that chose the challenge knows whether it was used.
 */
@Component
class SeenChallenges {

    static final Duration KEPT = VcApiChallenges.VALID.plusMinutes(5);
    /** One answer in this many also deletes the expired rows: no job needed, and no sweep on every answer. */
    private static final int SWEEP_EVERY = 50;

    private final JdbcClient db;
    private final Clock clock;

    SeenChallenges(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records that the challenge was answered; false when it was answered before, on any node (a replay). Atomic. */
    boolean firstUse(String challenge) {
        Instant now = clock.instant();
        if (ThreadLocalRandom.current().nextInt(SWEEP_EVERY) == 0) {
            db.sql("delete from vc_api_answered_challenges where expires_at < ?").param(Timestamp.from(now)).update();
        }
        try {
            db.sql("insert into vc_api_answered_challenges (challenge_hash, expires_at) values (?, ?)")
                    .params(digest(challenge), Timestamp.from(now.plus(KEPT))).update();
            return true;
        } catch (DuplicateKeyException answeredBefore) {
            return false;
        }
    }

    private static String digest(String challenge) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(challenge.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
