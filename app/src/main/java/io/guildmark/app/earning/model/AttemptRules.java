package io.guildmark.app.earning.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Whether a learner may start another attempt, given the attempt limit and cool-down. */
public record AttemptRules(int attemptLimit, Duration coolDown) {

    public sealed interface MayStart {}
    public record Allowed() implements MayStart {}
    public record CoolingDown(Instant until) implements MayStart {}
    public record NoAttemptsLeft() implements MayStart {}

    /** @param previousAttempts start times of earlier attempts, any order */
    public MayStart mayStart(List<Instant> previousAttempts, Instant now) {
        if (previousAttempts.size() >= attemptLimit) return new NoAttemptsLeft();
        var last = previousAttempts.stream().max(Instant::compareTo);
        if (last.isPresent() && now.isBefore(last.get().plus(coolDown))) {
            return new CoolingDown(last.get().plus(coolDown));
        }
        return new Allowed();
    }
}
