package io.guildmark.app.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.guildmark.app.pathways.LearnerPathways;
import io.guildmark.app.pathways.Pathway;
import io.guildmark.app.pathways.Pathways;
import io.guildmark.app.pathways.RuleTree;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.StripeStandIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Buying a place on a priced pathway in Chromium: a member opens the pathway, pays the member price on the (stand-in)
 * Stripe Checkout page, the signed webhook puts them on it, the receipt is mailed; a staff refund gives the place up.
 */
class PathwayCheckoutBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;
    @Autowired StripeConnections connections;
    @Autowired Pathways pathways;
    @Autowired LearnerPathways learners;
    @Autowired Orders orders;

    @Test
    void aMemberPaysForAPlaceOnAPathwayTheWebhookStartsItAndAStaffRefundWithdrawsIt() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        var program = world.program("pathcheckout", EarningWorld.onlyDemonstration());
        StripeStandIn stripe = StripeStandIn.get();
        StripeStandIn.Account account = stripe.newAccount(baseUrl(), program.slug());
        connections.save(program.owner().actor(), program.slug(), account.secretKey(), account.publishableKey(), account.webhookSecret());
        var owner = program.owner().actor();
        Pathway pathway = pathways.create(owner, program.slug(), new Pathways.Details("Facilitator track", "One step.",
                Pathway.CapstoneKind.ELIGIBILITY, null));
        pathways.editRules(owner, program.slug(), pathway.id(), new RuleTree.AddStep("", program.achievementId()));
        pathways.publish(owner, program.slug(), pathway.id());
        Api key = api().withToken(program.apiKey());
        Api.Response prices = key.put("/api/v1/organizations/" + program.slug() + "/pathways/" + pathway.id() + "/prices",
                Map.of("nonMemberPrice", "30.00", "memberPrice", "20.00", "currency", "usd"));
        assertThat(prices.status()).as(prices.body()).isEqualTo(200);
        var member = world.person("Mia Member", null);
        Api.Response rostered = key.put("/api/v1/organizations/" + program.slug() + "/members/roster/M-100",
                Map.of("name", "Mia Member", "emails", List.of(member.email())));
        assertThat(rostered.status()).as(rostered.body()).isIn(200, 201);

        signInAnew(member.email(), EarningWorld.PASSWORD);
        open("/pathways/" + pathway.id());
        waitForText("Facilitator track");
        click("Pay and start this pathway");
        waitForText("Checkout");
        assertThat(pageText()).as("the member price").contains("20.00 USD").doesNotContain("30.00 USD");
        click("Pay with card");
        waitForText("Pay 2000 usd"); // Stripe's page (the stand-in)
        assertThat(browser.getCurrentUrl()).startsWith(stripe.apiBase() + "/pay/cs_test_");
        assertThat(learners.learner(pathway.id(), member.email())).as("nothing starts before Stripe confirms").isEmpty();
        click("Pay");
        waitForText("Payment confirmed");
        click("Open the pathway");
        waitForText("Share your progress");
        var place = learners.learner(pathway.id(), member.email()).orElseThrow();
        assertThat(place.paid()).isTrue();
        assertThat(place.active()).isTrue();
        assertThat(Mailbox.await(member.email(), "Your receipt").body()).contains("Total: 20.00 USD");

        signInAnew(program.owner().email(), EarningWorld.PASSWORD);
        open("/organizations/" + program.slug() + "/orders");
        waitForText("Facilitator track");
        click("Refund");
        waitForText("Refunded 20.00 USD");
        assertThat(learners.learner(pathway.id(), member.email())).as("the place is given up").isEmpty();
        Order refunded = orders.forOrganization(owner, program.slug(), Order.State.REFUNDED, 0, 10).items().get(0);
        assertThat(refunded.pathwayId()).isEqualTo(pathway.id());
        assertThat(stripe.refundAmountsOf(refunded.paymentIntentId())).containsExactly(2000L);

        signInAnew(member.email(), EarningWorld.PASSWORD);
        open("/pathways/" + pathway.id());
        waitForText("Pay and start this pathway");
    }
}
