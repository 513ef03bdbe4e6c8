package io.guildmark.app.payments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.pathways.LearnerPathways;
import io.guildmark.app.shared.Money;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.AuditTrail;
import io.guildmark.app.shared.ListOrder;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListWhere;
import io.guildmark.app.shared.Listings;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The orders: stored when made, paid when Stripe confirms (or staff record an offline payment), refunded by staff or
 * in Stripe. Paying starts the enrollment or opens the seats; a payment that can no longer start anything is refunded.
 */
@Service
class Orders {

    static final ListOrder NEWEST = ListOrder.descending("newest", ListOrder.instant("created_at"), ListOrder.uuid("id"));

    private final JdbcClient db;
    private final Organizations organizations;
    private final Enrollments enrollments;
    private final LearnerPathways learnerPathways;
    private final StripeConnections connections;
    private final StripeGateway stripe;
    private final DiscountCodes discountCodes;
    private final Receipts receipts;
    private final Listings listings;
    private final AuditTrail audit;
    private final Clock clock;

    Orders(JdbcClient db, Organizations organizations, Enrollments enrollments, LearnerPathways learnerPathways, StripeConnections connections, StripeGateway stripe,
            DiscountCodes discountCodes, Receipts receipts, Listings listings, AuditTrail audit, Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.enrollments = enrollments;
        this.learnerPathways = learnerPathways;
        this.connections = connections;
        this.stripe = stripe;
        this.discountCodes = discountCodes;
        this.receipts = receipts;
        this.listings = listings;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What an order is for: a micro-credential (an enrollment or seats) or a pathway, and the member type that priced it
     * (copied from the enrollment for an enrollment's order).
     */
    record Item(Order.Kind kind, @Nullable UUID achievementId, @Nullable UUID pathwayId, String name, @Nullable UUID enrollmentId,
            RosterPricing.@Nullable Priced priced) {}

    /** Stores a new order, pending payment. */
    Order create(UUID organizationId, Order.Method method, Actor.Person buyer, String buyerName, Item item, Quote quote,
            DiscountCodes.@Nullable Code code) {
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into orders (id, organization_id, kind, method, state, buyer_user_id, buyer_email, buyer_name, achievement_id, pathway_id,
                  item_name, enrollment_id, quantity, unit_price_minor, subtotal_minor, discount_code_id, discount_code, discount_minor, tax_label,
                  tax_rate_bps, tax_inclusive, tax_minor, total_minor, currency, created_at, buyer_member, buyer_member_type)
                values (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, organizationId, item.kind().id(), method.id(), buyer.userId(), buyer.email(), truncate(buyerName, 200), item.achievementId(),
                        item.pathwayId(), truncate(item.name(), 300), item.enrollmentId(), quote.quantity(), quote.unitPriceMinor(), quote.subtotalMinor(),
                        code == null ? null : code.id(), code == null ? null : code.code(), quote.discountMinor(), quote.taxLabel(),
                        quote.taxRateBps(), quote.taxInclusive(), quote.taxMinor(), quote.totalMinor(), quote.currency(),
                        Timestamp.from(clock.instant()), item.priced() == null ? null : item.priced().member(),
                        item.priced() == null ? null : item.priced().memberType())
                .update();
        if (item.enrollmentId() != null) memberTypeOfEnrollment(id);
        return require(id);
    }

    /** An enrollment's order is reported under the member type that priced the enrollment. */
    private void memberTypeOfEnrollment(UUID orderId) {
        db.sql("""
                update orders set buyer_member = (select e.buyer_member from enrollments e where e.id = orders.enrollment_id),
                  buyer_member_type = (select e.buyer_member_type from enrollments e where e.id = orders.enrollment_id)
                where id = ?""").param(orderId).update();
    }

    void checkoutStarted(UUID orderId, StripeGateway.CheckoutSession session) {
        db.sql("update orders set checkout_session_id = ?, checkout_url = ? where id = ?").params(session.id(), session.url(), orderId).update();
    }

    Optional<Order> find(UUID id) {
        return db.sql("select * from orders where id = ?").param(id).query(Orders::row).optional();
    }

    Order require(UUID id) {
        return find(id).orElseThrow(() -> Problem.notFound("The order"));
    }

    /** One of the person's own orders; anyone else's reads as not found. */
    Order mine(Actor.Person person, UUID id) {
        return find(id).filter(o -> person.userId().equals(o.buyerUserId())).orElseThrow(() -> Problem.notFound("The order"));
    }

    /** One of the organization's orders, for staff who may see its learners. */
    Order inOrganization(Actor actor, String slug, UUID id) {
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        return find(id).filter(o -> o.organizationId().equals(org.id())).orElseThrow(() -> Problem.notFound("The order"));
    }

    /** The paid (not refunded) order of an enrollment, if it has one. */
    Optional<Order> paidFor(UUID enrollmentId) {
        return db.sql("select * from orders where enrollment_id = ? and state = 'paid' order by paid_at desc")
                .param(enrollmentId).query(Orders::row).stream().findFirst();
    }

    /** The buyer's paid (not wholly refunded) order of a place on the pathway, if they have one. */
    Optional<Order> paidForPathway(UUID pathwayId, UUID buyerUserId) {
        return db.sql("select * from orders where pathway_id = ? and buyer_user_id = ? and kind = 'pathway' and state = 'paid' order by paid_at desc")
                .params(pathwayId, buyerUserId).query(Orders::row).stream().findFirst();
    }

    Optional<Order> bySession(UUID organizationId, String sessionId) {
        return db.sql("select * from orders where organization_id = ? and checkout_session_id = ?").params(organizationId, sessionId)
                .query(Orders::row).optional();
    }

    Optional<Order> byPaymentIntent(UUID organizationId, String paymentIntentId) {
        return db.sql("select * from orders where organization_id = ? and payment_intent_id = ?").params(organizationId, paymentIntentId)
                .query(Orders::row).stream().findFirst();
    }

    /**
     * Records the payment and acts on it: starts the enrollment, or opens the seats, and sends the receipt. An
     * enrollment withdrawn (or paid otherwise) meanwhile is not started: the payment is refunded, or flagged for staff
     * when the refund fails. Answers the order as it now stands.
     */
    Order paid(Order order, @Nullable String paymentIntentId) {
        int changed = db.sql("update orders set state = 'paid', paid_at = ?, payment_intent_id = ? where id = ? and state in ('pending', 'expired')")
                .params(Timestamp.from(clock.instant()), paymentIntentId, order.id()).update();
        if (changed == 0) return require(order.id()); // already acted on
        if (order.state() == Order.State.EXPIRED && order.discountCodeId() != null) {
            // Its use was given back when it expired; a late payment takes it again (even past the limit: the money is in).
            db.sql("update discount_codes set uses = uses + 1 where id = ?").param(order.discountCodeId()).update();
        }
        if (order.kind() == Order.Kind.ENROLLMENT && order.enrollmentId() != null && !enrollments.confirmPayment(order.enrollmentId())) {
            Enrollment e = enrollments.find(order.enrollmentId()).orElse(null);
            String why = e == null || e.state() == Enrollment.State.WITHDRAWN
                    ? "The enrollment was withdrawn before the payment arrived"
                    : "The enrollment had already been paid for";
            return refundUnstartable(require(order.id()), why);
        }
        if (order.kind() == Order.Kind.PATHWAY && order.pathwayId() != null
                && !learnerPathways.startPaid(order.pathwayId(), order.buyerEmail(), order.buyerUserId())) {
            return refundUnstartable(require(order.id()), "The buyer already had a paid place on the pathway");
        }
        if (order.kind() == Order.Kind.SEATS) {
            for (int i = 1; i <= order.quote().quantity(); i++) {
                db.sql("insert into order_seats (id, order_id, position) values (?, ?, ?)").params(UUID.randomUUID(), order.id(), i).update();
            }
        }
        Order now = require(order.id());
        receipts.send(now);
        return now;
    }

    private Order refundUnstartable(Order order, String why) {
        if (order.method() == Order.Method.STRIPE && order.paymentIntentId() != null) {
            Optional<StripeConnections.Keys> keys = connections.keys(order.organizationId());
            try {
                if (keys.isEmpty()) throw Problem.conflict("payments-not-connected", "Stripe is no longer connected.");
                String refundId = stripe.refund(keys.get().secretKey(), order.paymentIntentId(), order.id(), null, 0);
                recordRefund(order, order.quote().totalMinor(), refundId, null, why);
                markRefunded(order, refundId, why + "; refunded.");
            } catch (Problem failed) {
                db.sql("update orders set state = 'flagged', state_note = ? where id = ?")
                        .params(truncate(why + "; the refund failed: " + failed.getMessage() + " Refund it in Stripe.", 300), order.id()).update();
            }
        } else {
            db.sql("update orders set state = 'flagged', state_note = ? where id = ?").params(truncate(why + ".", 300), order.id()).update();
        }
        audit.record(null, order.organizationId(), "payments.order-not-started", "order", order.id(), Map.of("reason", why));
        return require(order.id());
    }

    /** Records one refund (whole or part) and adds it to what went back; answers its id, or null if that would exceed the total. */
    private @Nullable UUID recordRefund(Order order, long amountMinor, @Nullable String stripeRefundId, @Nullable UUID by, @Nullable String reason) {
        int added = db.sql("update orders set refunded_minor = refunded_minor + ? where id = ? and refunded_minor + ? <= total_minor")
                .params(amountMinor, order.id(), amountMinor).update();
        if (added == 0) return null;
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into refunds (id, organization_id, order_id, amount_minor, currency, stripe_refund_id, refunded_at, refunded_by, reason)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, order.organizationId(), order.id(), amountMinor, order.quote().currency(), stripeRefundId,
                        Timestamp.from(clock.instant()), by, reason).update();
        return id;
    }

    /** Answers false when the order was no longer paid (a concurrent refund, Stripe's event for our own refund). */
    private boolean markRefunded(Order order, @Nullable String refundId, @Nullable String note) {
        return db.sql("""
                update orders set state = 'refunded', refunded_at = ?, refund_id = coalesce(?, refund_id), state_note = coalesce(?, state_note)
                where id = ? and state = 'paid'""")
                .params(Timestamp.from(clock.instant()), refundId, note, order.id()).update() == 1;
    }

    /** Stripe reported a flagged mismatch: the order waits for staff, nothing is started. */
    void flag(Order order, String why) {
        db.sql("update orders set state = 'flagged', state_note = ? where id = ? and state = 'pending'").params(truncate(why, 300), order.id()).update();
        audit.record(null, order.organizationId(), "payments.order-flagged", "order", order.id(), Map.of("reason", why));
    }

    /** The checkout lapsed unpaid: the discount code's use is given back. */
    void expired(Order order) {
        int changed = db.sql("update orders set state = 'expired' where id = ? and state = 'pending'").param(order.id()).update();
        if (changed == 1 && order.discountCodeId() != null) discountCodes.giveBack(order.discountCodeId());
    }

    /**
     * Staff refund a paid order in full: through Stripe when it was paid there, as a record when it was paid offline.
     * A refunded enrollment is withdrawn, a pathway place given up; a seats order is refunded only while no seat has been taken.
     */
    @Transactional
    Order refund(Actor actor, String slug, UUID orderId) {
        return refund(actor, slug, orderId, (String) null);
    }

    /**
     * Refunds part of a paid order ({@code amount} in the major unit, such as "10.50"; blank or null: all that is left).
     * A partial refund leaves the order paid and the enrollment or place as it is; the refund that brings the total back
     * to zero refunds the order. An amount that is negative, zero, finer than the currency's smallest unit or more than
     * is left to refund is refused on the field, and nothing is changed.
     */
    @Transactional
    Order refund(Actor actor, String slug, UUID orderId, @Nullable String amount) {
        return refund(actor, slug, orderId, new RefundRequest(amount, null, null)).order();
    }

    /**
     * What staff ask to refund: {@code amount} in the major unit (blank: all that is left), {@code currency} if the
     * caller names one (it must be the order's), {@code reason} optional, at most {@value #MAX_REASON} characters.
     */
    record RefundRequest(@Nullable String amount, @Nullable String currency, @Nullable String reason) {}

    /** One refund (whole or part) of an order, as recorded. */
    record Refund(UUID id, UUID orderId, long amountMinor, String currency, @Nullable String stripeRefundId, Instant refundedAt,
            @Nullable UUID refundedBy, @Nullable String reason) {}

    /** The refund made and the order as it now stands. */
    record Refunded(Refund refund, Order order) {}

    static final int MAX_REASON = 500;
    /** Each partial refund is a row; an order takes at most this many, so its refunds are one short list. */
    static final int MAX_REFUNDS_PER_ORDER = 50;

    /**
     * The one refund path, for the staff page and the API. Refunds part or all of a paid order. A partial refund leaves
     * the order paid and the enrollment or place as it is; the refund that brings the total back to zero refunds the
     * order. Refused on the field, changing nothing: an amount that is negative, zero, finer than the currency's
     * smallest unit or more than is left, another currency than the order's, a reason over {@value #MAX_REASON} characters.
     */
    @Transactional
    Refunded refund(Actor actor, String slug, UUID orderId, RefundRequest request) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        Order order = find(orderId).filter(o -> o.organizationId().equals(org.id())).orElseThrow(() -> Problem.notFound("The order"));
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        if (reason != null && reason.length() > MAX_REASON) throw Problem.invalidField("reason", "Keep the reason under " + MAX_REASON + " characters.");
        if (request.currency() != null && !request.currency().isBlank()
                && !request.currency().strip().equalsIgnoreCase(order.quote().currency())) {
            throw Problem.invalidField("currency", "This order was paid in " + order.quote().currency().toUpperCase(Locale.ROOT)
                    + "; a refund is in the order's currency.");
        }
        if (order.state() != Order.State.PAID) throw Problem.conflict("not-paid", "Only a paid order can be refunded; this one is " + order.state().id() + ".");
        String amount = request.amount();
        if (amount != null && amount.length() > 40) throw Problem.invalidField("amount", "Give the amount as a number, such as 10.50.");
        long left = order.refundableMinor();
        long minor = amount == null || amount.isBlank() ? left : Money.parse("amount", amount, order.quote().currency());
        if (minor <= 0) throw Problem.invalidField("amount", "Refund more than nothing.");
        if (minor > left) {
            throw Problem.invalidField("amount", "At most " + order.quote().formatted(left) + " is left to refund on this order.");
        }
        boolean whole = minor == left;
        if (!whole && db.sql("select count(*) from refunds where order_id = ?").param(order.id()).query(Long.class).single() >= MAX_REFUNDS_PER_ORDER - 1) {
            throw Problem.conflict("too-many-refunds", "This order has been refunded in " + (MAX_REFUNDS_PER_ORDER - 1)
                    + " parts already; refund all that is left instead.");
        }
        if (whole && order.kind() == Order.Kind.SEATS && db.sql("select count(*) from order_seats where order_id = ? and accepted_at is not null")
                .param(order.id()).query(Long.class).single() > 0) {
            throw Problem.conflict("seats-taken", "Some seats of this order have been taken; withdraw those learners and refund in Stripe.");
        }
        String refundId = null;
        if (order.method() == Order.Method.STRIPE) {
            StripeConnections.Keys keys = connections.keys(org.id())
                    .orElseThrow(() -> Problem.conflict("payments-not-connected", "Connect Stripe again to refund through it."));
            if (order.paymentIntentId() == null) throw Problem.conflict("no-payment", "Stripe has not told us the payment of this order.");
            refundId = stripe.refund(keys.secretKey(), order.paymentIntentId(), order.id(), whole && order.refundedMinor() == 0 ? null : minor,
                    order.refundedMinor());
        }
        UUID recorded = recordRefund(order, minor, refundId, actor instanceof Actor.Person p ? p.userId() : null, reason);
        if (recorded == null) throw Problem.conflict("not-paid", "This order was refunded meanwhile.");
        if (whole) {
            if (!markRefunded(order, refundId, null)) throw Problem.conflict("not-paid", "This order was refunded meanwhile.");
            afterRefund(order);
        } else if (refundId != null) {
            db.sql("update orders set refund_id = ? where id = ?").params(refundId, order.id()).update();
        }
        Map<String, Object> details = new java.util.LinkedHashMap<>(Map.of("amount", order.quote().formatted(minor), "total", order.total(),
                "method", order.method().id(), "buyer", order.buyerEmail()));
        if (reason != null) details.put("reason", reason);
        audit.record(actor, org.id(), whole ? "payments.order-refunded" : "payments.order-partly-refunded", "order", order.id(), details);
        return new Refunded(refundsOf(order.id()).stream().filter(r -> r.id().equals(recorded)).findFirst().orElseThrow(), require(order.id()));
    }

