package io.guildmark.app.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without ever locking an account: failures are counted per (address typed, client
 * address) pair and per client address across all accounts, and each count follows its {@link AttemptSchedule}.
 * Guesses from elsewhere therefore never delay the owner at their own client, and a reset link clears the account's
 * counts. Unknown addresses are counted exactly like known ones, so the delays tell nothing about who has an account.
 * Kept in the database so that every app node agrees.
 */
@Component
class SignInThrottle {

    /** The key of the count kept per client across all accounts. */
    private static final String ANY_ACCOUNT = "";

    private final JdbcClient db;
    private final Clock clock;

    SignInThrottle(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** How long this client must wait before trying this address again; empty when it may try now. */
    Optional<Duration> waitBeforeNextAttempt(String email, String client) {
        Instant now = clock.instant();
        Optional<Instant> pair = nextAttemptAt(account(email), client, AttemptSchedule.PER_ACCOUNT_AND_CLIENT, now);
        Optional<Instant> anyAccount = nextAttemptAt(ANY_ACCOUNT, client, AttemptSchedule.PER_CLIENT, now);
        return pair.or(() -> anyAccount)
                .map(first -> anyAccount.filter(other -> other.isAfter(first)).orElse(first))
                .map(until -> Duration.between(now, until));
    }

    void failed(String email, String client) {
        Instant now = clock.instant();
        String account = account(email);
        if (!account.isEmpty() && account.length() <= 254) count(account, client, AttemptSchedule.PER_ACCOUNT_AND_CLIENT, now);
        count(ANY_ACCOUNT, client, AttemptSchedule.PER_CLIENT, now);
        db.sql("delete from sign_in_attempts where last_failure_at < ?")
                .param(Timestamp.from(now.minus(AttemptSchedule.PER_CLIENT.forgetAfter()))).update();
    }

    /** A client that proves it knows the password starts afresh, for this account and for its own count. */
    void succeeded(String email, String client) {
        db.sql("delete from sign_in_attempts where client = ? and account in (?, ?)").params(client, account(email), ANY_ACCOUNT).update();
    }

    /** Forgets every client's failures at this account: its owner proved control of the address (a reset link). */
    void forgetAccount(String email) {
        db.sql("delete from sign_in_attempts where account = ?").param(account(email)).update();
    }

    private Optional<Instant> nextAttemptAt(String account, String client, AttemptSchedule schedule, Instant now) {
        return db.sql("select failures, last_failure_at from sign_in_attempts where account = ? and client = ?")
                .params(account, client)
                .query((rs, n) -> schedule.nextAttemptAt(rs.getInt(1), rs.getTimestamp(2).toInstant(), now))
                .optional()
                .flatMap(next -> next);
    }

    // Each statement commits on its own (no surrounding transaction): a lost race only miscounts by one, whereas a
    // failed insert inside a transaction would abort it on PostgreSQL.
    private void count(String account, String client, AttemptSchedule schedule, Instant now) {
        Optional<Integer> failures = db.sql("select failures, last_failure_at from sign_in_attempts where account = ? and client = ?")
                .params(account, client)
                .query((rs, n) -> schedule.forgotten(rs.getTimestamp(2).toInstant(), now) ? 0 : rs.getInt(1))
                .optional();
        Timestamp at = Timestamp.from(now);
        if (failures.isPresent()) {
            db.sql("update sign_in_attempts set failures = ?, last_failure_at = ? where account = ? and client = ?")
                    .params(failures.get() + 1, at, account, client).update();
            return;
        }
        try {
            db.sql("insert into sign_in_attempts (account, client, failures, last_failure_at) values (?, ?, 1, ?)")
                    .params(account, client, at).update();
        } catch (DuplicateKeyException concurrentFirstFailure) {
            db.sql("update sign_in_attempts set failures = failures + 1, last_failure_at = ? where account = ? and client = ?")
                    .params(at, account, client).update();
        }
    }

    private static String account(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
