package io.guildmark.app.credits.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a holder stands in one renewal cycle: credits earned (approved), pending approval, and still needed, in total
 * and per category. A credit counts in the cycle that contains the day it was earned; credits of another type do not
 * count; rejected credits never count.
 */
public record Standing(RenewalRule rule, RenewalRule.Cycle cycle, BigDecimal earned, BigDecimal pending, BigDecimal remaining,
        Map<String, CategoryStanding> categories, boolean met, long daysLeft) {

    public record CategoryStanding(BigDecimal required, BigDecimal earned, BigDecimal pending, BigDecimal remaining) {}

    public static Standing of(RenewalRule rule, RenewalRule.Cycle cycle, List<CreditEntry> entries, LocalDate today) {
        List<CreditEntry> counted = entries.stream().filter(e -> e.creditType().equalsIgnoreCase(rule.creditType()))
                .filter(e -> cycle.contains(e.earnedOn())).toList();
        BigDecimal earned = sum(counted, CreditEntry.Status.EARNED, null);
        BigDecimal pending = sum(counted, CreditEntry.Status.PENDING, null);
        Map<String, CategoryStanding> categories = new LinkedHashMap<>();
        boolean categoriesMet = true;
        for (Map.Entry<String, BigDecimal> c : new TreeMap<>(rule.requiredByCategory()).entrySet()) {
            BigDecimal inCategory = sum(counted, CreditEntry.Status.EARNED, c.getKey());
            BigDecimal pendingInCategory = sum(counted, CreditEntry.Status.PENDING, c.getKey());
            BigDecimal remaining = c.getValue().subtract(inCategory).max(BigDecimal.ZERO);
            categoriesMet &= remaining.signum() == 0;
            categories.put(c.getKey(), new CategoryStanding(c.getValue(), inCategory, pendingInCategory, remaining));
        }
        BigDecimal remaining = rule.requiredTotal().subtract(earned).max(BigDecimal.ZERO);
        boolean met = remaining.signum() == 0 && categoriesMet;
        return new Standing(rule, cycle, earned, pending, remaining, categories, met,
                Math.max(0, ChronoUnit.DAYS.between(today, cycle.end())));
    }

    /** Credits still needed overall, counting that the category minimums must come out of the total too. */
    public BigDecimal stillNeeded() {
        BigDecimal categoryGap = categories.values().stream().map(CategoryStanding::remaining).reduce(BigDecimal.ZERO, BigDecimal::add);
        return remaining.max(categoryGap);
    }

    private static BigDecimal sum(List<CreditEntry> entries, CreditEntry.Status status, String category) {
        return entries.stream().filter(e -> e.status() == status).filter(e -> category == null || category.equalsIgnoreCase(e.category()))
                .map(CreditEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