    /** The order's refunds, oldest first (at most {@value #MAX_REFUNDS_PER_ORDER} made by staff, plus Stripe's own). */
    java.util.List<Refund> refundsOf(UUID orderId) {
        return db.sql("select * from refunds where order_id = ? order by refunded_at, id").param(orderId).query(Orders::refundRow).list();
    }

    /** The refunds of a page of orders, by order, oldest first: one query for the page. */
    java.util.Map<UUID, java.util.List<Refund>> refundsOf(java.util.Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) return java.util.Map.of();
        java.util.Map<UUID, java.util.List<Refund>> byOrder = new java.util.HashMap<>();
        db.sql("select * from refunds where order_id in (:orders) order by refunded_at, id").param("orders", orderIds)
                .query(Orders::refundRow).list().forEach(r -> byOrder.computeIfAbsent(r.orderId(), o -> new java.util.ArrayList<>()).add(r));
        return byOrder;
    }

    private static Refund refundRow(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Refund(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class), rs.getLong("amount_minor"), rs.getString("currency"),
                rs.getString("stripe_refund_id"), rs.getTimestamp("refunded_at").toInstant(), rs.getObject("refunded_by", UUID.class),
                rs.getString("reason"));
    }

    /** The refund button of the Learners list: the enrollment's paid order. */
    @Transactional
    Order refundEnrollment(Actor actor, String slug, UUID enrollmentId) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        Order order = paidFor(enrollmentId).filter(o -> o.organizationId().equals(org.id()))
                .orElseThrow(() -> Problem.conflict("no-paid-order", "This enrollment has no paid order to refund (a seat is refunded with its employer's order)."));
        return refund(actor, slug, order.id());
    }

    /**
     * Stripe says (part of) the charge was refunded, from its dashboard or our own refund coming back: {@code refundedTotal}
     * is all Stripe has refunded of it so far. What is new is recorded; only a whole refund refunds the order.
     */
    void refundedInStripe(Order order, @Nullable String refundId, long refundedTotal) {
        if (order.state() != Order.State.PAID) return;
        long fresh = Math.min(refundedTotal, order.quote().totalMinor()) - order.refundedMinor();
        if (fresh > 0) recordRefund(order, fresh, refundId, null, "Refunded in Stripe.");
        if (refundedTotal < order.quote().totalMinor()) {
            if (fresh > 0) {
                audit.record(null, order.organizationId(), "payments.order-partly-refunded", "order", order.id(),
                        Map.of("amount", order.quote().formatted(fresh), "via", "stripe"));
            }
            return;
        }
        if (!markRefunded(order, refundId, "Refunded in Stripe.")) return;
        afterRefund(order);
        audit.record(null, order.organizationId(), "payments.order-refunded", "order", order.id(), Map.of("total", order.total(), "via", "stripe"));
    }

    private void afterRefund(Order order) {
        if (order.kind() == Order.Kind.ENROLLMENT && order.enrollmentId() != null) enrollments.paymentRefunded(order.enrollmentId());
        if (order.kind() == Order.Kind.PATHWAY && order.pathwayId() != null) learnerPathways.paymentRefunded(order.pathwayId(), order.buyerEmail());
        if (order.kind() == Order.Kind.SEATS) db.sql("update order_seats set token_hash = null where order_id = ? and accepted_at is null").param(order.id()).update();
    }

    /** Staff marked an enrollment paid: the offline payment is an order too, with its receipt. */
    void recordOffline(Enrollment e, @Nullable UUID markedBy, String itemName, Quote quote) {
        if (paidFor(e.id()).isPresent()) return;
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        db.sql("""
                insert into orders (id, organization_id, kind, method, state, state_note, buyer_user_id, buyer_email, buyer_name, achievement_id,
                  item_name, enrollment_id, quantity, unit_price_minor, subtotal_minor, discount_minor, tax_label, tax_rate_bps, tax_inclusive,
                  tax_minor, total_minor, currency, created_at, paid_at)
                values (?, ?, 'enrollment', 'offline', 'paid', ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, e.organizationId(), "Marked paid by staff" + (markedBy == null ? "" : "."), e.userId(), e.email(), truncate(e.name(), 200),
                        e.achievementId(), truncate(itemName, 300), e.id(), quote.unitPriceMinor(), quote.subtotalMinor(), quote.taxLabel(),
                        quote.taxRateBps(), quote.taxInclusive(), quote.taxMinor(), quote.totalMinor(), quote.currency(), now, now)
                .update();
        memberTypeOfEnrollment(id);
        receipts.send(require(id));
    }

    /** The organization's orders, newest first, a page at a time by position; for staff. */
    ListPage<Order> forOrganization(Actor actor, String slug, Order.@Nullable State state, int offset, int limit) {
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        if (offset < 0) throw Problem.invalidField("offset", "The offset cannot be negative.");
        return listings.pageAt(source(org.id(), state), NEWEST, offset, limit, Orders::row);
    }

    /** The same, after the cursor of the previous page; for the API. */
    ListPage<Order> list(Actor actor, String slug, Order.@Nullable State state, int limit, @Nullable String cursor) {
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        return listings.page(source(org.id(), state), NEWEST, limit, cursor, Orders::row);
    }

    private static Listings.Source source(UUID organizationId, Order.@Nullable State state) {
        ListWhere where = ListWhere.of("organization_id = ?", organizationId).equal("state", state == null ? null : state.id());
        return new Listings.Source("orders", "*", "orders", where).scopedBy("organization_id");
    }

    /** The person's own orders, newest first. */
    ListPage<Order> mine(Actor.Person person, int offset, int limit) {
        if (offset < 0) throw Problem.invalidField("offset", "The offset cannot be negative.");
        ListWhere where = ListWhere.of("buyer_user_id = ?", person.userId());
        return listings.pageAt(new Listings.Source("my-orders", "*", "orders", where).scopedBy("buyer_user_id"), NEWEST, offset, limit, Orders::row);
    }

    static Order row(ResultSet rs, int n) throws SQLException {
        String currency = rs.getString("currency");
        Quote quote = new Quote(rs.getLong("unit_price_minor"), rs.getInt("quantity"), rs.getLong("subtotal_minor"), rs.getLong("discount_minor"),
                rs.getInt("tax_rate_bps"), rs.getBoolean("tax_inclusive"), rs.getString("tax_label"), rs.getLong("tax_minor"),
                rs.getLong("total_minor"), currency);
        return new Order(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                Order.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), Order.Method.valueOf(rs.getString("method").toUpperCase(Locale.ROOT)),
                Order.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)), rs.getString("state_note"),
                rs.getObject("buyer_user_id", UUID.class), rs.getString("buyer_email"), rs.getString("buyer_name"),
                rs.getObject("achievement_id", UUID.class), rs.getObject("pathway_id", UUID.class), rs.getString("item_name"), rs.getObject("enrollment_id", UUID.class), quote,
                rs.getObject("discount_code_id", UUID.class), rs.getString("discount_code"), rs.getString("checkout_session_id"),
                rs.getString("checkout_url"), rs.getString("payment_intent_id"), rs.getString("refund_id"), instant(rs, "created_at"),
                instantOrNull(rs, "paid_at"), instantOrNull(rs, "refunded_at"), rs.getLong("refunded_minor"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    private static @Nullable Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
