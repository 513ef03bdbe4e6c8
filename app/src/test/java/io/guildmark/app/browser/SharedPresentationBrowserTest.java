package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.OutsideVerifier;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** A learner picks badges to show together; a signed-out employer opens the one link and sees them all verified at once. */
class SharedPresentationBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;

    @Test
    void aLearnerSharesTwoBadgesUnderOneLinkAndASignedOutVisitorSeesThemVerifiedInOneGo() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        var learner = world.person("Priya Presents", null);
        String slug = Fixtures.createOrganization(admin(), "presenting");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        String first = award(key, slug, learner, "Incident Reporting");
        String second = award(key, slug, learner, "Ladder Inspection");

        signInAnew(learner.email(), EarningWorld.PASSWORD);
        for (String link : new String[] {first, second}) {
            open(link);
            waitForText(learner.email());
            click("Accept");
            waitForText("The badge is in your account");
        }
        open("/wallet");
        click("Share several badges");
        waitForText("Pick badges to show together");
        type("title", "For Harbor Works");
        for (var box : browser.findElements(By.name("awardId"))) box.click();
        click("Create link");
        waitForText("Your link is ready");
        String shared = find(By.cssSelector("input[id^='link-']")).getAttribute("value");
        assertThat(shared).startsWith(baseUrl() + "/presentations/");
        screenshot("shared-presentation-created");

        browser.manage().deleteAllCookies();
        browser.get(shared);
        waitForText("All 2 badges verified");
        assertThat(find(By.id("holder-binding")).getText()).contains("Held by Priya Presents", "proved it controls the e-mail address");
        assertThat(pageText()).contains("For Harbor Works", "Incident Reporting", "Ladder Inspection").doesNotContain("Sign out");
        assertThat(browser.findElements(By.cssSelector("[data-verdict='verified']"))).hasSize(2);
        screenshot("shared-presentation-public");

        // The machine-readable set an employer's own verifier checks: every credential in it verifies.
        String vp = api().get(find(By.id("presentation-json")).getAttribute("href")).body();
        OutsideVerifier outside = new OutsideVerifier();
        var credentials = Json.createReader(new java.io.StringReader(vp)).readObject().getJsonArray("verifiableCredential");
        assertThat(credentials).hasSize(2);
        for (JsonValue credential : credentials) {
            assertThat(outside.verifier.verify(credential.toString().getBytes(StandardCharsets.UTF_8), "application/vc+ld+json").verified()).isTrue();
        }
    }

    private String award(Api key, String slug, EarningWorld.Person learner, String badge) {
        String achievementId = Catalog.publishedMicroCredential(key, slug, badge);
        Api.Response created = key.post("/api/v1/organizations/" + slug + "/awards",
                Map.of("achievementId", achievementId, "recipient", Map.of("email", learner.email(), "name", learner.name())));
        assertThat(created.status()).isEqualTo(201);
        return Mailbox.await(learner.email(), "You earned " + badge).firstLinkContaining("/claim/");
    }
}
