package io.guildmark.app.credits.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What renewing a credential or license takes, e.g. "30 PDU every 3 years, of which 5 in ethics". Cycles follow each
 * other from the holder's anchor date (when they first earned the credential or license).
 *
 * @param requiredByCategory minimums within the total for named categories (such as {@code ethics})
 */
public record RenewalRule(String name, String creditType, BigDecimal requiredTotal, int cycleYears,
        Map<String, BigDecimal> requiredByCategory) {

    public RenewalRule {
        requiredByCategory = Map.copyOf(requiredByCategory);
        if (requiredTotal.signum() <= 0) throw new IllegalArgumentException("A renewal needs a positive number of credits");
        if (cycleYears < 1 || cycleYears > 10) throw new IllegalArgumentException("A renewal cycle is 1 to 10 years");
        BigDecimal categories = requiredByCategory.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (requiredByCategory.values().stream().anyMatch(v -> v.signum() <= 0)) {
            throw new IllegalArgumentException("Category minimums must be positive");
        }
        if (categories.compareTo(requiredTotal) > 0) {
            throw new IllegalArgumentException("Category minimums (" + categories.toPlainString() + ") exceed the total (" + requiredTotal.toPlainString() + ")");
        }
    }

    /** A cycle: from {@code start} (inclusive) to {@code end} (exclusive); renewal is due on {@code end}. */
    public record Cycle(int number, LocalDate start, LocalDate end) {
        public boolean contains(LocalDate day) {
            return !day.isBefore(start) && day.isBefore(end);
        }
    }

    /** The cycle that contains the day, counting from the anchor; the first cycle if the day is before it. */
    public Cycle cycleOn(LocalDate anchor, LocalDate day) {
        int n = 0;
        while (!anchor.plusYears((long) cycleYears * (n + 1)).isAfter(day)) n++;
        return cycle(anchor, n);
    }

    public Cycle cycle(LocalDate anchor, int index) {
        return new Cycle(index + 1, anchor.plusYears((long) cycleYears * index), anchor.plusYears((long) cycleYears * (index + 1)));
    }

    /** Every cycle from the anchor up to and including the one containing {@code day}. */
    public List<Cycle> cyclesThrough(LocalDate anchor, LocalDate day) {
        List<Cycle> cycles = new ArrayList<>();
        Cycle last = cycleOn(anchor, day);
        for (int i = 0; i < last.number(); i++) cycles.add(cycle(anchor, i));
        return cycles;
    }
}
