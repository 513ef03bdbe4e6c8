package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.accounts.User;
import io.guildmark.app.organizations.Members;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/** The life of a badge in a real browser: awarded, e-mailed, claimed, shared, downloaded, verified, revoked. */
class AwardClaimVerifyBrowserTest extends BrowserTest {

    private static final String PASSWORD = "a long enough password";

    @Autowired Accounts accounts;
    @Autowired Organizations organizations;
    @Autowired Members members;

    @Test
    void staffAwardLearnerClaimsAndAnyoneVerifiesTheDownloadedBadgeUntilItIsRevoked() throws Exception {
        String slug = Fixtures.createOrganization(admin(), "harbor");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        Catalog.publishedMicroCredential(key, slug, "Harbor Pilotage Basics");
        User staff = accounts.createVerified("Stella Staff", EmailAddress.of(Fixtures.uniqueEmail("stella")), PASSWORD, false);
        members.add(organizations.findBySlug(slug).orElseThrow().id(), staff.id(), Role.ISSUER);
        String learnerEmail = Fixtures.uniqueEmail("leo");
        accounts.createVerified("Leo Learner", EmailAddress.of(learnerEmail), PASSWORD, false);

        // Staff award the micro-credential.
        signIn(staff.email());
        open("/organizations/" + slug + "/awards");
        new Select(find(By.id("achievementId"))).selectByVisibleText("Harbor Pilotage Basics (version 1)");
        type("name", "Leo Learner");
        type("email", learnerEmail);
        find(By.id("evidenceNarrative")).sendKeys("Piloted the training vessel through the harbor entrance under supervision.");
        click("Award and e-mail the recipient");
        waitForText("Awarded to Leo Learner");

        // The learner follows the e-mailed link and claims it.
        browser.manage().deleteAllCookies();
        String claimLink = Mailbox.await(learnerEmail, "You earned Harbor Pilotage Basics").firstLinkContaining("/claim/");
        signIn(learnerEmail);
        open(claimLink);
        click("Accept");
        waitForText("The badge is in your account");
        assertThat(pageText()).contains("Verified", "Harbor Pilotage Basics", "Leo Learner", "Piloted the training vessel");
        String badgePage = browser.getCurrentUrl();
        screenshot("badge-page");

        // They download the baked PNG and anyone can check it on /verify.
        String pngUrl = find(By.partialLinkText("Badge image (PNG)")).getAttribute("href");
        Path png = Files.createTempFile("badge", ".png");
        Files.write(png, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pngUrl)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body());
        browser.manage().deleteAllCookies();
        open("/verify");
        find(By.id("file")).sendKeys(png.toString());
        click("Verify");
        waitForText("Harbor Pilotage Basics");
        assertThat(find(By.id("verdict-heading")).getText()).isEqualTo("Verified");
        screenshot("verify-verified");

        // Staff revoke it; every copy now fails.
        String awardId = badgePage.substring(badgePage.lastIndexOf('/') + 1);
        assertThat(key.post("/api/v1/awards/" + awardId + "/revoke", Map.of("reason", "Awarded to the wrong person")).status()).isEqualTo(200);
        open("/verify");
        find(By.id("file")).sendKeys(png.toString());
        click("Verify");
        waitForText("revoked");
        assertThat(find(By.id("verdict-heading")).getText()).containsIgnoringCase("revoked");
        screenshot("verify-revoked");
        open(badgePage);
        waitForText("Awarded to the wrong person");
    }

    private void signIn(String email) {
        open("/signin");
        type("email", email);
        type("password", PASSWORD);
        click("Sign in");
        waitForText("Dashboard");
    }
}
