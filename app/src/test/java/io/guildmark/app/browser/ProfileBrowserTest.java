package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The story in a real browser: accept a badge, make it public, build a collection, and a visitor sees the profile. */
class ProfileBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;

    @Test
    void aLearnerAcceptsABadgeMakesItPublicBuildsACollectionAndASignedOutVisitorSeesTheProfile() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        var learner = world.person("Lena Learner", null);
        String slug = Fixtures.createOrganization(admin(), "profilebrowser");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        String achievementId = Catalog.publishedMicroCredential(key, slug, "Harbour Pilotage");
        Api.Response created = key.post("/api/v1/organizations/" + slug + "/awards",
                Map.of("achievementId", achievementId, "recipient", Map.of("email", learner.email(), "name", "Lena Learner")));
        assertThat(created.status()).isEqualTo(201);
        String awardId = created.json().get("id").asText();
        String link = Mailbox.await(learner.email(), "You earned Harbour Pilotage").firstLinkContaining("/claim/");

        // Before accepting, a visitor finds nothing at the badge's address.
        open("/credentials/" + awardId);
        waitForText("We could not find that page");
        assertThat(pageText()).doesNotContain("Harbour Pilotage");

        signInAnew(learner.email(), EarningWorld.PASSWORD);
        open(link);
        click("Accept");
        waitForText("The badge is in your account");

        open("/wallet");
        waitForText("Harbour Pilotage");
        new Select(find(By.id("visibility-" + awardId))).selectByValue("public");
        click("Save");
        waitForText("Harbour Pilotage is now public.");

        open("/profile");
        waitForText("Your profile is off");
        String handle = "lena-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        find(By.id("enabled")).click();
        type("handle", handle);
        type("headline", "Harbour pilot in training");
        click("Save profile");
        waitForText("public at /people/" + handle);
        type("collection-name", "Seamanship");
        click("Create collection");
        waitForText("The collection Seamanship is created");
        click("Add");
        waitForText("The badge is in the collection.");
        screenshot("profile-settings");

        browser.manage().deleteAllCookies();
        open("/people/" + handle);
        waitForText("Lena Learner");
        assertThat(pageText()).contains("Harbour pilot in training", "Seamanship", "Harbour Pilotage", "Valid", "Issued by");
        assertThat(browser.findElement(By.cssSelector("meta[property='og:title']")).getAttribute("content")).isEqualTo("Lena Learner");
        screenshot("profile-public");
        click("Harbour Pilotage");
        waitForText("Verified");
        assertThat(pageText()).contains("Harbour Pilotage", "Lena Learner");
    }
}
