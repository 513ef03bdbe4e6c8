package io.guildmark.app.payments;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One purchase: an enrollment, seats of a micro-credential for an employer's staff, or a place on a pathway. The
 * amounts are those of the quote made when it was ordered; they never change afterwards. {@code refundedMinor} is what
 * went back so far: a partial refund leaves the order paid.
 */
public record Order(UUID id, UUID organizationId, Kind kind, Method method, State state, @Nullable String stateNote,
        @Nullable UUID buyerUserId, String buyerEmail, String buyerName, @Nullable UUID achievementId, @Nullable UUID pathwayId,
        String itemName, @Nullable UUID enrollmentId, Quote quote, @Nullable UUID discountCodeId, @Nullable String discountCode,
        @Nullable String checkoutSessionId, @Nullable String checkoutUrl, @Nullable String paymentIntentId,
        @Nullable String refundId, Instant createdAt, @Nullable Instant paidAt, @Nullable Instant refundedAt, long refundedMinor) {

    public enum Kind {
        ENROLLMENT, SEATS, PATHWAY;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** STRIPE: Stripe Checkout; OFFLINE: staff marked it paid (an invoice, a bank transfer); FREE: a discount covered it all. */
    public enum Method {
        STRIPE, OFFLINE, FREE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * PENDING: waiting for Stripe; PAID; REFUNDED; EXPIRED: the checkout lapsed unpaid; FLAGGED: Stripe reported a
     * payment that did not match the order (amount, currency) or could not be refunded, for staff to look at.
     */
    public enum State {
        PENDING, PAID, REFUNDED, EXPIRED, FLAGGED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String label() {
            return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
        }
    }

    /** The short number people quote: the first eight characters of the id. */
    public String number() {
        return id.toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    public String total() {
        return quote.formatted(quote.totalMinor());
    }

    public boolean paid() {
        return state == State.PAID;
    }

    /** Paid, and part of it refunded. */
    public boolean partiallyRefunded() {
        return state == State.PAID && refundedMinor > 0;
    }

    /** What may still be refunded. */
    public long refundableMinor() {
        return state == State.PAID ? quote.totalMinor() - refundedMinor : 0;
    }

    public String refunded() {
        return quote.formatted(refundedMinor);
    }

    /** "Paid", "Partially refunded", "Refunded"…, for pages. */
    public String stateLabel() {
        return partiallyRefunded() ? "Partially refunded" : state.label();
    }

    public boolean hasReceipt() {
        return paidAt != null;
    }
}
