package io.guildmark.app.payments;

import java.util.Locale;
import java.util.UUID;

import com.stripe.exception.StripeException;
import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import io.guildmark.app.shared.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The few Stripe calls the platform makes, each with the organization's own key in its request options (never the
 * SDK's global key) and the configured API base, so tests run the real SDK against a stand-in.
 */
@Component
class StripeGateway {

    private static final Logger log = LoggerFactory.getLogger(StripeGateway.class);

    record CheckoutSession(String id, String url) {}

    private final PaymentSettings settings;

    StripeGateway(PaymentSettings settings) {
        this.settings = settings;
    }

    /** A Checkout Session for the order's total; Stripe answers with the address to send the buyer to. */
    CheckoutSession checkout(String secretKey, Order order, String successUrl, String cancelUrl) {
        String name = order.quote().quantity() > 1 ? order.quote().quantity() + " × " + order.itemName() : order.itemName();
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setClientReferenceId(order.id().toString())
                .setCustomerEmail(order.buyerEmail())
                .setSuccessUrl(successUrl)
                .setCancelUrl(cancelUrl)
                .putMetadata("order_id", order.id().toString())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder().putMetadata("order_id", order.id().toString()).build())
                // One line of the order's total: discount and tax are worked out here, where the records are.
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(order.quote().currency().toLowerCase(Locale.ROOT))
                                .setUnitAmount(order.quote().totalMinor())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder().setName(truncate(name, 250)).build())
                                .build())
                        .build())
                .build();
        try {
            Session session = Session.create(params, options(secretKey, "checkout-" + order.id()));
            if (session.getId() == null || session.getUrl() == null) throw unavailable(null);
            return new CheckoutSession(session.getId(), session.getUrl());
        } catch (StripeException e) {
            throw unavailable(e);
        }
    }

    /**
     * Refunds the payment: all of it ({@code amountMinor} null) or that much of it; answers the refund's id. The
     * idempotency key names what was refunded before, so a retry is one refund and a second partial refund is another.
     */
    String refund(String secretKey, String paymentIntentId, UUID orderId, @org.jspecify.annotations.Nullable Long amountMinor, long refundedBefore) {
        RefundCreateParams.Builder params = RefundCreateParams.builder().setPaymentIntent(paymentIntentId)
                .putMetadata("order_id", orderId.toString());
        if (amountMinor != null) params.setAmount(amountMinor);
        String key = amountMinor == null && refundedBefore == 0 ? "refund-" + orderId : "refund-" + orderId + "-" + refundedBefore + "-" + amountMinor;
        try {
            return Refund.create(params.build(), options(secretKey, key)).getId();
        } catch (StripeException e) {
            throw unavailable(e);
        }
    }

    private RequestOptions options(String secretKey, String idempotencyKey) {
        int timeout = (int) settings.timeout().toMillis();
        return RequestOptions.builder().setApiKey(secretKey).setBaseUrl(settings.stripeApiBase()).setIdempotencyKey(idempotencyKey)
                .setConnectTimeout(timeout).setReadTimeout(timeout).setMaxNetworkRetries(1).build();
    }

    private static Problem unavailable(@org.jspecify.annotations.Nullable StripeException e) {
        String reason = e == null ? "an incomplete answer" : e.getStripeError() != null && e.getStripeError().getMessage() != null
                ? e.getStripeError().getMessage() : "no answer";
        log.warn("Stripe call failed: {}", e == null ? reason : e.getMessage());
        return Problem.conflict("stripe-failed", "Stripe could not take this request (" + truncate(reason, 200) + "); try again later.");
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
