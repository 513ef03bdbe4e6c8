package io.guildmark.app.payments;

import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.earning.EnrollmentMarkedPaid;
import io.guildmark.app.earning.Enrollments;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * "Mark paid" (an invoice, a bank transfer) stays with staff in earning; the payment it records becomes an offline
 * order with its receipt, in the same transaction, so every purchase is an order.
 */
@Component
class OfflineOrders {

    private final Enrollments enrollments;
    private final Achievements achievements;
    private final TaxSettings taxes;
    private final Orders orders;

    OfflineOrders(Enrollments enrollments, Achievements achievements, TaxSettings taxes, Orders orders) {
        this.enrollments = enrollments;
        this.achievements = achievements;
        this.taxes = taxes;
        this.orders = orders;
    }

    @EventListener
    void on(EnrollmentMarkedPaid paid) {
        Enrollment e = enrollments.find(paid.enrollmentId()).orElseThrow();
        if (e.priceMinor() == null || e.currency() == null) return;
        Quote quote = Quote.of(e.priceMinor(), 1, e.currency(), null, taxes.of(e.organizationId()));
        String name = achievements.latestVersion(e.achievementId()).map(v -> v.definition().name()).orElse("Micro-credential");
        orders.recordOffline(e, paid.markedBy(), name, quote);
    }
}
