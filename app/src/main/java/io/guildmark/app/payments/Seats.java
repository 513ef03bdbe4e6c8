package io.guildmark.app.payments;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.accounts.EmailAddresses;
import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.notifications.Mailer;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seats an employer bought for its staff: the buyer assigns each to an e-mail address, the invitee gets a link, and
 * accepting it (signed in with that address) starts their enrollment, paid by the seat.
 */
@Service
class Seats {

    public record Seat(UUID id, int position, @Nullable String email, @Nullable Instant assignedAt, @Nullable Instant acceptedAt) {}

    private final JdbcClient db;
    private final Orders orders;
    private final Enrollments enrollments;
    private final EmailAddresses emailAddresses;
    private final Organizations organizations;
    private final Mailer mailer;
    private final GuildmarkSettings settings;
    private final Clock clock;

    Seats(JdbcClient db, Orders orders, Enrollments enrollments, EmailAddresses emailAddresses, Organizations organizations, Mailer mailer,
            GuildmarkSettings settings, Clock clock) {
        this.db = db;
        this.orders = orders;
        this.enrollments = enrollments;
        this.emailAddresses = emailAddresses;
        this.organizations = organizations;
        this.mailer = mailer;
        this.settings = settings;
        this.clock = clock;
    }

    /** The seats of one of the person's own orders (at most {@value Quote#MAX_QUANTITY}). */
    List<Seat> of(Actor.Person buyer, UUID orderId) {
        Order order = orders.mine(buyer, orderId);
        return db.sql("select id, position, email, assigned_at, accepted_at from order_seats where order_id = ? order by position")
                .param(order.id())
                .query((rs, n) -> new Seat(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), instant(rs.getTimestamp(4)),
                        instant(rs.getTimestamp(5)))).list();
    }

    /** Assigns the next free seat to the address and e-mails the invitee their link; an address holds one seat per order. */
    @Transactional
    Seat assign(Actor.Person buyer, UUID orderId, @Nullable String email) {
        Order order = orders.mine(buyer, orderId);
        if (order.kind() != Order.Kind.SEATS) throw Problem.notFound("The order");
        if (order.state() != Order.State.PAID) throw Problem.conflict("not-paid", "Seats can be assigned once the order is paid.");
        EmailAddress address;
        try {
            address = EmailAddress.of(email == null ? "" : email);
        } catch (RuntimeException e) {
            throw Problem.invalidField("email", "Give the e-mail address of the person who takes the seat.");
        }
        if (db.sql("select count(*) from order_seats where order_id = ? and email = ?").params(order.id(), address.value()).query(Long.class).single() > 0) {
            throw Problem.invalidField("email", address.value() + " already has a seat of this order.");
        }
        UUID seatId = db.sql("select id from order_seats where order_id = ? and email is null order by position").param(order.id())
                .query(UUID.class).stream().findFirst()
                .orElseThrow(() -> Problem.conflict("no-seats-left", "Every seat of this order is assigned."));
        String token = SecretTokens.newToken();
        int claimed = db.sql("update order_seats set email = ?, token_hash = ?, assigned_at = ? where id = ? and email is null")
                .params(address.value(), SecretTokens.hash(token), Timestamp.from(clock.instant()), seatId).update();
        if (claimed == 0) throw Problem.conflict("no-seats-left", "That seat was just assigned; try again.");
        String orgName = organizations.findById(order.organizationId()).map(o -> o.name()).orElse("The association");
        mailer.send(address, order.buyerName() + " gave you a seat: " + order.itemName(),
                order.buyerName() + " bought a seat for you in \"" + order.itemName() + "\" from " + orgName + ". It is paid for.\n\n"
                        + "Accept it (sign in or create a free account with this e-mail address): "
                        + settings.url("/payments/seats/" + token) + "\n");
        return of(buyer, orderId).stream().filter(s -> s.id().equals(seatId)).findFirst().orElseThrow();
    }

    /** The seat of a link, for its page; an unknown or used link reads as not found. */
    Order offer(String token) {
        UUID orderId = db.sql("select order_id from order_seats where token_hash = ? and accepted_at is null").param(SecretTokens.hash(token))
                .query(UUID.class).optional().orElseThrow(() -> Problem.notFound("The seat"));
        return orders.require(orderId);
    }

    /**
     * Accepts the seat: the signed-in person must have the seat's address verified on their account. Their enrollment
     * starts paid; someone who already paid for it keeps the seat free for a colleague.
     */
    @Transactional
    Enrollment accept(Actor.Person person, String token) {
        var seat = db.sql("select id, order_id, email from order_seats where token_hash = ? and accepted_at is null").param(SecretTokens.hash(token))
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)}).optional()
                .orElseThrow(() -> Problem.notFound("The seat"));
        Order order = orders.require((UUID) seat[1]);
        if (order.state() != Order.State.PAID) throw Problem.notFound("The seat");
        String email = (String) seat[2];
        if (!person.email().equalsIgnoreCase(email) && emailAddresses.verifiedEmails(person.userId()).stream().noneMatch(email::equalsIgnoreCase)) {
            throw Problem.conflict("seat-for-another-address", "This seat is for " + email + ". Sign in with that address, or add and verify it in your account.");
        }
        Enrollment e = enrollments.enroll(person, order.achievementId());
        if (e.payment() == Enrollment.Payment.PAID) {
            throw Problem.conflict("already-paid", "You have already paid for \"" + order.itemName() + "\"; the seat stays free for a colleague.");
        }
        if (e.paymentDue()) enrollments.confirmPayment(e.id());
        int taken = db.sql("update order_seats set accepted_at = ?, enrollment_id = ?, token_hash = null where id = ? and accepted_at is null")
                .params(Timestamp.from(clock.instant()), e.id(), seat[0]).update();
        if (taken == 0) throw Problem.notFound("The seat");
        return enrollments.find(e.id()).orElseThrow();
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
