package io.guildmark.app.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guildmark.app.shared.Money;
import io.guildmark.app.shared.Problem;
import org.junit.jupiter.api.Test;

class QuoteUnitTest {

    @Test
    void taxAddedIsRoundedHalfUpOnThePriceLessTheDiscount() {
        Quote q = Quote.of(1999, 3, "USD", new Quote.Discount(10, null, null), new Quote.Tax(725, false, "Sales tax"));
        assertThat(q.subtotalMinor()).isEqualTo(5997);
        assertThat(q.discountMinor()).isEqualTo(600); // 599.7 rounds to 600
        assertThat(q.taxMinor()).isEqualTo(391); // 7.25% of 53.97 = 3.9128
        assertThat(q.totalMinor()).isEqualTo(5397 + 391);
    }

    @Test
    void taxIncludedIsTakenOutOfThePriceAndTheTotalStays() {
        Quote q = Quote.of(4900, 1, "EUR", null, new Quote.Tax(2000, true, "VAT"));
        assertThat(q.totalMinor()).isEqualTo(4900);
        assertThat(q.taxMinor()).isEqualTo(817);
        assertThat(q.rate()).isEqualTo("20%");
    }

    @Test
    void aFixedDiscountNeverGoesBelowZeroAndMustBeInThePricesCurrency() {
        assertThat(Quote.of(500, 1, "USD", new Quote.Discount(null, 1000L, "USD"), Quote.Tax.NONE).totalMinor()).isZero();
        assertThatThrownBy(() -> Quote.of(500, 1, "USD", new Quote.Discount(null, 100L, "EUR"), Quote.Tax.NONE))
                .isInstanceOf(Problem.class).extracting(p -> ((Problem) p).code()).isEqualTo("currency-mismatch");
    }

    @Test
    void negativePricesFractionsOfACentAndTooManySeatsAreRefused() {
        assertThatThrownBy(() -> Quote.of(-1, 1, "USD", null, Quote.Tax.NONE)).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> Quote.of(100, 101, "USD", null, Quote.Tax.NONE)).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> Money.parse("price", "1.005", "USD")).isInstanceOf(Problem.class).hasMessageContaining("decimals");
        assertThatThrownBy(() -> Money.parse("price", "1.5", "JPY")).isInstanceOf(Problem.class).hasMessageContaining("whole amount");
        assertThat(Money.parse("price", "49.50", "USD")).isEqualTo(4950);
        assertThat(Money.format(4950, "USD")).isEqualTo("49.50 USD");
    }
}
