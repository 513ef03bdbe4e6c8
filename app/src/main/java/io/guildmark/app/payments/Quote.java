package io.guildmark.app.payments;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.guildmark.app.shared.Money;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;

/**
 * What an order costs, worked out once when it is made and stored with it: the unit price times the quantity, less
 * the discount, with the organization's tax included in it or added to it. Every amount is in the currency's minor
 * unit; tax is rounded half up to the minor unit.
 */
public record Quote(long unitPriceMinor, int quantity, long subtotalMinor, long discountMinor, int taxRateBps, boolean taxInclusive,
        @Nullable String taxLabel, long taxMinor, long totalMinor, String currency) {

    static final int MAX_QUANTITY = 100;

    /** A discount as a code gives it: a percentage, or a fixed amount in one currency. */
    public record Discount(@Nullable Integer percentOff, @Nullable Long amountOffMinor, @Nullable String currency) {}

    /** The organization's tax: a rate in basis points (2000 is 20%), included in prices or added to them. */
    public record Tax(int rateBps, boolean inclusive, String label) {
        static final Tax NONE = new Tax(0, true, "");
    }

    static Quote of(long unitPriceMinor, int quantity, String currency, @Nullable Discount discount, Tax tax) {
        if (unitPriceMinor < 0) throw Problem.invalid("price-invalid", "The price cannot be negative; ask the association to correct it.");
        if (unitPriceMinor > Money.MAX_MINOR) throw Problem.invalid("price-invalid", "The price is larger than the platform takes.");
        if (quantity < 1 || quantity > MAX_QUANTITY) throw Problem.invalidField("quantity", "Buy between 1 and " + MAX_QUANTITY + " seats.");
        long subtotal = Math.multiplyExact(unitPriceMinor, quantity);
        long off = 0;
        if (discount != null) {
            if (discount.percentOff() != null) {
                off = BigDecimal.valueOf(subtotal).multiply(BigDecimal.valueOf(discount.percentOff()))
                        .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();
            } else if (discount.amountOffMinor() != null) {
                if (!currency.equals(discount.currency())) {
                    throw Problem.invalid("currency-mismatch", "This discount code is for amounts in " + discount.currency()
                            + "; the price is in " + currency + ".");
                }
                off = discount.amountOffMinor();
            }
            off = Math.min(off, subtotal);
        }
        long net = subtotal - off;
        long taxAmount;
        long total;
        BigDecimal rate = BigDecimal.valueOf(tax.rateBps());
        if (tax.rateBps() == 0) {
            taxAmount = 0;
            total = net;
        } else if (tax.inclusive()) {
            // The price already holds the tax: what is left without it, and the difference is the tax.
            long withoutTax = BigDecimal.valueOf(net).multiply(BigDecimal.valueOf(10_000))
                    .divide(BigDecimal.valueOf(10_000).add(rate), 0, RoundingMode.HALF_UP).longValueExact();
            taxAmount = net - withoutTax;
            total = net;
        } else {
            taxAmount = BigDecimal.valueOf(net).multiply(rate).divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP).longValueExact();
            total = net + taxAmount;
        }
        return new Quote(unitPriceMinor, quantity, subtotal, off, tax.rateBps(), tax.inclusive(),
                tax.rateBps() == 0 ? null : tax.label(), taxAmount, total, currency);
    }

    public String formatted(long minor) {
        return Money.format(minor, currency);
    }

    /** "20%" or "7.5%". */
    public String rate() {
        return BigDecimal.valueOf(taxRateBps, 2).stripTrailingZeros().toPlainString() + "%";
    }
}
