package io.guildmark.app.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.pathways.LearnerPathways;
import io.guildmark.app.pathways.Pathway;
import io.guildmark.app.pathways.Pathways;
import io.guildmark.app.pathways.RuleTree;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.PathwayCheckQueue;
import io.guildmark.app.support.StripeStandIn;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Paying for a place on a priced pathway through the same orders, Checkout and webhook as enrollments, against the
 * Stripe stand-in: the place starts when Stripe confirms, the capstone waits for a paid place, a refund gives the place
 * up, and starting again never charges twice.
 */
class PathwayPaymentsIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Checkouts checkouts;
    @Autowired Orders orders;
    @Autowired StripeConnections connections;
    @Autowired Pathways pathways;
    @Autowired LearnerPathways learners;

    final StripeStandIn stripe = StripeStandIn.get();
    EarningWorld world;

    @BeforeEach
    void world() {
        world = new EarningWorld(context, admin(), baseUrl());
    }

    record Shop(EarningWorld.Program program, StripeStandIn.Account account, UUID pathwayId, Api key) {}

    /** A connected association with a published eligibility pathway of one step (its micro-credential). */
    Shop shop(String stem) {
        var program = world.program(stem, EarningWorld.onlyDemonstration());
        var account = stripe.newAccount(baseUrl(), program.slug());
        connections.save(program.owner().actor(), program.slug(), account.secretKey(), account.publishableKey(), account.webhookSecret());
        var owner = program.owner().actor();
        Pathway p = pathways.create(owner, program.slug(), new Pathways.Details("Facilitator track " + stem, "One step.",
                Pathway.CapstoneKind.ELIGIBILITY, null));
        pathways.editRules(owner, program.slug(), p.id(), new RuleTree.AddStep("", program.achievementId()));
        pathways.publish(owner, program.slug(), p.id());
        return new Shop(program, account, p.id(), api().withToken(program.apiKey()));
    }

    String prices(Shop shop) {
        return "/api/v1/organizations/" + shop.program().slug() + "/pathways/" + shop.pathwayId() + "/prices";
    }

    void award(Shop shop, EarningWorld.Person learner) {
        Api.Response r = shop.key().post("/api/v1/organizations/" + shop.program().slug() + "/awards", Map.of(
                "achievementId", shop.program().achievementId().toString(), "recipient", Map.of("email", learner.email(), "name", learner.name())));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        // Pathway completion is checked in the background once the award has committed.
        PathwayCheckQueue.awaitChecked(context, shop.program().slug());
    }

    boolean eligible(Shop shop, EarningWorld.Person learner) {
        return db.sql("select count(*) from pathway_eligibilities where pathway_id = ? and email = ?").params(shop.pathwayId(), learner.email())
                .query(Long.class).single() > 0;
    }

    @Test
    void aPricedPathwayStartsWhenStripeConfirmsThePaymentAndARefundGivesThePlaceUpWithoutEverChargingTwice() {
        Shop shop = shop("paidpath");
        Api.Response set = shop.key().put(prices(shop), Map.of("nonMemberPrice", "30.00", "memberPrice", "20.00", "currency", "usd",
                "memberTypePrices", Map.of("Student", "10.00")));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("nonMemberPriceMinor").asLong()).isEqualTo(3000);
        assertThat(set.json().get("memberTypePricesMinor").get("student").asLong()).isEqualTo(1000);
        assertThat(shop.key().get("/api/v1/organizations/" + shop.program().slug() + "/pathways").json().get("items").get(0)
                .get("prices").get("priced").asBoolean()).isTrue();

        var learner = world.person("Pat Pathway", null);
        // Starting a priced pathway without paying is refused; the page's button leads to the checkout instead.
        assertThatThrownBy(() -> learners.start(learner.actor(), shop.pathwayId())).isInstanceOf(Problem.class)
                .extracting(p -> ((Problem) p).code()).isEqualTo("payment-required");
        WebSession web = new WebSession(baseUrl());
        web.signIn(learner.email(), EarningWorld.PASSWORD);
        assertThat(web.get("/pathways/" + shop.pathwayId(), "text/html").body()).contains("Pay and start this pathway").contains("30.00 USD for non-members");
        assertThat(web.get("/payments/checkout/pathway/" + shop.pathwayId()).body()).contains("30.00 USD").contains("Pay with card");

        Order order = checkouts.payPathway(learner.actor(), shop.pathwayId(), null);
        assertThat(order.kind()).isEqualTo(Order.Kind.PATHWAY);
        assertThat(order.pathwayId()).isEqualTo(shop.pathwayId());
        assertThat(order.achievementId()).isNull();
        assertThat(stripe.session(order.checkoutSessionId()).get("amount_total").getAsLong()).isEqualTo(3000);
        assertThat(learners.learner(shop.pathwayId(), learner.email())).as("nothing starts before Stripe confirms").isEmpty();

        assertThat(stripe.sendEvent(shop.account(), "checkout.session.completed", stripe.complete(order.checkoutSessionId())).body()).contains("handled");
        Order paid = orders.require(order.id());
        assertThat(paid.state()).isEqualTo(Order.State.PAID);
        var place = learners.learner(shop.pathwayId(), learner.email()).orElseThrow();
        assertThat(place.paid()).isTrue();
        assertThat(place.active()).isTrue();
        assertThat(Mailbox.await(learner.email(), "Your receipt").body()).contains("Total: 30.00 USD");
        assertThat(web.get("/payments/orders/" + order.id() + "/status").body()).contains("Payment confirmed");

        // Starting again never charges twice: the paid order stands, no new order or session is made.
        long ordersBefore = count("orders");
        assertThat(checkouts.pathway(learner.actor(), shop.pathwayId())).isEmpty();
        assertThat(checkouts.payPathway(learner.actor(), shop.pathwayId(), null).id()).isEqualTo(order.id());
        assertThat(count("orders")).isEqualTo(ordersBefore);

        // The step earned completes it: the place is paid.
        award(shop, learner);
        assertThat(eligible(shop, learner)).isTrue();

        // A refund gives up the place of someone still on the way; starting again then asks for a new payment.
        var second = world.person("Sid Second", null);
        Order secondOrder = checkouts.payPathway(second.actor(), shop.pathwayId(), null);
        stripe.sendEvent(shop.account(), "checkout.session.completed", stripe.complete(secondOrder.checkoutSessionId()));
        assertThat(learners.learner(shop.pathwayId(), second.email())).isPresent();
        Order refunded = orders.refund(shop.program().owner().actor(), shop.program().slug(), secondOrder.id());
        assertThat(refunded.state()).isEqualTo(Order.State.REFUNDED);
        assertThat(stripe.refundAmountsOf(refunded.paymentIntentId())).containsExactly(3000L);
        assertThat(learners.learner(shop.pathwayId(), second.email())).as("withdrawn from the pathway").isEmpty();
        assertThat(checkouts.pathway(second.actor(), shop.pathwayId())).isPresent();
        Order again = checkouts.payPathway(second.actor(), shop.pathwayId(), null);
        assertThat(again.id()).isNotEqualTo(secondOrder.id());
        assertThat(again.state()).isEqualTo(Order.State.PENDING);
    }

    @Test
    void theCapstoneOfAPricedPathwayWaitsForAPaidPlaceAndMembersPayTheirMemberTypePrice() {
        Shop shop = shop("gatedpath");
        assertThat(shop.key().put(prices(shop), Map.of("nonMemberPrice", "30.00", "memberTypePrices", Map.of("student", "10.00"))).status())
                .isEqualTo(200);
        var holder = world.person("Hol Holder", null);
        shop.key().put("/api/v1/organizations/" + shop.program().slug() + "/members/roster/S-1",
                Map.of("name", "Hol Holder", "emails", List.of(holder.email()), "memberType", "Student"));

        // Earning the step puts them on the pathway, unpaid: no eligibility yet.
        award(shop, holder);
        var place = learners.learner(shop.pathwayId(), holder.email()).orElseThrow();
        assertThat(place.paid()).isFalse();
        assertThat(eligible(shop, holder)).isFalse();
        WebSession web = new WebSession(baseUrl());
        web.signIn(holder.email(), EarningWorld.PASSWORD);
        assertThat(web.get("/pathways/" + shop.pathwayId(), "text/html").body()).contains("Payment due").contains("Pay for your place");

        // The student's price applies; paying completes it.
        Order order = checkouts.payPathway(holder.actor(), shop.pathwayId(), null);
        assertThat(order.quote().totalMinor()).isEqualTo(1000);
        stripe.sendEvent(shop.account(), "checkout.session.completed", stripe.complete(order.checkoutSessionId()));
        assertThat(learners.learner(shop.pathwayId(), holder.email()).orElseThrow().paid()).isTrue();
        assertThat(eligible(shop, holder)).isTrue();
        assertThat(db.sql("select buyer_member_type from orders where id = ?").param(order.id()).query(String.class).single()).isEqualTo("student");

        // A completed pathway refunded in part keeps its completion and the order stays paid.
        Order part = orders.refund(shop.program().owner().actor(), shop.program().slug(), order.id(), "2.50");
        assertThat(part.state()).isEqualTo(Order.State.PAID);
        assertThat(part.partiallyRefunded()).isTrue();
        assertThat(learners.learner(shop.pathwayId(), holder.email()).orElseThrow().completed()).isTrue();
    }

    @Test
    void badPricesAreRefusedOnTheirFieldAndAnotherOrganizationSeesNothing() {
        Shop shop = shop("badprices");
        Shop other = shop("otherprices");
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("nonMemberPrice", "-5"), Map.of("nonMemberPrice", "10.005"),
                Map.of("nonMemberPrice", "ten"), Map.of("nonMemberPrice", "100000000.01"), Map.of("currency", "XYZ1"),
                Map.of("memberTypePrices", Map.of("student", "-1")))) {
            Api.Response r = shop.key().put(prices(shop), bad);
            assertThat(r.status()).as(bad + ": " + r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).contains("application/problem+json");
        }
        assertThat(shop.key().get(prices(shop)).json().get("priced").asBoolean()).as("nothing changed").isFalse();
        WebSession visitor = new WebSession(baseUrl());
        assertThat(visitor.get("/pathways/" + shop.pathwayId(), "text/html").body()).contains("Start this pathway").doesNotContain("Price:");
        // The same currency's smallest unit is fine, and a yen price takes no decimals.
        assertThat(shop.key().put(prices(shop), Map.of("nonMemberPrice", "3000", "currency", "JPY")).status()).isEqualTo(200);
        assertThat(visitor.get("/pathways/" + shop.pathwayId(), "text/html").body()).as("the saved public page follows the price")
                .contains("3000 JPY for non-members");
        assertThat(shop.key().put(prices(shop), Map.of("nonMemberPrice", "30.5", "currency", "JPY")).status()).isEqualTo(400);

        assertThat(other.key().get(prices(shop)).status()).isEqualTo(404);
        assertThat(other.key().put(prices(shop), Map.of("nonMemberPrice", "1.00")).status()).isEqualTo(404);
        WebSession outsider = new WebSession(baseUrl());
        outsider.signIn(other.program().owner().email(), EarningWorld.PASSWORD);
        assertThat(outsider.get("/organizations/" + shop.program().slug() + "/pathways/" + shop.pathwayId()).status()).isEqualTo(404);
        WebSession owner = new WebSession(baseUrl());
        owner.signIn(shop.program().owner().email(), EarningWorld.PASSWORD);
        assertThat(owner.get("/organizations/" + shop.program().slug() + "/pathways/" + shop.pathwayId()).body()).contains("Save the prices")
                .contains("3000");
    }
}
