package io.guildmark.app.payments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Where an organization's Stripe account sends its events (the endpoint staff add in Stripe's dashboard). Not under
 * {@code /api}: Stripe signs the body, it sends no API key. Refusals are problem details.
 */
@ApiController
@Tag(name = "Payments", description = "Orders, discount codes and Stripe's webhook")
class StripeWebhookApi {

    /** Stripe's events are a few kilobytes; anything far larger is not one. */
    static final int MAX_BYTES = 256 * 1024;

    private final StripeWebhooks webhooks;

    StripeWebhookApi(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping("/payments/stripe/webhook/{slug}")
    @Operation(summary = "Receive a Stripe event (Stripe calls this)",
            description = "Verifies Stripe-Signature with the organization's webhook signing secret (timestamps older than 300 s are refused), "
                    + "acts on checkout.session.completed, checkout.session.async_payment_succeeded, checkout.session.expired and "
                    + "charge.refunded once per event id, and answers 200 to other types. 400 on a bad signature or body.")
    Map<String, String> receive(@PathVariable String slug, HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BYTES + 1);
        }
        if (body.length > MAX_BYTES) throw Problem.tooLarge("A Stripe event is at most " + MAX_BYTES / 1024 + " KB.");
        StripeWebhooks.Outcome outcome;
        try {
            outcome = webhooks.receive(slug, new String(body, StandardCharsets.UTF_8), request.getHeader("Stripe-Signature"));
        } catch (DuplicateKeyException sameEventAtOnce) {
            outcome = StripeWebhooks.Outcome.DUPLICATE; // the same event delivered twice at once: the other delivery acted on it
        }
        return Map.of("received", "true", "outcome", outcome.name().toLowerCase(Locale.ROOT));
    }
}
