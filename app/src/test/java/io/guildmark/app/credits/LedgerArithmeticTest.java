package io.guildmark.app.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.guildmark.app.credits.model.CreditEntry;
import io.guildmark.app.credits.model.RenewalRule;
import io.guildmark.app.credits.model.Standing;
import org.junit.jupiter.api.Test;

class LedgerArithmeticTest {

    static final RenewalRule PMP_LIKE = new RenewalRule("Certified Project Practitioner", "PDU", new BigDecimal("30"), 3,
            Map.of("ethics", new BigDecimal("5")));
    static final LocalDate CERTIFIED = LocalDate.of(2024, 3, 15);

    static CreditEntry earned(String day, String amount, String category) {
        return new CreditEntry("test", LocalDate.parse(day), new BigDecimal(amount), "PDU", category, CreditEntry.Status.EARNED);
    }

    @Test
    void cyclesFollowEachOtherFromTheAnchorWithTheEndExclusive() {
        assertThat(PMP_LIKE.cycleOn(CERTIFIED, LocalDate.of(2027, 3, 14)).number()).isEqualTo(1);
        assertThat(PMP_LIKE.cycleOn(CERTIFIED, LocalDate.of(2027, 3, 15)).number()).isEqualTo(2);
        assertThat(PMP_LIKE.cycleOn(CERTIFIED, LocalDate.of(2033, 1, 1))).isEqualTo(
                new RenewalRule.Cycle(3, LocalDate.of(2030, 3, 15), LocalDate.of(2033, 3, 15)));
        assertThat(PMP_LIKE.cyclesThrough(CERTIFIED, LocalDate.of(2028, 6, 1))).hasSize(2);
    }

    @Test
    void creditsCountOnlyInTheCycleThatContainsTheDayTheyWereEarned() {
        var entries = List.of(earned("2024-03-15", "10", null), earned("2027-03-14", "12", "ethics"), earned("2027-03-15", "8", null));
        Standing first = Standing.of(PMP_LIKE, PMP_LIKE.cycle(CERTIFIED, 0), entries, LocalDate.of(2027, 1, 1));
        Standing second = Standing.of(PMP_LIKE, PMP_LIKE.cycle(CERTIFIED, 1), entries, LocalDate.of(2027, 4, 1));
        assertThat(first.earned()).isEqualByComparingTo("22");
        assertThat(first.remaining()).isEqualByComparingTo("8");
        assertThat(first.categories().get("ethics").remaining()).isEqualByComparingTo("0");
        assertThat(first.daysLeft()).isEqualTo(73);
        assertThat(second.earned()).isEqualByComparingTo("8");
        assertThat(second.categories().get("ethics").remaining()).isEqualByComparingTo("5");
    }

    @Test
    void theTotalIsNotMetUntilTheCategoryMinimumIsToo() {
        var entries = List.of(earned("2025-01-01", "30", null), earned("2025-02-01", "3", "ethics"));
        Standing s = Standing.of(PMP_LIKE, PMP_LIKE.cycle(CERTIFIED, 0), entries, LocalDate.of(2025, 3, 1));
        assertThat(s.remaining()).isEqualByComparingTo("0");
        assertThat(s.met()).isFalse();
        assertThat(s.stillNeeded()).isEqualByComparingTo("2");
    }

    @Test
    void pendingCreditsAreShownApartAndRejectedOnesAndOtherTypesNeverCount() {
        var entries = List.of(earned("2025-01-01", "10", null),
                new CreditEntry("conference", LocalDate.parse("2025-02-01"), new BigDecimal("6"), "PDU", "ethics", CreditEntry.Status.PENDING),
                new CreditEntry("webinar", LocalDate.parse("2025-02-02"), new BigDecimal("4"), "PDU", null, CreditEntry.Status.REJECTED),
                new CreditEntry("ceu course", LocalDate.parse("2025-02-03"), new BigDecimal("9"), "CEU", null, CreditEntry.Status.EARNED));
        Standing s = Standing.of(PMP_LIKE, PMP_LIKE.cycle(CERTIFIED, 0), entries, LocalDate.of(2025, 3, 1));
        assertThat(s.earned()).isEqualByComparingTo("10");
        assertThat(s.pending()).isEqualByComparingTo("6");
        assertThat(s.categories().get("ethics").pending()).isEqualByComparingTo("6");
        assertThat(s.remaining()).isEqualByComparingTo("20");
    }

    @Test
    void fractionalCreditsAddUpExactly() {
        var entries = List.of(earned("2025-01-01", "0.1", null), earned("2025-01-02", "0.2", null));
        assertThat(Standing.of(PMP_LIKE, PMP_LIKE.cycle(CERTIFIED, 0), entries, LocalDate.of(2025, 3, 1)).earned()).isEqualByComparingTo("0.3");
    }

    @Test
    void aRuleWhoseCategoryMinimumsExceedTheTotalIsRefused() {
        assertThatThrownBy(() -> new RenewalRule("x", "PDU", BigDecimal.TEN, 3, Map.of("ethics", new BigDecimal("11"))))
                .hasMessageContaining("exceed");
    }
}
