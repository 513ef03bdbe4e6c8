package io.guildmark.app.catalog;

import java.math.BigDecimal;
import java.util.Map;

import io.guildmark.app.shared.Decimals;

import org.jspecify.annotations.Nullable;

/** Prices are stored in the currency's minor unit (cents); forms and pages show and read them in major units. */
final class Money {

    private Money() {}

    /** "49.00 USD", or {@code null} when there is no price. */
    static @Nullable String format(@Nullable Long minor, String currency) {
        String amount = toMajor(minor, currency);
        return amount == null ? null : amount + " " + currency;
    }

    static @Nullable String toMajor(@Nullable Long minor, String currency) {
        return minor == null ? null : io.guildmark.app.shared.Money.plain(minor, currency);
    }

    /** Reads "49" or "49.50" in major units; records an error under {@code field} if it is not a price. */
    static @Nullable Long toMinor(@Nullable String text, String currency, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) return null;
        try {
            BigDecimal amount = Decimals.parse(text.strip().replace(",", ""));
            return amount.movePointRight(digits(currency)).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            errors.put(field, "Enter a price such as 49 or 49.50.");
            return null;
        }
    }

    private static int digits(String currency) {
        return io.guildmark.app.shared.Money.digits(currency);
    }
}
