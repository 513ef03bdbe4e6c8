package io.guildmark.app.earning;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import io.guildmark.app.shared.Money;

import org.jspecify.annotations.Nullable;

/**
 * A learner working toward one micro-credential, on the earning design version they enrolled under.
 *
 * @param priceMinor the price at enrollment in the currency's minor unit; {@code null} when free
 */
public record Enrollment(UUID id, UUID organizationId, UUID achievementId, int designVersion, String email,
        @Nullable UUID userId, String name, State state, Payment payment, @Nullable Long priceMinor,
        @Nullable String currency, Instant enrolledAt, @Nullable Instant deadlineAt, @Nullable UUID awardId,
        @Nullable Instant awardedAt) {

    public enum State {
        ACTIVE, AWARDED, WITHDRAWN;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** NONE: free; DUE: priced and not yet paid (work waits); PAID: staff marked it paid. */
    public enum Payment {
        NONE, DUE, PAID;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean active() {
        return state == State.ACTIVE;
    }

    public boolean paymentDue() {
        return payment == Payment.DUE;
    }

    public boolean pastDeadline(Instant now) {
        return deadlineAt != null && now.isAfter(deadlineAt);
    }

    /** "49.00 USD", or empty when free. */
    public String price() {
        if (priceMinor == null || currency == null) return "";
        return Money.format(priceMinor, currency);
    }
}
