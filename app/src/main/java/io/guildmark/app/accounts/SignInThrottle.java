package io.guildmark.app.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows down password guessing: after {@value #MAX_FAILURES} failed sign-ins to one address within
 * {@link #WINDOW}, that address is locked for {@link #LOCK}. Kept in the database so every app node agrees.
 */
@Component
class SignInThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCK = Duration.ofMinutes(15);

    private final JdbcClient db;
    private final Clock clock;

    SignInThrottle(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Optional<Instant> lockedUntil(String email) {
        Instant now = clock.instant();
        return db.sql("select locked_until from sign_in_failures where email = ?").param(normalize(email))
                .query((rs, n) -> rs.getTimestamp(1)).optional()
                .filter(t -> t != null && t.toInstant().isAfter(now))
                .map(Timestamp::toInstant);
    }

    @Transactional
    void failed(String email) {
        String key = normalize(email);
        if (key.isEmpty() || key.length() > 254) return;
        Instant now = clock.instant();
        var row = db.sql("select failures, first_failure_at from sign_in_failures where email = ? for update").param(key)
                .query((rs, n) -> new Object[] {rs.getInt(1), rs.getTimestamp(2).toInstant()}).optional();
        if (row.isEmpty() || ((Instant) row.get()[1]).isBefore(now.minus(WINDOW))) {
            db.sql("delete from sign_in_failures where email = ?").param(key).update();
            db.sql("insert into sign_in_failures (email, failures, first_failure_at) values (?, 1, ?)")
                    .params(key, Timestamp.from(now)).update();
            return;
        }
        int failures = (Integer) row.get()[0] + 1;
        Timestamp lockedUntil = failures >= MAX_FAILURES ? Timestamp.from(now.plus(LOCK)) : null;
        db.sql("update sign_in_failures set failures = ?, locked_until = ? where email = ?")
                .params(failures, lockedUntil, key).update();
    }

    @Transactional
    void succeeded(String email) {
        db.sql("delete from sign_in_failures where email = ?").param(normalize(email)).update();
    }

    private static String normalize(String email) {
        return email == null ? "" : email.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
