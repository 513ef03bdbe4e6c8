package io.guildmark.app.payments;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.google.gson.JsonParseException;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stripe's events for one organization. Each is checked with the organization's webhook endpoint secret (signature
 * and timestamp, by the SDK), acted on once (its id is stored in the same transaction as what it changes), and an
 * event type the platform does not use is accepted and ignored, as Stripe asks of receivers.
 */
@Service
class StripeWebhooks {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

    enum Outcome { HANDLED, DUPLICATE, IGNORED }

    private final JdbcClient db;
    private final Organizations organizations;
    private final StripeConnections connections;
    private final Orders orders;
    private final PaymentSettings settings;
    private final Clock clock;

    StripeWebhooks(JdbcClient db, Organizations organizations, StripeConnections connections, Orders orders, PaymentSettings settings, Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.connections = connections;
        this.orders = orders;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    Outcome receive(String slug, String payload, @Nullable String signature) {
        Organization org = organizations.findBySlug(slug).orElseThrow(() -> Problem.notFound("The organization"));
        StripeConnections.Keys keys = connections.keys(org.id()).orElseThrow(() -> Problem.notFound("The Stripe connection"));
        if (signature == null || signature.isBlank()) throw Problem.invalid("signature-missing", "The Stripe-Signature header is missing.");
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature, keys.webhookSecret(), settings.webhookTolerance().toSeconds(), clock);
        } catch (SignatureVerificationException e) {
            // The SDK refuses a wrong signature and a timestamp outside the tolerance (a replay) alike.
            throw Problem.invalid("signature-invalid", "The Stripe signature does not match this organization's webhook secret,"
                    + " or its timestamp is more than " + settings.webhookTolerance().toSeconds() + " seconds old.");
        } catch (JsonParseException | IllegalStateException e) {
            throw Problem.invalid("payload-invalid", "The body is not a Stripe event.");
        }
        if (event.getId() == null || event.getType() == null || event.getId().length() > 255) {
            throw Problem.invalid("payload-invalid", "The body is not a Stripe event.");
        }
        boolean seen = db.sql("select count(*) from stripe_events where organization_id = ? and event_id = ?")
                .params(org.id(), event.getId()).query(Long.class).single() > 0;
        if (seen) return Outcome.DUPLICATE;
        db.sql("insert into stripe_events (organization_id, event_id, type, received_at) values (?, ?, ?, ?)")
                .params(org.id(), event.getId(), truncate(event.getType(), 100), Timestamp.from(clock.instant())).update();
        return switch (event.getType()) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> completed(org, object(event, Session.class));
            case "checkout.session.expired" -> expired(org, object(event, Session.class));
            case "charge.refunded" -> refunded(org, object(event, Charge.class));
            default -> Outcome.IGNORED;
        };
    }

    private Outcome completed(Organization org, Session session) {
        Optional<Order> found = order(org, session);
        if (found.isEmpty()) {
            log.info("Stripe checkout session {} of {} matches no order; ignored", session.getId(), org.slug());
            return Outcome.IGNORED;
        }
        Order order = found.get();
        if (!"paid".equals(session.getPaymentStatus())) return Outcome.IGNORED; // a delayed method: async_payment_succeeded follows
        if (order.state() == Order.State.PAID || order.state() == Order.State.REFUNDED) return Outcome.IGNORED;
        String currency = session.getCurrency() == null ? "" : session.getCurrency().toUpperCase(Locale.ROOT);
        if (!currency.equals(order.quote().currency()) || session.getAmountTotal() == null
                || session.getAmountTotal() != order.quote().totalMinor()) {
            orders.flag(order, "Stripe reported " + session.getAmountTotal() + " " + currency + " for an order of "
                    + order.quote().totalMinor() + " " + order.quote().currency() + " (minor units); nothing was started.");
            return Outcome.HANDLED;
        }
        orders.paid(order, session.getPaymentIntent());
        return Outcome.HANDLED;
    }

    private Outcome expired(Organization org, Session session) {
        Optional<Order> found = order(org, session);
        found.ifPresent(orders::expired);
        return found.isPresent() ? Outcome.HANDLED : Outcome.IGNORED;
    }

    private Outcome refunded(Organization org, Charge charge) {
        if (charge.getPaymentIntent() == null) return Outcome.IGNORED;
        Optional<Order> found = orders.byPaymentIntent(org.id(), charge.getPaymentIntent());
        if (found.isEmpty()) return Outcome.IGNORED;
        Order order = found.get();
        String currency = charge.getCurrency() == null ? "" : charge.getCurrency().toUpperCase(Locale.ROOT);
        if (!currency.equals(order.quote().currency())) {
            log.warn("Stripe reported a refund in {} of order {} in {}; ignored", currency, order.id(), order.quote().currency());
            return Outcome.IGNORED;
        }
        // amount_refunded is all that was refunded of the charge so far: a partial refund leaves the order paid.
        long refunded = Boolean.TRUE.equals(charge.getRefunded()) ? order.quote().totalMinor()
                : charge.getAmountRefunded() == null ? 0 : Math.max(0, charge.getAmountRefunded());
        String refundId = charge.getRefunds() != null && charge.getRefunds().getData() != null && !charge.getRefunds().getData().isEmpty()
                ? charge.getRefunds().getData().get(0).getId() : null;
        orders.refundedInStripe(order, refundId, refunded);
        return found.isPresent() ? Outcome.HANDLED : Outcome.IGNORED;
    }

    /** The order a session is for: by our id in client_reference_id, and it must be the session we created for it. */
    private Optional<Order> order(Organization org, Session session) {
        if (session.getId() == null) return Optional.empty();
        Optional<Order> bySession = orders.bySession(org.id(), session.getId());
        if (bySession.isPresent()) return bySession;
        try {
            UUID id = UUID.fromString(session.getClientReferenceId() == null ? "" : session.getClientReferenceId());
            // A session we did not store (its creation answer lost) is accepted only if no other session is stored for the order.
            return orders.find(id).filter(o -> o.organizationId().equals(org.id()) && o.checkoutSessionId() == null);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static <T extends StripeObject> T object(Event event, Class<T> type) {
        StripeObject object;
        try {
            Optional<StripeObject> read = event.getDataObjectDeserializer().getObject();
            // An event of another API version than the SDK's: the few fields used here have not changed, so read it anyway.
            object = read.isPresent() ? read.get() : event.getDataObjectDeserializer().deserializeUnsafe();
        } catch (EventDataObjectDeserializationException | RuntimeException e) {
            throw Problem.invalid("payload-invalid", "The event's object could not be read.");
        }
        if (!type.isInstance(object)) throw Problem.invalid("payload-invalid", "The event's object is not what its type says.");
        return type.cast(object);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
