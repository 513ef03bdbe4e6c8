package io.guildmark.app.credits.model;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Credits in a learner's ledger: from a credential earned here, or reported from elsewhere with proof and waiting for
 * (or given) staff approval.
 *
 * @param category e.g. {@code ethics}, counting toward a category minimum as well as the total; {@code null} for none
 */
public record CreditEntry(String source, LocalDate earnedOn, BigDecimal amount, String creditType, @Nullable String category,
        Status status) {

    public enum Status { EARNED, PENDING, REJECTED }

    public CreditEntry {
        if (amount.signum() < 0) throw new IllegalArgumentException("Credits cannot be negative");
    }
}
