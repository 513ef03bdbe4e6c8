package io.guildmark.app.shared;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;


/**
 * Amounts in a currency's minor unit (cents), read from and written as the major unit people type ("49.50"): one
 * place for the rules every price on the platform follows (payments, discount codes, pathway prices).
 */
public final class Money {

    /** A bound far above any price, so that sums of a hundred seats with tax never overflow. */
    public static final long MAX_MINOR = 100_000_000_00L;

    private Money() {}

    public static int digits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    /** An ISO 4217 code in upper case; anything else is refused on the field. */
    public static String currency(String field, String given) {
        String code = given.strip().toUpperCase(Locale.ROOT);
        try {
            if (code.length() == 3) {
                Currency.getInstance(code);
                return code;
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw Problem.invalidField(field, "Use a three-letter ISO 4217 currency code, such as USD or EUR.");
    }

    /**
     * "49.50" in USD as 4950. A negative amount, more decimals than the currency has (a fraction of a cent) or an
     * amount above the bound is refused on the field.
     */
    public static long parse(String field, String text, String currency) {
        BigDecimal amount;
        try {
            amount = Decimals.parse(text);
        } catch (NumberFormatException e) {
            throw Problem.invalidField(field, "Give the amount as a number, such as 49.50.");
        }
        if (amount.signum() < 0) throw Problem.invalidField(field, "The amount cannot be negative.");
        int digits = digits(currency);
        if (amount.stripTrailingZeros().scale() > digits) {
            throw Problem.invalidField(field, digits == 0 ? currency + " has no smaller unit: give a whole amount."
                    : "Give at most " + digits + " decimals: " + currency + " has no smaller unit than " + BigDecimal.ONE.movePointLeft(digits).toPlainString() + ".");
        }
        BigDecimal minor = amount.movePointRight(digits);
        if (minor.compareTo(BigDecimal.valueOf(MAX_MINOR)) > 0) throw Problem.invalidField(field, "The amount is too large.");
        return minor.longValueExact();
    }

    /** 4950 in USD as "49.50 USD". */
    public static String format(long minor, String currency) {
        return BigDecimal.valueOf(minor, digits(currency)).toPlainString() + " " + currency;
    }

    /** 4950 in USD as "49.50", for form fields. */
    public static String plain(long minor, String currency) {
        return BigDecimal.valueOf(minor, digits(currency)).toPlainString();
    }
}
