package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** A new association, in a real browser: from signing up to its first micro-credential in the public catalog. */
class NewAssociationBrowserTest extends BrowserTest {

    @Test
    void staffSignUpConfirmTheirAddressCreateAnOrganizationAndPublishAMicroCredentialThePublicCanFind() {
        String email = Fixtures.uniqueEmail("founder");
        String slug = Fixtures.uniqueSlug("lighthouse");

        open("/signup");
        type("name", "Rosa Founder");
        type("email", email);
        type("password", "a long enough password");
        click("Create account");
        waitForText("Check your e-mail");

        open(Mailbox.await(email, "Confirm your e-mail").firstLinkContaining("/email/verify/"));
        waitForText("your e-mail address is confirmed");
        type("password", "a long enough password");
        click("Sign in");
        waitForText("Dashboard");

        click("Create an organization");
        type("name", "Lighthouse Keepers Association");
        type("slug", slug);
        type("website", "https://lighthouse.example.org");
        type("email", "office@lighthouse.example.org");
        type("description", "Keepers of the coast's lights since 1850.");
        click("Create organization");
        waitForText("Lighthouse Keepers Association is ready");

        open("/organizations/" + slug + "/catalog/new");
        type("f-name", "Fresnel Lens Maintenance");
        type("f-description", "Cleans, inspects and adjusts a first-order Fresnel lens safely.");
        type("f-criteria-narrative", "Demonstrate the full maintenance routine under observation by a senior keeper.");
        type("f-tags", "maintenance, optics");
        click("Add another alignment");
        type("f-alignments-0-targetName", "Optical systems care");
        type("f-alignments-0-targetUrl", "https://lighthouse.example.org/competencies/optics-1");
        click("Save");
        waitForText("Publish");
        click("Publish");
        waitForText("Latest published version: 1");
        screenshot("catalog-editor");

        // A new organization is listed publicly (and may issue) once the platform's operator has approved it.
        Fixtures.approve(admin(), slug);
        open("/catalog?q=Fresnel");
        waitForText("Fresnel Lens Maintenance");
        assertThat(pageText()).contains("Lighthouse Keepers Association");
        screenshot("public-catalog");
        find(By.linkText("Fresnel Lens Maintenance")).click();
        waitForText("Demonstrate the full maintenance routine");
        assertThat(pageText()).contains("Optical systems care");
    }
}
