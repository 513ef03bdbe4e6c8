package io.guildmark.app.payments;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Platform settings of online payment, bound from {@code guildmark.payments.*}. See docs/configuration.md, "Payments".
 *
 * @param stripeApiBase    the Stripe API's address; tests point it at a stand-in on loopback
 * @param webhookTolerance how old a webhook's signed timestamp may be; older ones are refused as replays
 * @param timeout          for connecting to Stripe and for its answer
 */
@ConfigurationProperties("guildmark.payments")
record PaymentSettings(@Nullable String stripeApiBase, @Nullable Duration webhookTolerance, @Nullable Duration timeout) {

    PaymentSettings {
        if (stripeApiBase == null || stripeApiBase.isBlank()) stripeApiBase = "https://api.stripe.com";
        stripeApiBase = stripeApiBase.replaceAll("/+$", "");
        if (webhookTolerance == null || webhookTolerance.isNegative() || webhookTolerance.isZero()) webhookTolerance = Duration.ofSeconds(300);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) timeout = Duration.ofSeconds(20);
    }
}
