package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.IssuerKeys;
import io.guildmark.app.renewals.Renewals;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The staff pages that had no browser test, in Chromium as staff use them: the audit log (search, check the chain),
 * webhooks (subscribe, the delivery log, send again), external credits, renewal requests and prices per member type.
 */
class StaffPagesBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;
    @Autowired IssuerKeys issuerKeys;
    @Autowired Renewals renewals;

    @Test
    void theAuditLogFindsAKeyRotationAmongTheAwardsAndSaysTheChainHolds() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        EarningWorld.Program program = world.program("auditpage", EarningWorld.onlyDemonstration());
        Api key = api().withToken(program.apiKey());
        for (int i = 0; i < 3; i++) {
            assertThat(key.post("/api/v1/organizations/" + program.slug() + "/awards", Map.of("achievementId", program.achievementId().toString(),
                    "recipient", Map.of("email", Fixtures.uniqueEmail("audited" + i), "name", "Audited " + i))).status()).isEqualTo(201);
        }
        issuerKeys.rotate(program.owner().actor(), program.slug());

        signInAnew(program.owner().email(), EarningWorld.PASSWORD);
        open("/organizations/" + program.slug() + "/audit");
        waitForText("Audit log");
        assertThat(pageText()).contains("award.issued").contains("signing-keys.rotated");
        type("audit-action", "signing-keys.rotated");
        click("Search");
        waitForText("Showing 1–1 of 1 entries");
        String table = find(By.tagName("table")).getText();
        assertThat(table).contains("signing-keys.rotated").contains(program.owner().email()).doesNotContain("award.issued");

        click("Check the chain now");
        waitForText("The chain holds");
        assertThat(find(By.id("verdict")).getText()).doesNotContain("broken");
        screenshot("audit-log");
    }

    @Test
    void staffSubscribeAnEndpointSeeTheDeliveryInTheLogAndSendItAgain() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            EarningWorld world = new EarningWorld(context, admin(), baseUrl());
            EarningWorld.Program program = world.program("hookpage", EarningWorld.onlyDemonstration());
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";

            signInAnew(program.owner().email(), EarningWorld.PASSWORD);
            open("/organizations/" + program.slug() + "/webhooks");
            waitForText("No endpoints yet.");
            type("webhook-url", url);
            type("webhook-description", "Our CRM");
            find(By.cssSelector("input[name='eventTypes'][value='award.issued']")).click();
            click("Add endpoint");
            waitForText("Copy its signing secret now");
            assertThat(find(By.id("new-secret")).getText()).startsWith("whsec_");

            click("Send a test event");
            waitForText("queued");
            new WebDriverWait(browser, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(500)).until(d -> {
                d.navigate().refresh();
                return d.findElement(By.tagName("main")).getText().contains("delivered");
            });
            assertThat(pageText()).contains("webhook.test");
            assertThat(received).hasSize(1);

            click("Send again");
            waitForText("will be sent again, with the same webhook-id");
            long until = System.currentTimeMillis() + 30_000;
            while (received.size() < 2 && System.currentTimeMillis() < until) Thread.sleep(100);
            assertThat(received).hasSize(2);
            assertThat(received.get(1)).as("the same webhook-id, so the receiver can de-duplicate").isEqualTo(received.get(0));
            screenshot("webhook-delivery-log");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void staffFindAPendingExternalCreditAndApproveIt() {
        CreditsFixture credits = new CreditsFixture(context, admin(), baseUrl());
        CreditsFixture.Association association = credits.association("creditpage");
        UUID badge = credits.microCredential(association, "Safety officer", null, null, 12);
        credits.credentialRule(association, "Safety officer", "CEU", "10", 1, "", badge);
        EarningWorld.Person learner = credits.world.person("Lena Learner", null);
        credits.award(association, badge, learner, LocalDate.now(ZoneOffset.UTC).minusDays(30));
        credits.report(association, learner, "Fire safety workshop", LocalDate.now(ZoneOffset.UTC).minusDays(3), "4", "CEU", null);

        signInAnew(association.owner().email(), EarningWorld.PASSWORD);
        open("/organizations/" + association.slug() + "/credits/external?status=pending");
        waitForText("Fire safety workshop");
        type("external-q", "no such course");
        click("Show");
        waitForText("No external credit reports match.");
        assertThat(find(By.tagName("main")).getText()).doesNotContain("Fire safety workshop");
        type("external-q", "fire safety");
        click("Show");
        waitForText("Showing 1–1 of 1 external credit reports");
        assertThat(pageText()).contains("Fire safety workshop").contains("4 CEU");
        click("Approve");
        waitForText("Approved 4 CEU for " + learner.email());
        screenshot("external-credits");
    }

    @Test
    void staffRenewACredentialFromTheRequestsList() {
        CreditsFixture credits = new CreditsFixture(context, admin(), baseUrl());
        CreditsFixture.Association association = credits.association("renewpage");
        UUID badge = credits.microCredential(association, "Crane operator", null, null, 24);
        EarningWorld.Person holder = credits.world.person("Carl Crane", null);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Award old = credits.award(association, badge, holder, today.minusMonths(24).plusDays(10));
        renewals.request(holder.actor(), old.id(), "Logged 400 hours this year.", today);

        signInAnew(association.owner().email(), EarningWorld.PASSWORD);
        open("/organizations/" + association.slug() + "/renewals");
        waitForText("Renewal requests");
        waitForText("Carl Crane");
        assertThat(pageText()).contains("Logged 400 hours this year.").contains("Crane operator");
        click("Renew");
        waitForText("Renewed: Carl Crane has the new credential.");
        screenshot("renewals");
    }

    @Test
    void staffSetPricesPerMemberTypeAndABadLineIsNamed() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        EarningWorld.Program program = world.program("typeprices", EarningWorld.onlyDemonstration());

        signInAnew(program.owner().email(), EarningWorld.PASSWORD);
        open("/organizations/" + program.slug() + "/catalog/" + program.achievementId());
        waitForText("Prices per member type");
        type("prices", "student 99");
        click("Save prices per member type");
        waitForText("Write each line as \"member type = price\"");
        type("prices", "student = 99.00\nretired = 49.50");
        click("Save prices per member type");
        waitForText("Prices per member type saved.");
        assertThat(find(By.id("prices")).getAttribute("value")).contains("student").contains("99.00").contains("retired").contains("49.50");
        screenshot("member-type-prices");
    }
}
