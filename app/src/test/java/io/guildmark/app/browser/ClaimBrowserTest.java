package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Claiming in a real browser: only the account that verified the address an award was sent to can accept it. */
class ClaimBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;
    @Autowired Awards awards;

    @Test
    void aSecondAccountOpeningAClaimLinkIsRefusedAndTheRightfulRecipientThenClaims() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        var rightful = world.person("Rosa Rightful", null);
        var second = world.person("Sam Second", null);
        String link = award(rightful.email(), "Rosa Rightful", "Tide Table Reading");

        signInAnew(second.email(), EarningWorld.PASSWORD);
        open(link);
        waitForText("Tide Table Reading");
        assertThat(find(By.id("claim-wrong-account")).getText())
                .contains("This badge was sent to " + rightful.email().charAt(0) + "***@example.org; add and verify that address");
        assertThat(browser.findElements(By.xpath("//main//button[normalize-space()='Accept']"))).isEmpty();
        assertThat(pageText()).doesNotContain(rightful.email());
        screenshot("claim-wrong-account");
        open("/wallet");
        assertThat(pageText()).doesNotContain("Tide Table Reading");

        signInAnew(rightful.email(), EarningWorld.PASSWORD);
        open(link);
        waitForText(rightful.email());
        click("Accept");
        waitForText("The badge is in your account");
        open("/wallet");
        waitForText("Tide Table Reading");
        assertThat(awards.held(rightful.actor())).extracting(Award::achievementName).containsOnlyOnce("Tide Table Reading");
        assertThat(awards.held(second.actor())).extracting(Award::achievementName).doesNotContain("Tide Table Reading");
    }

    @Test
    void aPersonAddsASecondEmailVerifiesItAndClaimsAnAwardSentThere() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        var person = world.person("Wanda Work", null);
        String work = Fixtures.uniqueEmail("wanda.work");
        String link = award(work, "Wanda Work", "Knot Tying for Riggers");

        signInAnew(person.email(), EarningWorld.PASSWORD);
        open(link);
        waitForText("add and verify that address");
        click("your e-mail addresses");
        waitForText("Your e-mail addresses");
        type("email", work);
        click("Add address");
        waitForText("We sent a confirmation link to " + work);
        assertThat(pageText()).contains("Waiting for confirmation");

        open(Mailbox.await(work, "Confirm this e-mail address").firstLinkContaining("/account/emails/verify/"));
        click("Confirm this address");
        waitForText(work + " is verified");
        screenshot("emails-verified");

        open(link);
        waitForText(work);
        click("Accept");
        waitForText("The badge is in your account");
        open("/wallet");
        waitForText("Knot Tying for Riggers");
    }

    /** Awards a new micro-credential of a new association to the address; answers the e-mailed claim link. */
    private String award(String email, String name, String badge) {
        String slug = Fixtures.createOrganization(admin(), "claimsbrowser");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        String achievementId = Catalog.publishedMicroCredential(key, slug, badge);
        Api.Response created = key.post("/api/v1/organizations/" + slug + "/awards",
                Map.of("achievementId", achievementId, "recipient", Map.of("email", email, "name", name)));
        assertThat(created.status()).isEqualTo(201);
        return Mailbox.await(email, "You earned " + badge).firstLinkContaining("/claim/");
    }
}
