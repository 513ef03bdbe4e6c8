package io.guildmark.app.credits;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.credits.model.Standing;

/**
 * Where a holder stands in one renewal cycle of one rule, as other modules (the learner progress API) and the pages
 * show it. {@code end} is the renewal deadline (the first day of the next cycle); {@code remaining} counts what is
 * still needed including category minimums (30 required, 30 earned but only 3 of 5 in ethics: 2 remaining).
 *
 * @param current whether today falls in this cycle; past cycles are closed
 */
public record CycleView(UUID ruleId, String ruleName, String creditType, int cycleNumber, LocalDate start, LocalDate end,
        BigDecimal required, BigDecimal earned, BigDecimal pending, BigDecimal remaining, Map<String, Category> categories, boolean met,
        long daysLeft, boolean current) {

    public record Category(BigDecimal required, BigDecimal earned, BigDecimal pending, BigDecimal remaining) {}

    static CycleView of(RenewalRules.Rule rule, Standing s, boolean current) {
        Map<String, Category> categories = new java.util.LinkedHashMap<>();
        s.categories().forEach((name, c) -> categories.put(name, new Category(c.required(), c.earned(), c.pending(), c.remaining())));
        return new CycleView(rule.id(), rule.name(), rule.creditType(), s.cycle().number(), s.cycle().start(), s.cycle().end(),
                rule.requiredTotal(), s.earned(), s.pending(), s.stillNeeded(), java.util.Collections.unmodifiableMap(categories), s.met(), s.daysLeft(), current);
    }

    /** Earned as a share of the requirement, 0 to 100, for a progress bar. */
    public int percent() {
        if (required.signum() == 0) return 100;
        return earned.multiply(BigDecimal.valueOf(100)).divide(required, 0, java.math.RoundingMode.DOWN).min(BigDecimal.valueOf(100)).intValue();
    }

    /** The last day on which credits still count in this cycle. */
    public LocalDate lastDay() {
        return end.minusDays(1);
    }
}
