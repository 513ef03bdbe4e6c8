package io.guildmark.app.payments;

import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.catalog.AchievementDefinition;
import io.guildmark.app.catalog.AchievementVersion;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Paying for an enrollment or for seats: the quote (price from the roster as enrolling set it, discount, tax), the
 * order, and the Stripe Checkout Session the buyer is sent to. Nothing starts here: Stripe's webhook starts it.
 */
@Service
class Checkouts {

    /** What the checkout page shows before the buyer pays. */
    public record Preview(Organization organization, String itemName, Quote quote, boolean connected, @Nullable Enrollment enrollment) {}

    private final Enrollments enrollments;
    private final Achievements achievements;
    private final Organizations organizations;
    private final Accounts accounts;
    private final StripeConnections connections;
    private final StripeGateway stripe;
    private final TaxSettings taxes;
    private final DiscountCodes discountCodes;
    private final Orders orders;
    private final GuildmarkSettings settings;

    Checkouts(Enrollments enrollments, Achievements achievements, Organizations organizations, Accounts accounts,
            StripeConnections connections, StripeGateway stripe, TaxSettings taxes, DiscountCodes discountCodes, Orders orders,
            GuildmarkSettings settings) {
        this.enrollments = enrollments;
        this.achievements = achievements;
        this.organizations = organizations;
        this.accounts = accounts;
        this.connections = connections;
        this.stripe = stripe;
        this.taxes = taxes;
        this.discountCodes = discountCodes;
        this.orders = orders;
        this.settings = settings;
    }

    /** The person's enrollment with a payment due, priced; a paid order of it is reused instead (answered as empty). */
    @Transactional
    Optional<Preview> enrollment(Actor.Person person, UUID enrollmentId) {
        Enrollment e = enrollments.mine(person, enrollmentId).enrollment();
        if (reusePaidOrder(e)) return Optional.empty();
        requireDue(e);
        Organization org = organizations.findById(e.organizationId()).orElseThrow();
        Quote quote = Quote.of(e.priceMinor(), 1, e.currency(), null, taxes.of(org.id()));
        return Optional.of(new Preview(org, name(e.achievementId()), quote, connections.connected(org.id()), e));
    }

    /**
     * Makes the order of the enrollment and its Checkout Session; answers the order (pending, with the address to pay
     * at, or already paid when a discount covered it all). Refused, storing nothing, on a bad discount code or price.
     */
    @Transactional
    Order payEnrollment(Actor.Person person, UUID enrollmentId, @Nullable String discountCode) {
        Enrollment e = enrollments.mine(person, enrollmentId).enrollment();
        if (reusePaidOrder(e)) return orders.paidFor(e.id()).orElseThrow();
        requireDue(e);
        Organization org = organizations.findById(e.organizationId()).orElseThrow();
        return order(person, org, Order.Kind.ENROLLMENT, e.achievementId(), e.id(), e.priceMinor(), 1, e.currency(), discountCode);
    }

    /** Seats are sold at the non-member price (the member price when there is no other): the employer is not a member. */
    Preview seats(Actor.Person person, UUID achievementId, int quantity) {
        AchievementVersion version = achievements.latestPublished(achievementId).filter(AchievementVersion::awardable)
                .orElseThrow(() -> Problem.notFound("The micro-credential"));
        Organization org = organizations.findById(version.organizationId()).orElseThrow(() -> Problem.notFound("The micro-credential"));
        long price = seatPrice(version.definition());
        Quote quote = Quote.of(price, quantity, version.definition().currency(), null, taxes.of(org.id()));
        return new Preview(org, version.definition().name(), quote, connections.connected(org.id()), null);
    }

    @Transactional
    Order paySeats(Actor.Person person, UUID achievementId, int quantity, @Nullable String discountCode) {
        Preview preview = seats(person, achievementId, quantity);
        AchievementVersion version = achievements.latestPublished(achievementId).orElseThrow();
        return order(person, preview.organization(), Order.Kind.SEATS, achievementId, null, seatPrice(version.definition()), quantity,
                version.definition().currency(), discountCode);
    }

    private Order order(Actor.Person person, Organization org, Order.Kind kind, UUID achievementId, @Nullable UUID enrollmentId,
            @Nullable Long price, int quantity, @Nullable String currency, @Nullable String discountCode) {
        if (price == null || currency == null) throw Problem.conflict("free", "This micro-credential is free: there is nothing to pay.");
        DiscountCodes.Code code = discountCode == null || discountCode.isBlank() ? null : discountCodes.usable(org.id(), discountCode);
        Quote quote = Quote.of(price, quantity, currency, code == null ? null : code.discount(), taxes.of(org.id()));
        Optional<StripeConnections.Keys> keys = connections.keys(org.id());
        if (quote.totalMinor() > 0 && keys.isEmpty()) {
            throw Problem.conflict("payments-not-connected", org.name() + " does not take payment online; it confirms your payment"
                    + " (an invoice, a bank transfer) and then you can start.");
        }
        if (code != null) discountCodes.take(code);
        String buyerName = accounts.find(person.userId()).map(u -> u.name()).orElse(person.email());
        Order order = orders.create(org.id(), kind, quote.totalMinor() == 0 ? Order.Method.FREE : Order.Method.STRIPE, person, buyerName,
                achievementId, name(achievementId), enrollmentId, quote, code);
        if (quote.totalMinor() == 0) return orders.paid(order, null);
        StripeGateway.CheckoutSession session = stripe.checkout(keys.get().secretKey(), order,
                settings.url("/payments/orders/" + order.id() + "/return"), settings.url("/payments/orders/" + order.id() + "/cancelled"));
        orders.checkoutStarted(order.id(), session);
        return orders.require(order.id());
    }

    /** Withdrawing and enrolling again never charges twice: a paid, unrefunded order of the enrollment is used again. */
    private boolean reusePaidOrder(Enrollment e) {
        if (!e.paymentDue() || !e.active()) return false;
        if (orders.paidFor(e.id()).isEmpty()) return false;
        return enrollments.confirmPayment(e.id());
    }

    private static void requireDue(Enrollment e) {
        if (!e.active()) throw Problem.conflict("not-active", "This enrollment was withdrawn: enroll again to pay for it.");
        if (!e.paymentDue()) throw Problem.conflict("nothing-due", "This enrollment has no payment due.");
    }

    private static long seatPrice(AchievementDefinition definition) {
        Long price = definition.nonMemberPrice() != null ? definition.nonMemberPrice() : definition.memberPrice();
        if (price == null || price <= 0) throw Problem.conflict("free", "This micro-credential is free: anyone can enroll without a seat.");
        return price;
    }

    private String name(UUID achievementId) {
        return achievements.latestVersion(achievementId).map(v -> v.definition().name()).orElse("Micro-credential");
    }
}
