package io.guildmark.app.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.google.gson.JsonObject;
import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.StripeStandIn;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Paying for enrollments through the real Stripe SDK against the stand-in on loopback, with webhooks signed as Stripe
 * signs them: what starts an enrollment, what is refused, refunds, discounts, tax, receipts, seats, and who sees what.
 */
class PaymentsIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Enrollments enrollments;
    @Autowired Checkouts checkouts;
    @Autowired Orders orders;
    @Autowired StripeConnections connections;
    @Autowired DiscountCodes discountCodes;
    @Autowired TaxSettings taxes;
    @Autowired Seats seats;

    final StripeStandIn stripe = StripeStandIn.get();
    EarningWorld world;

    @BeforeEach
    void world() {
        world = new EarningWorld(context, admin(), baseUrl());
    }

    /** An association selling a micro-credential at 49.00 USD (non-members), connected to its own Stripe account. */
    record Shop(EarningWorld.Program program, StripeStandIn.Account account) {}

    Shop shop(String stem) {
        var program = world.program(stem, EarningWorld.onlyDemonstration());
        db.sql("update achievement_versions set definition = replace(definition, '\"currency\"', '\"nonMemberPrice\":4900,\"currency\"') where achievement_id = ?")
                .param(program.achievementId()).update();
        var account = stripe.newAccount(baseUrl(), program.slug());
        connections.save(program.owner().actor(), program.slug(), account.secretKey(), account.publishableKey(), account.webhookSecret());
        return new Shop(program, account);
    }

    Order checkout(EarningWorld.Person learner, Enrollment e, String code) {
        return checkouts.payEnrollment(learner.actor(), e.id(), code);
    }

    StripeStandIn.Delivery pay(Shop shop, Order order) {
        return stripe.sendEvent(shop.account(), "checkout.session.completed", stripe.complete(order.checkoutSessionId()));
    }

    @Test
    void theEnrollmentStartsOnlyWhenStripesSignedWebhookConfirmsThePaymentAndTheReceiptIsMailed() throws Exception {
        Shop shop = shop("paid");
        var learner = world.person("Paula Payer", null);
        Enrollment e = world.enroll(learner, shop.program());
        Order order = checkout(learner, e, null);

        assertThat(order.state()).isEqualTo(Order.State.PENDING);
        assertThat(order.checkoutUrl()).startsWith(stripe.apiBase() + "/pay/");
        JsonObject session = stripe.session(order.checkoutSessionId());
        assertThat(session.get("amount_total").getAsLong()).isEqualTo(4900);
        assertThat(session.get("currency").getAsString()).isEqualTo("usd");
        assertThat(session.get("client_reference_id").getAsString()).isEqualTo(order.id().toString());
        assertThat(session.get("success_url").getAsString()).isEqualTo(baseUrl() + "/payments/orders/" + order.id() + "/return");
        assertThat(enrollments.find(e.id()).orElseThrow().payment()).as("the browser's return starts nothing").isEqualTo(Enrollment.Payment.DUE);

        // The same event delivered twice (Stripe retries) acts once.
        JsonObject paid = stripe.complete(order.checkoutSessionId());
        String payload = StripeStandIn.event(StripeStandIn.newEventId(), "checkout.session.completed", paid);
        String signature = StripeStandIn.signature(shop.account().webhookSecret(), Instant.now().getEpochSecond(), payload);
        StripeStandIn.Delivery first = stripe.deliver(shop.account().webhookUrl(), payload, signature);
        StripeStandIn.Delivery again = stripe.deliver(shop.account().webhookUrl(), payload, signature);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("handled");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");

        Order done = orders.require(order.id());
        assertThat(done.state()).isEqualTo(Order.State.PAID);
        assertThat(done.paymentIntentId()).isEqualTo(paid.get("payment_intent").getAsString());
        Enrollment started = enrollments.find(e.id()).orElseThrow();
        assertThat(started.payment()).isEqualTo(Enrollment.Payment.PAID);
        assertThat(started.active()).isTrue();

        Mailbox.Mail receipt = Mailbox.await(learner.email(), "Your receipt");
        assertThat(receipt.body()).contains(done.number()).contains("Total: 49.00 USD");
        jakarta.mail.internet.MimeMessage mime = Mailbox.mimeTo(learner.email()).stream().filter(m -> {
            try {
                return m.getSubject().contains("Your receipt");
            } catch (jakarta.mail.MessagingException ex) {
                return false;
            }
        }).findFirst().orElseThrow();
        var multipart = (jakarta.mail.Multipart) mime.getContent();
        boolean pdfAttached = false;
        for (int i = 0; i < multipart.getCount(); i++) {
            if (multipart.getBodyPart(i).isMimeType("application/pdf")) {
                pdfAttached = ("receipt-" + done.number() + ".pdf").equals(multipart.getBodyPart(i).getFileName());
            }
        }
        assertThat(pdfAttached).as("the PDF receipt is attached").isTrue();
        WebSession web = new WebSession(baseUrl());
        web.signIn(learner.email(), EarningWorld.PASSWORD);
        var pdf = web.download(receipt.firstLinkContaining("/receipt.pdf"));
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(web.get("/account/orders").body()).contains(done.number());
        assertThat(web.get("/payments/orders/" + order.id() + "/status").body()).contains("Payment confirmed");

        // A second, unrelated completed session for the same (already paid) enrollment is refunded, never charged twice.
        assertThat(enrollments.confirmPayment(e.id())).isFalse();
        assertThat(db.sql("select count(*) from orders where enrollment_id = ? and state = 'paid'").param(e.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void forgedReplayedAndUnknownWebhooksAreAnsweredClearlyAndStartNothing() {
        Shop shop = shop("forged");
        var learner = world.person("Fred Forged", null);
        Enrollment e = world.enroll(learner, shop.program());
        Order order = checkout(learner, e, null);
        JsonObject paid = stripe.complete(order.checkoutSessionId());
        String payload = StripeStandIn.event(StripeStandIn.newEventId(), "checkout.session.completed", paid);
        long now = Instant.now().getEpochSecond();

        var wrongSecret = stripe.deliver(shop.account().webhookUrl(), payload, StripeStandIn.signature("whsec_notTheSecret1234", now, payload));
        assertThat(wrongSecret.status()).isEqualTo(400);
        assertThat(wrongSecret.body()).contains("signature-invalid");
        var old = stripe.deliver(shop.account().webhookUrl(), payload, StripeStandIn.signature(shop.account().webhookSecret(), now - 400, payload));
        assertThat(old.status()).as("a replay older than 300 s").isEqualTo(400);
        var tampered = stripe.deliver(shop.account().webhookUrl(), payload.replace("4900", "100"),
                StripeStandIn.signature(shop.account().webhookSecret(), now, payload));
        assertThat(tampered.status()).isEqualTo(400);
        var noHeader = stripe.deliver(shop.account().webhookUrl(), payload, "");
        assertThat(noHeader.status()).isEqualTo(400);
        String junk = "not json";
        assertThat(stripe.deliver(shop.account().webhookUrl(), junk, StripeStandIn.signature(shop.account().webhookSecret(), now, junk)).status())
                .isEqualTo(400);
        assertThat(stripe.deliver(baseUrl() + "/payments/stripe/webhook/no-such-org-" + UUID.randomUUID(), payload,
                StripeStandIn.signature(shop.account().webhookSecret(), now, payload)).status()).isEqualTo(404);
        JsonObject customer = new JsonObject();
        customer.addProperty("id", "cus_123");
        customer.addProperty("object", "customer");
        var unknown = stripe.sendEvent(shop.account(), "customer.created", customer);
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.body()).contains("ignored");

        assertThat(orders.require(order.id()).state()).isEqualTo(Order.State.PENDING);
        assertThat(enrollments.find(e.id()).orElseThrow().payment()).isEqualTo(Enrollment.Payment.DUE);

        // Amount or currency other than the order's: flagged for staff, nothing started.
        paid.addProperty("currency", "eur");
        assertThat(stripe.sendEvent(shop.account(), "checkout.session.completed", paid).status()).isEqualTo(200);
        Order flagged = orders.require(order.id());
        assertThat(flagged.state()).isEqualTo(Order.State.FLAGGED);
        assertThat(flagged.stateNote()).contains("EUR");
        assertThat(enrollments.find(e.id()).orElseThrow().payment()).isEqualTo(Enrollment.Payment.DUE);
    }

    @Test
    void aPaymentArrivingAfterTheLearnerWithdrewIsRefundedAndDoesNotStartTheEnrollment() {
        Shop shop = shop("withdrawn");
        var learner = world.person("Wanda Withdrawn", null);
        Enrollment e = world.enroll(learner, shop.program());
        Order order = checkout(learner, e, null);
        enrollments.withdraw(learner.actor(), e.id());

        assertThat(pay(shop, order).status()).isEqualTo(200);

        Order refunded = orders.require(order.id());
        assertThat(refunded.state()).isEqualTo(Order.State.REFUNDED);
        assertThat(refunded.stateNote()).contains("withdrawn");
        assertThat(stripe.refundsOf(refunded.paymentIntentId())).isEqualTo(1);
        Enrollment after = enrollments.find(e.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(Enrollment.State.WITHDRAWN);
        assertThat(after.payment()).isEqualTo(Enrollment.Payment.DUE);
    }

    @Test
    void aRefundWithdrawsTheEnrollmentWhileWithdrawingAndEnrollingAgainNeverChargesTwice() {
        Shop shop = shop("refund");
        var learner = world.person("Rita Refund", null);
        Enrollment e = world.enroll(learner, shop.program());
        Order order = checkout(learner, e, null);
        pay(shop, order);

        enrollments.withdraw(learner.actor(), e.id());
        Enrollment back = world.enroll(learner, shop.program());
        assertThat(back.id()).isEqualTo(e.id());
        assertThat(back.payment()).as("paid once, not charged again").isEqualTo(Enrollment.Payment.PAID);
        assertThat(back.active()).isTrue();

        var issuer = world.member(shop.program(), Role.ISSUER, "Ian Issuer", null);
        assertThatThrownBy(() -> orders.refundEnrollment(issuer.actor(), shop.program().slug(), e.id()))
                .isInstanceOf(Problem.class).extracting(p -> ((Problem) p).kind()).isEqualTo(Problem.Kind.FORBIDDEN);
        Order refunded = orders.refundEnrollment(shop.program().owner().actor(), shop.program().slug(), e.id());
        assertThat(refunded.state()).isEqualTo(Order.State.REFUNDED);
        assertThat(refunded.refundId()).startsWith("re_");
        assertThat(stripe.refundsOf(refunded.paymentIntentId())).isEqualTo(1);
        assertThat(db.sql("select actor_label from audit_entries where action = 'payments.order-refunded' and object_id = ?")
                .param(refunded.id().toString()).query(String.class).list()).as("the refund is in the audit log, with who refunded")
                .containsExactly(shop.program().owner().email());
        Enrollment withdrawn = enrollments.find(e.id()).orElseThrow();
        assertThat(withdrawn.state()).isEqualTo(Enrollment.State.WITHDRAWN);
        assertThatThrownBy(() -> orders.refund(shop.program().owner().actor(), shop.program().slug(), order.id()))
                .isInstanceOf(Problem.class).hasMessageContaining("Only a paid order");

        // Stripe then reports the charge refunded: already done, nothing changes.
        JsonObject charge = charge(refunded.paymentIntentId());
        assertThat(stripe.sendEvent(shop.account(), "charge.refunded", charge).status()).isEqualTo(200);
        assertThat(orders.require(order.id()).state()).isEqualTo(Order.State.REFUNDED);

        // Enrolling after a refund asks for a new payment; a refund made in Stripe's dashboard withdraws too.
        Enrollment again = world.enroll(learner, shop.program());
        assertThat(again.payment()).isEqualTo(Enrollment.Payment.DUE);
        Order second = checkout(learner, again, null);
        pay(shop, second);
        assertThat(enrollments.find(e.id()).orElseThrow().payment()).isEqualTo(Enrollment.Payment.PAID);
        String intent = orders.require(second.id()).paymentIntentId();
        assertThat(stripe.sendEvent(shop.account(), "charge.refunded", charge(intent)).body()).contains("handled");
        assertThat(orders.require(second.id()).state()).isEqualTo(Order.State.REFUNDED);
        assertThat(enrollments.find(e.id()).orElseThrow().state()).isEqualTo(Enrollment.State.WITHDRAWN);
    }

    private static JsonObject charge(String paymentIntent) {
        JsonObject charge = new JsonObject();
        charge.addProperty("id", "ch_" + paymentIntent.substring(3));
        charge.addProperty("object", "charge");
        charge.addProperty("amount", 4900);
        charge.addProperty("amount_refunded", 4900);
        charge.addProperty("currency", "usd");
        charge.addProperty("payment_intent", paymentIntent);
        charge.addProperty("refunded", true);
        return charge;
    }

    @Test
    void aPartialRefundLeavesTheOrderPaidAndTheEnrollmentStartedAndBadAmountsChangeNothing() {
        Shop shop = shop("partial");
        var owner = shop.program().owner().actor();
        String slug = shop.program().slug();
        var learner = world.person("Pia Partial", null);
        Enrollment e = world.enroll(learner, shop.program());
        Order order = checkout(learner, e, null);
        pay(shop, order);
        String intent = orders.require(order.id()).paymentIntentId();

        // Negative, fractional-cent, zero and more than was paid: refused on the field, nothing refunded anywhere.
        for (String bad : new String[] {"-1", "10.005", "0", "49.01", "lots"}) {
            assertThatThrownBy(() -> orders.refund(owner, slug, order.id(), bad)).as(bad).isInstanceOf(Problem.class)
                    .satisfies(p -> assertThat(((Problem) p).fieldErrors()).anySatisfy(f -> assertThat(f.field()).isEqualTo("amount")));
        }
        assertThat(stripe.refundsOf(intent)).isZero();
        assertThat(count("refunds where order_id = '" + order.id() + "'")).isZero();

        Order part = orders.refund(owner, slug, order.id(), "10.50");
        assertThat(part.state()).isEqualTo(Order.State.PAID);
        assertThat(part.refundedMinor()).isEqualTo(1050);
        assertThat(part.stateLabel()).isEqualTo("Partially refunded");
        assertThat(stripe.refundAmountsOf(intent)).containsExactly(1050L);
        Enrollment still = enrollments.find(e.id()).orElseThrow();
        assertThat(still.active()).isTrue();
        assertThat(still.payment()).isEqualTo(Enrollment.Payment.PAID);

        // Stripe echoes our partial refund: nothing new. A refund in another currency is not this order's.
        JsonObject echo = charge(intent);
        echo.addProperty("refunded", false);
        echo.addProperty("amount_refunded", 1050);
        assertThat(stripe.sendEvent(shop.account(), "charge.refunded", echo).status()).isEqualTo(200);
        JsonObject euro = charge(intent);
        euro.addProperty("currency", "eur");
        assertThat(stripe.sendEvent(shop.account(), "charge.refunded", euro).body()).contains("ignored");
        assertThat(orders.require(order.id()).refundedMinor()).isEqualTo(1050);
        assertThat(orders.require(order.id()).state()).isEqualTo(Order.State.PAID);

        // Another partial refund made in Stripe's dashboard is recorded; the rest refunded by staff refunds the order.
        JsonObject dashboard = charge(intent);
        dashboard.addProperty("refunded", false);
        dashboard.addProperty("amount_refunded", 2050);
        assertThat(stripe.sendEvent(shop.account(), "charge.refunded", dashboard).body()).contains("handled");
        assertThat(orders.require(order.id()).refundedMinor()).isEqualTo(2050);
        assertThat(enrollments.find(e.id()).orElseThrow().active()).isTrue();
        assertThatThrownBy(() -> orders.refund(owner, slug, order.id(), "28.51")).isInstanceOf(Problem.class).hasMessageContaining("28.50 USD");

        WebSession staff = new WebSession(baseUrl());
        staff.signIn(shop.program().owner().email(), EarningWorld.PASSWORD);
        assertThat(staff.get("/organizations/" + slug + "/orders").body()).contains("Partially refunded").contains("20.50 USD refunded");

        Order rest = orders.refund(owner, slug, order.id(), "");
        assertThat(rest.state()).isEqualTo(Order.State.REFUNDED);
        assertThat(rest.refundedMinor()).isEqualTo(4900);
        assertThat(stripe.refundAmountsOf(intent)).containsExactly(1050L, 2850L);
        assertThat(db.sql("select sum(amount_minor) from refunds where order_id = ?").param(order.id()).query(Long.class).single()).isEqualTo(4900);
        assertThat(enrollments.find(e.id()).orElseThrow().state()).isEqualTo(Enrollment.State.WITHDRAWN);
        assertThatThrownBy(() -> orders.refund(owner, slug, order.id(), "1.00")).isInstanceOf(Problem.class).hasMessageContaining("Only a paid order");
    }

    @Test
    void seatsArePricedByTheBuyersPlaceOnTheRosterAndAtTheNonMemberPriceOtherwise() {
        Shop shop = shop("seatprices");
        String slug = shop.program().slug();
        db.sql("update achievement_versions set definition = replace(definition, '\"currency\"', '\"memberPrice\":1900,\"currency\"') where achievement_id = ?")
                .param(shop.program().achievementId()).update();
        var key = api().withToken(shop.program().apiKey());
        assertThat(key.put("/api/v1/organizations/" + slug + "/achievements/" + shop.program().achievementId() + "/member-type-prices",
                Map.of("prices", Map.of("corporate", "29.00"))).status()).isEqualTo(200);
        String roster = "/api/v1/organizations/" + slug + "/members/roster/";
        var corporate = world.person("Cora Corporate", null);
        key.put(roster + "C-1", Map.of("name", "Acme Ltd", "emails", List.of(corporate.email()), "memberType", "Corporate"));
        var member = world.person("Mo Member", null);
        key.put(roster + "C-2", Map.of("name", "Mo Member", "emails", List.of(member.email()), "memberType", "regular"));
        var outsider = world.person("Nora Nonmember", null);

        assertThat(checkouts.seats(corporate.actor(), shop.program().achievementId(), 2).quote().totalMinor()).isEqualTo(5800);
        assertThat(checkouts.seats(member.actor(), shop.program().achievementId(), 2).quote().totalMinor()).isEqualTo(3800);
        assertThat(checkouts.seats(outsider.actor(), shop.program().achievementId(), 2).quote().totalMinor()).isEqualTo(9800);
        Order bought = checkouts.paySeats(corporate.actor(), shop.program().achievementId(), 3, null);
        assertThat(stripe.session(bought.checkoutSessionId()).get("amount_total").getAsLong()).isEqualTo(8700);
        assertThat(db.sql("select buyer_member_type from orders where id = ?").param(bought.id()).query(String.class).single()).isEqualTo("corporate");
        assertThatThrownBy(() -> checkouts.seats(outsider.actor(), shop.program().achievementId(), 101)).isInstanceOf(Problem.class);
    }

    @Test
    void discountCodesTaxAndPricesAreCheckedAndAnExpiredCheckoutGivesItsUseBack() {
        Shop shop = shop("discount");
        var owner = shop.program().owner().actor();
        String slug = shop.program().slug();
        taxes.save(owner, slug, "20", false, "VAT");
        discountCodes.create(owner, slug, new DiscountCodes.Draft("spring20", "percent", "20", null, 1, null));
        discountCodes.create(owner, slug, new DiscountCodes.Draft("EURO10", "amount", "10.00", "EUR", null, null));
        discountCodes.create(owner, slug, new DiscountCodes.Draft("FREE", "percent", "100", null, null, null));
        assertThatThrownBy(() -> discountCodes.create(owner, slug, new DiscountCodes.Draft("CENTS", "amount", "5.005", "USD", null, null)))
                .isInstanceOf(Problem.class).satisfies(p -> assertThat(((Problem) p).fieldErrors()).anySatisfy(f -> assertThat(f.message()).contains("decimals")));
        assertThatThrownBy(() -> discountCodes.create(owner, slug, new DiscountCodes.Draft("NEG", "amount", "-5", "USD", null, null)))
                .isInstanceOf(Problem.class).satisfies(p -> assertThat(((Problem) p).fieldErrors()).anySatisfy(f -> assertThat(f.message()).contains("negative")));
        assertThatThrownBy(() -> discountCodes.create(owner, slug, new DiscountCodes.Draft("OLD", "percent", "5", null, null, "2001-01-01")))
                .isInstanceOf(Problem.class);

        var first = world.person("Dora Discount", null);
        Order discounted = checkout(first, world.enroll(first, shop.program()), "Spring20");
        // 49.00 less 20% is 39.20; 20% VAT on top is 7.84: 47.04.
        assertThat(discounted.quote().discountMinor()).isEqualTo(980);
        assertThat(discounted.quote().taxMinor()).isEqualTo(784);
        assertThat(discounted.quote().totalMinor()).isEqualTo(4704);
        assertThat(stripe.session(discounted.checkoutSessionId()).get("amount_total").getAsLong()).isEqualTo(4704);

        var second = world.person("Sam Second", null);
        Enrollment secondEnrollment = world.enroll(second, shop.program());
        long ordersBefore = count("orders");
        assertThatThrownBy(() -> checkout(second, secondEnrollment, "SPRING20")).isInstanceOf(Problem.class)
                .hasMessageContaining("used as often as it may be");
        assertThatThrownBy(() -> checkout(second, secondEnrollment, "EURO10")).isInstanceOf(Problem.class)
                .extracting(p -> ((Problem) p).code()).isEqualTo("currency-mismatch");
        assertThatThrownBy(() -> checkout(second, secondEnrollment, "NOPE")).isInstanceOf(Problem.class).hasMessageContaining("no discount code");
        assertThat(count("orders")).as("no half-written orders").isEqualTo(ordersBefore);

        // The first checkout lapses unpaid: its use comes back.
        assertThat(stripe.sendEvent(shop.account(), "checkout.session.expired", stripe.session(discounted.checkoutSessionId())).status()).isEqualTo(200);
        assertThat(orders.require(discounted.id()).state()).isEqualTo(Order.State.EXPIRED);
        assertThat(checkout(second, secondEnrollment, "SPRING20").quote().totalMinor()).isEqualTo(4704);

        // A discount that covers everything needs no Stripe at all.
        var third = world.person("Fay Free", null);
        Enrollment free = world.enroll(third, shop.program());
        Order covered = checkout(third, free, "free");
        assertThat(covered.state()).isEqualTo(Order.State.PAID);
        assertThat(covered.method()).isEqualTo(Order.Method.FREE);
        assertThat(enrollments.find(free.id()).orElseThrow().payment()).isEqualTo(Enrollment.Payment.PAID);

        // Included tax is taken out of the price; a price gone negative is refused before anything is stored.
        taxes.save(owner, slug, "20", true, "VAT");
        var fourth = world.person("Ines Inclusive", null);
        Enrollment inclusive = world.enroll(fourth, shop.program());
        Order included = checkout(fourth, inclusive, null);
        assertThat(included.quote().totalMinor()).isEqualTo(4900);
        assertThat(included.quote().taxMinor()).isEqualTo(817); // 49.00 - 49.00 / 1.2 = 8.1666…
        assertThatThrownBy(() -> taxes.save(owner, slug, "7.125", false, "VAT")).isInstanceOf(Problem.class);
        db.sql("update enrollments set price_minor = -100 where id = ?").param(secondEnrollment.id()).update();
        assertThatThrownBy(() -> checkout(second, secondEnrollment, null)).isInstanceOf(Problem.class)
                .extracting(p -> ((Problem) p).code()).isEqualTo("price-invalid");
    }

    @Test
    void staffMarkingPaidRecordsAnOfflineOrderWithAReceiptAndSeatsAreAssignedByEmail() {
        Shop shop = shop("seats");
        var learner = world.person("Olga Offline", null);
        Enrollment e = world.enroll(learner, shop.program());
        enrollments.markPaid(shop.program().owner().actor(), shop.program().slug(), e.id());
        Order offline = orders.paidFor(e.id()).orElseThrow();
        assertThat(offline.method()).isEqualTo(Order.Method.OFFLINE);
        assertThat(Mailbox.await(learner.email(), "Your receipt").body()).contains("Recorded by the association");

        var employer = world.person("Erin Employer", null);
        Order seatsOrder = checkouts.paySeats(employer.actor(), shop.program().achievementId(), 2, null);
        assertThat(stripe.session(seatsOrder.checkoutSessionId()).get("amount_total").getAsLong()).isEqualTo(9800);
        assertThatThrownBy(() -> seats.assign(employer.actor(), seatsOrder.id(), "x@example.org")).isInstanceOf(Problem.class)
                .hasMessageContaining("once the order is paid");
        pay(shop, seatsOrder);
        assertThat(seats.of(employer.actor(), seatsOrder.id())).hasSize(2);
        WebSession buyer = new WebSession(baseUrl());
        buyer.signIn(employer.email(), EarningWorld.PASSWORD);
        assertThat(buyer.get("/payments/seats/buy/" + shop.program().achievementId() + "?quantity=3").body()).contains("147.00 USD");
        assertThat(buyer.get("/account/orders/" + seatsOrder.id()).body()).contains("Assign a seat").contains("98.00 USD");

        var colleague = world.person("Cole Colleague", null);
        seats.assign(employer.actor(), seatsOrder.id(), colleague.email());
        assertThatThrownBy(() -> seats.assign(employer.actor(), seatsOrder.id(), colleague.email())).isInstanceOf(Problem.class);
        String link = Mailbox.await(colleague.email(), "gave you a seat").firstLinkContaining("/payments/seats/");
        String token = link.substring(link.lastIndexOf('/') + 1);
        var stranger = world.person("Stan Stranger", null);
        assertThatThrownBy(() -> seats.accept(stranger.actor(), token)).isInstanceOf(Problem.class).hasMessageContaining(colleague.email());
        Enrollment seated = seats.accept(colleague.actor(), token);
        assertThat(seated.payment()).isEqualTo(Enrollment.Payment.PAID);
        assertThatThrownBy(() -> seats.accept(colleague.actor(), token)).isInstanceOf(Problem.class)
                .extracting(p -> ((Problem) p).kind()).isEqualTo(Problem.Kind.NOT_FOUND);
        assertThatThrownBy(() -> seats.of(colleague.actor(), seatsOrder.id())).isInstanceOf(Problem.class);
    }

    @Test
    void keysAreStoredSealedAndAnotherOrganizationOrPersonSeesNoOrders() {
        Shop shop = shop("private");
        Shop other = shop("outsider");
        var learner = world.person("Priya Private", null);
        Enrollment e = world.enroll(learner, shop.program());
        Order order = checkout(learner, e, null);
        pay(shop, order);

        String stored = db.sql("select secret_key_sealed || webhook_secret_sealed from stripe_connections where organization_id = ?")
                .param(shop.program().organizationId()).query(String.class).single();
        assertThat(stored).doesNotContain(shop.account().secretKey()).doesNotContain(shop.account().webhookSecret());
        assertThat(connections.view(shop.program().owner().actor(), shop.program().slug()).orElseThrow().secretKeyHint())
                .isEqualTo("…" + shop.account().secretKey().substring(shop.account().secretKey().length() - 4));
        assertThatThrownBy(() -> connections.save(shop.program().owner().actor(), shop.program().slug(), "sk_nope", "pk_test_x", "whsec_"))
                .isInstanceOf(Problem.class).satisfies(p -> assertThat(((Problem) p).fieldErrors()).hasSize(3));

        assertThat(orders.forOrganization(shop.program().owner().actor(), shop.program().slug(), null, 0, 50).items())
                .extracting(Order::id).contains(order.id());
        assertThatThrownBy(() -> orders.forOrganization(other.program().owner().actor(), shop.program().slug(), null, 0, 50))
                .isInstanceOf(Problem.class).extracting(p -> ((Problem) p).kind()).isEqualTo(Problem.Kind.NOT_FOUND);
        assertThatThrownBy(() -> orders.refund(other.program().owner().actor(), other.program().slug(), order.id()))
                .isInstanceOf(Problem.class).extracting(p -> ((Problem) p).kind()).isEqualTo(Problem.Kind.NOT_FOUND);
        var api = api().withToken(shop.program().apiKey()).get("/api/v1/organizations/" + shop.program().slug() + "/orders?state=paid");
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.json().get("total").asLong()).isEqualTo(1);
        assertThat(api.json().get("items").get(0).get("totalMinor").asLong()).isEqualTo(4900);
        assertThat(api().withToken(other.program().apiKey()).get("/api/v1/organizations/" + shop.program().slug() + "/orders").status()).isEqualTo(404);
        assertThat(api().withToken(shop.program().apiKey()).get("/api/v1/organizations/" + shop.program().slug() + "/orders?state=bogus").status()).isEqualTo(400);

        // The other organization's webhook secret does not open this organization's endpoint.
        String payload = StripeStandIn.event(StripeStandIn.newEventId(), "checkout.session.completed", stripe.session(order.checkoutSessionId()));
        assertThat(stripe.deliver(shop.account().webhookUrl(), payload,
                StripeStandIn.signature(other.account().webhookSecret(), Instant.now().getEpochSecond(), payload)).status()).isEqualTo(400);

        // The staff pages render for the owner; another organization's owner gets 404.
        WebSession owner = new WebSession(baseUrl());
        owner.signIn(shop.program().owner().email(), EarningWorld.PASSWORD);
        String slug = shop.program().slug();
        assertThat(owner.get("/organizations/" + slug + "/payments").body()).contains("Connected").contains("/payments/stripe/webhook/" + slug)
                .doesNotContain(shop.account().secretKey());
        assertThat(owner.get("/organizations/" + slug + "/orders?state=paid").body()).contains(order.number()).contains("Refund");
        owner.submit("/organizations/" + slug + "/discount-codes", "/organizations/" + slug + "/discount-codes",
                "code", "WEB15", "kind", "percent", "value", "15", "maxUses", "3");
        assertThat(owner.get("/organizations/" + slug + "/discount-codes").body()).contains("WEB15").contains("15% off");
        WebSession outsider = new WebSession(baseUrl());
        outsider.signIn(other.program().owner().email(), EarningWorld.PASSWORD);
        assertThat(outsider.get("/organizations/" + slug + "/orders").status()).isEqualTo(404);
        assertThat(outsider.get("/organizations/" + slug + "/payments").status()).isEqualTo(404);

        var stranger = world.person("Sven Stranger", null);
        assertThatThrownBy(() -> orders.mine(stranger.actor(), order.id())).isInstanceOf(Problem.class);
        WebSession web = new WebSession(baseUrl());
        web.signIn(stranger.email(), EarningWorld.PASSWORD);
        assertThat(web.download("/account/orders/" + order.id() + "/receipt.pdf").status()).isEqualTo(404);
        assertThat(web.get("/account/orders").body()).doesNotContain(order.number());
    }
}
