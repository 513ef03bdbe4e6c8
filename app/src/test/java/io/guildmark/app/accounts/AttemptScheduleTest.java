package io.guildmark.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class AttemptScheduleTest {

    private final AttemptSchedule schedule = AttemptSchedule.PER_ACCOUNT_AND_CLIENT;
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);

    private Instant now() {
        return clock.instant();
    }

    @Test
    void theFirstFiveFailuresCostNothing() {
        for (int failures = 0; failures < 5; failures++) {
            assertThat(schedule.nextAttemptAt(failures, now(), now())).isEmpty();
        }
    }

    @Test
    void fromTheFifthFailureEachWaitIsTwiceTheOneBefore() {
        assertThat(schedule.waitAfter(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(schedule.waitAfter(6)).isEqualTo(Duration.ofMinutes(2));
        assertThat(schedule.waitAfter(7)).isEqualTo(Duration.ofMinutes(4));
        assertThat(schedule.waitAfter(8)).isEqualTo(Duration.ofMinutes(8));
    }

    @Test
    void noWaitIsLongerThanFifteenMinutesHoweverManyFailures() {
        assertThat(schedule.waitAfter(9)).isEqualTo(Duration.ofMinutes(15));
        assertThat(schedule.waitAfter(1_000)).isEqualTo(Duration.ofMinutes(15));
        assertThat(schedule.waitAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theWaitCountsFromTheLastFailure() {
        Instant lastFailure = now().minusSeconds(40);
        assertThat(schedule.nextAttemptAt(5, lastFailure, now())).contains(lastFailure.plus(Duration.ofMinutes(1)));
        assertThat(schedule.nextAttemptAt(5, lastFailure, now().plusSeconds(20))).isEmpty();
    }

    @Test
    void anAttemptIsAlwaysPossibleAgainWithinFifteenMinutes() {
        assertThat(schedule.nextAttemptAt(500, now(), now().plus(Duration.ofMinutes(15)))).isEmpty();
    }

    @Test
    void failuresADayOldAreForgotten() {
        Instant yesterday = now().minus(Duration.ofHours(24));
        assertThat(schedule.forgotten(yesterday, now())).isTrue();
        assertThat(schedule.forgotten(now().minus(Duration.ofHours(23)), now())).isFalse();
        assertThat(schedule.nextAttemptAt(50, yesterday, now())).isEmpty();
    }

    @Test
    void aClientGetsTwentyFreeFailuresAcrossAccountsBeforeWaiting() {
        assertThat(AttemptSchedule.PER_CLIENT.waitAfter(19)).isZero();
        assertThat(AttemptSchedule.PER_CLIENT.waitAfter(20)).isEqualTo(Duration.ofMinutes(1));
    }
}
