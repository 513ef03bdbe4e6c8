package io.guildmark.app.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.StripeStandIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The whole purchase in Chromium: enroll, pay on the (stand-in) Stripe Checkout page, start, receipt; staff refund. */
class CheckoutBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;
    @Autowired StripeConnections connections;
    @Autowired Enrollments enrollments;

    @Test
    void aLearnerPaysThroughCheckoutTheWebhookStartsTheEnrollmentAndStaffRefundWithdrawsIt() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        var program = world.program("checkout", EarningWorld.onlyDemonstration());
        db.sql("update achievement_versions set definition = replace(definition, '\"currency\"', '\"nonMemberPrice\":4900,\"currency\"') where achievement_id = ?")
                .param(program.achievementId()).update();
        StripeStandIn.Account account = StripeStandIn.get().newAccount(baseUrl(), program.slug());
        connections.save(program.owner().actor(), program.slug(), account.secretKey(), account.publishableKey(), account.webhookSecret());
        var learner = world.person("Bea Buyer", null);

        signInAnew(learner.email(), EarningWorld.PASSWORD);
        open("/achievements/" + program.achievementId());
        waitForText("What you will do"); // the offer arrives by htmx and replaces its placeholder (same button)
        click("Enroll");
        waitForText("Checkout");
        assertThat(pageText()).contains("49.00 USD");
        click("Pay with card");
        waitForText("Pay 4900 usd"); // Stripe's page (the stand-in)
        assertThat(browser.getCurrentUrl()).startsWith(StripeStandIn.get().apiBase() + "/pay/cs_test_");
        click("Pay");
        waitForText("Payment confirmed");
        click("Start learning");
        waitForText("Requirements");
        Enrollment paid = enrollments.dashboard(learner.actor()).get(0).enrollment();
        assertThat(paid.payment()).isEqualTo(Enrollment.Payment.PAID);
        assertThat(Mailbox.await(learner.email(), "Your receipt").body()).contains("49.00 USD");

        signInAnew(program.owner().email(), EarningWorld.PASSWORD);
        open("/organizations/" + program.slug() + "/enrollments");
        click("Refund");
        waitForText("Refunded 49.00 USD");
        assertThat(enrollments.find(paid.id()).orElseThrow().state()).isEqualTo(Enrollment.State.WITHDRAWN);
    }
}
