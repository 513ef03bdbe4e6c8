package io.guildmark.app.shared;

import java.math.BigDecimal;

/**
 * Bounds on the decimal numbers people type or send (hours, credits, prices). A number such as {@code 1e999999999} is
 * ten characters of JSON but, made plain (to compare, store or print it), a billion digits: seconds of CPU or an
 * {@link ArithmeticException}. Every decimal taken from input is checked here before anything computes with it.
 */
public final class Decimals {

    /** Longest text read as a number, signs, point and exponent included. */
    public static final int MAX_TEXT_LENGTH = 40;
    /** Digits before the point: up to a trillion and more, far above any real hours, credits or price. */
    public static final int MAX_INTEGER_DIGITS = 15;
    /** Digits after the point, once trailing zeros are dropped. */
    public static final int MAX_FRACTION_DIGITS = 6;

    private Decimals() {}

    /**
     * Whether the value is an everyday number: at most {@value #MAX_INTEGER_DIGITS} digits before the point and
     * {@value #MAX_FRACTION_DIGITS} after. Cheap for any value: it looks at precision and scale, never at the digits.
     */
    public static boolean isReasonable(BigDecimal value) {
        if (value.signum() == 0) return true;
        long integerDigits = (long) value.precision() - value.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) return false;
        // Fraction digits before stripping bound the work of stripping; a value like 1E-999999999 fails here.
        if (value.scale() > MAX_FRACTION_DIGITS + 100L) return false;
        return value.stripTrailingZeros().scale() <= MAX_FRACTION_DIGITS;
    }

    /** The number in the text, or a {@link NumberFormatException} when it is not one or not an everyday one. */
    public static BigDecimal parse(String text) {
        String trimmed = text.strip();
        if (trimmed.length() > MAX_TEXT_LENGTH) throw new NumberFormatException("Number too long");
        BigDecimal value = new BigDecimal(trimmed);
        if (!isReasonable(value)) throw new NumberFormatException("Number out of range");
        return value;
    }

    /** The value with trailing zeros dropped and no exponent (10 rather than 1E+1); only for reasonable values. */
    public static BigDecimal normalized(BigDecimal value) {
        if (!isReasonable(value)) throw new IllegalArgumentException("Number out of range");
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
