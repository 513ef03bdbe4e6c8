package io.guildmark.app.payments;

import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.catalog.AchievementDefinition;
import io.guildmark.app.catalog.AchievementVersion;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.catalog.MemberTypePrices;
import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.pathways.LearnerPathways;
import io.guildmark.app.pathways.PathwayPrices;
import io.guildmark.app.pathways.PathwayVersion;
import io.guildmark.app.pathways.Pathways;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Paying for an enrollment, seats or a place on a pathway: the quote (price from the roster as enrolling set it, discount, tax), the
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
    private final RosterPricing pricing;
    private final MemberTypePrices memberTypePrices;
    private final Pathways pathways;
    private final PathwayPrices pathwayPrices;
    private final LearnerPathways learnerPathways;

    Checkouts(Enrollments enrollments, Achievements achievements, Organizations organizations, Accounts accounts,
            StripeConnections connections, StripeGateway stripe, TaxSettings taxes, DiscountCodes discountCodes, Orders orders,
            GuildmarkSettings settings, RosterPricing pricing, MemberTypePrices memberTypePrices, Pathways pathways,
            PathwayPrices pathwayPrices, LearnerPathways learnerPathways) {
        this.pricing = pricing;
        this.memberTypePrices = memberTypePrices;
        this.pathways = pathways;
        this.pathwayPrices = pathwayPrices;
        this.learnerPathways = learnerPathways;
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
        return order(person, org, new Orders.Item(Order.Kind.ENROLLMENT, e.achievementId(), null, name(e.achievementId()), e.id(), null),
                e.priceMinor(), 1, e.currency(), discountCode);
    }

    /**
     * Seats are priced by the buyer's place on the association's roster, as enrolling is: an employer that is a member
     * organization (the buyer's verified address on the roster) pays its member-type or member price, anyone else the
     * non-member price (the member price when there is no other).
     */
    Preview seats(Actor.Person person, UUID achievementId, int quantity) {
        Seating seating = seating(person, achievementId);
        Quote quote = Quote.of(seating.priced().priceMinor(), quantity, seating.version().definition().currency(), null, taxes.of(seating.org().id()));
        return new Preview(seating.org(), seating.version().definition().name(), quote, connections.connected(seating.org().id()), null);
    }

    @Transactional
    Order paySeats(Actor.Person person, UUID achievementId, int quantity, @Nullable String discountCode) {
        Seating seating = seating(person, achievementId);
        return order(person, seating.org(), new Orders.Item(Order.Kind.SEATS, achievementId, null, seating.version().definition().name(), null,
                seating.priced()), seating.priced().priceMinor(), quantity, seating.version().definition().currency(), discountCode);
    }

    private record Seating(Organization org, AchievementVersion version, RosterPricing.Priced priced) {}

    private Seating seating(Actor.Person person, UUID achievementId) {
        AchievementVersion version = achievements.latestPublished(achievementId).filter(AchievementVersion::awardable)
                .orElseThrow(() -> Problem.notFound("The micro-credential"));
        Organization org = organizations.findById(version.organizationId()).orElseThrow(() -> Problem.notFound("The micro-credential"));
        AchievementDefinition d = version.definition();
        RosterPricing.Priced priced = pricing.price(org.id(), person, new RosterPricing.Prices(d.memberPrice(), d.nonMemberPrice(),
                        type -> memberTypePrices.priceFor(achievementId, type)))
                .orElseThrow(() -> Problem.conflict("free", "This micro-credential is free for you: anyone can enroll without a seat."));
        return new Seating(org, version, priced);
    }

    // ---- Pathways ---------------------------------------------------------------------------------------------------

    /**
     * A place on a priced pathway: the price by the buyer's place on the roster (member type, member, non-member).
     * Empty when there is nothing to pay: the pathway is free for this buyer, or a paid order of theirs for it stands
     * (then they are put on it without a new charge).
     */
    @Transactional
    Optional<Preview> pathway(Actor.Person person, UUID pathwayId) {
        PathwayVersion version = pathways.published(pathwayId).orElseThrow(() -> Problem.notFound("The pathway"));
        Organization org = organizations.findById(version.organizationId()).orElseThrow(() -> Problem.notFound("The pathway"));
        if (alreadyPaidForPathway(person, pathwayId)) return Optional.empty();
        PathwayPrices.Prices prices = pathwayPrices.of(pathwayId);
        Optional<RosterPricing.Priced> priced = pathwayPrice(org, person, prices);
        if (priced.isEmpty()) {
            // Free for this buyer (their member type's price is zero): their place counts as paid.
            learnerPathways.startPaid(pathwayId, person.email(), person.userId());
            return Optional.empty();
        }
        Quote quote = Quote.of(priced.get().priceMinor(), 1, prices.currency(), null, taxes.of(org.id()));
        return Optional.of(new Preview(org, version.name(), quote, connections.connected(org.id()), null));
    }

    /** Makes the order of a pathway place and its Checkout Session; the place starts when Stripe's webhook confirms. */
    @Transactional
    Order payPathway(Actor.Person person, UUID pathwayId, @Nullable String discountCode) {
        PathwayVersion version = pathways.published(pathwayId).orElseThrow(() -> Problem.notFound("The pathway"));
        Organization org = organizations.findById(version.organizationId()).orElseThrow(() -> Problem.notFound("The pathway"));
        Optional<Order> paid = orders.paidForPathway(pathwayId, person.userId());
        if (paid.isPresent()) {
            learnerPathways.startPaid(pathwayId, person.email(), person.userId());
            return paid.get();
        }
        if (learnerPathways.learner(pathwayId, person.email()).filter(l -> l.paid()).isPresent()) {
            throw Problem.conflict("nothing-due", "Your place on \"" + version.name() + "\" is paid for already.");
        }
        PathwayPrices.Prices prices = pathwayPrices.of(pathwayId);
        RosterPricing.Priced priced = pathwayPrice(org, person, prices)
                .orElseThrow(() -> Problem.conflict("free", "This pathway is free for you: start it from its page."));
        return order(person, org, new Orders.Item(Order.Kind.PATHWAY, null, pathwayId, version.name(), null, priced), priced.priceMinor(), 1,
                prices.currency(), discountCode);
    }

    /** A paid, unrefunded order of the buyer for the pathway: starting again never charges twice. */
    private boolean alreadyPaidForPathway(Actor.Person person, UUID pathwayId) {
        if (learnerPathways.learner(pathwayId, person.email()).filter(l -> l.paid()).isPresent()) return true;
        if (orders.paidForPathway(pathwayId, person.userId()).isEmpty()) return false;
        learnerPathways.startPaid(pathwayId, person.email(), person.userId());
        return true;
    }

    private Optional<RosterPricing.Priced> pathwayPrice(Organization org, Actor.Person person, PathwayPrices.Prices prices) {
        if (!prices.priced()) return Optional.empty();
        return pricing.price(org.id(), person, new RosterPricing.Prices(prices.memberPrice(), prices.nonMemberPrice(), prices::forType));
    }

    private Order order(Actor.Person person, Organization org, Orders.Item item, @Nullable Long price, int quantity, @Nullable String currency,
            @Nullable String discountCode) {
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
        Order order = orders.create(org.id(), quote.totalMinor() == 0 ? Order.Method.FREE : Order.Method.STRIPE, person, buyerName, item, quote, code);
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

    private String name(UUID achievementId) {
        return achievements.latestVersion(achievementId).map(v -> v.definition().name()).orElse("Micro-credential");
    }
}
