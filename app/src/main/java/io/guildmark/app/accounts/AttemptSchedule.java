package io.guildmark.app.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the next sign-in attempt may be made, given the failures so far: the first {@code freeFailures} cost
 * nothing, then each further attempt waits twice as long as the one before (starting at {@code firstWait}, never
 * longer than {@code longestWait}), counted from the last failure. Failures older than {@code forgetAfter} are
 * forgotten. There is no lock: an attempt is always possible again within {@code longestWait}.
 */
record AttemptSchedule(int freeFailures, Duration firstWait, Duration longestWait, Duration forgetAfter) {

    /** Guesses at one account from one client address. */
    static final AttemptSchedule PER_ACCOUNT_AND_CLIENT = new AttemptSchedule(5, Duration.ofMinutes(1), Duration.ofMinutes(15),
            Duration.ofHours(24));

    /** Guesses from one client address at any accounts (password spraying). */
    static final AttemptSchedule PER_CLIENT = new AttemptSchedule(20, Duration.ofMinutes(1), Duration.ofMinutes(15),
            Duration.ofHours(24));

    AttemptSchedule {
        if (freeFailures < 1 || firstWait.isNegative() || longestWait.compareTo(firstWait) < 0) {
            throw new IllegalArgumentException("A schedule needs at least one free attempt and a longest wait no shorter than the first");
        }
    }

    /** The wait imposed after this many failures (zero while they are free). */
    Duration waitAfter(int failures) {
        if (failures < freeFailures) return Duration.ZERO;
        int doublings = failures - freeFailures;
        // 2^doublings overflows long after the cap is reached: stop doubling there.
        Duration wait = firstWait;
        for (int i = 0; i < doublings && wait.compareTo(longestWait) < 0; i++) wait = wait.multipliedBy(2);
        return wait.compareTo(longestWait) > 0 ? longestWait : wait;
    }

    /** The instant before which no attempt is taken, or empty when one may be made now. */
    Optional<Instant> nextAttemptAt(int failures, Instant lastFailure, Instant now) {
        if (forgotten(lastFailure, now)) return Optional.empty();
        Instant next = lastFailure.plus(waitAfter(failures));
        return next.isAfter(now) ? Optional.of(next) : Optional.empty();
    }

    /** Whether failures that ended at {@code lastFailure} no longer count. */
    boolean forgotten(Instant lastFailure, Instant now) {
        return !lastFailure.plus(forgetAfter).isAfter(now);
    }
}
