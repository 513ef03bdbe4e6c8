package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.guildmark.app.pathways.Pathway;
import io.guildmark.app.pathways.Pathways;
import io.guildmark.app.pathways.RuleTree;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.EarningWorld;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Pages this session's features added, in Chromium as people use them: an administrator registers an OAuth client for
 * the VC-API and sees its secret once, a designer prices a pathway (a bad price named, nothing saved), and a signed-out
 * visitor reads the privacy page.
 */
class OrganizationSettingsPagesBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;
    @Autowired Pathways pathways;

    @Test
    void anAdministratorRegistersAnOAuthClientSeesItsSecretOnceAndRevokesIt() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        EarningWorld.Program program = world.program("oauthpage", EarningWorld.onlyDemonstration());

        signInAnew(program.owner().email(), EarningWorld.PASSWORD);
        open("/organizations/" + program.slug() + "/oauth-clients");
        waitForText("No OAuth clients yet.");
        type("client-name", "Registry system");
        click("Register client");
        waitForText("copy its secret now");
        String secret = find(By.id("new-client-secret")).getText();
        assertThat(secret).isNotBlank();
        assertThat(find(By.id("clients-count")).getText()).isEqualTo("Showing 1–1 of 1 clients (revoked ones included)");

        open("/organizations/" + program.slug() + "/oauth-clients");
        waitForText("Registry system");
        assertThat(pageText()).doesNotContain(secret);
        click("Revoke");
        waitForText("Revoked");
        screenshot("oauth-clients");
    }

    @Test
    void aDesignerPricesAPathwayAndABadPriceIsNamedWithNothingSaved() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        EarningWorld.Program program = world.program("pricepage", EarningWorld.onlyDemonstration());
        var owner = program.owner().actor();
        Pathway pathway = pathways.create(owner, program.slug(), new Pathways.Details("Priced track", "One step.",
                Pathway.CapstoneKind.ELIGIBILITY, null));
        pathways.editRules(owner, program.slug(), pathway.id(), new RuleTree.AddStep("", program.achievementId()));
        String page = "/organizations/" + program.slug() + "/pathways/" + pathway.id();

        signInAnew(program.owner().email(), EarningWorld.PASSWORD);
        open(page);
        waitForText("Save the prices");
        type("nonMemberPrice", "-5");
        click("Save the prices");
        waitForText("The amount cannot be negative.");
        assertThat(find(By.id("nonMemberPrice")).getAttribute("value")).isEmpty();

        type("nonMemberPrice", "49.50");
        type("memberPrice", "29");
        click("Save the prices");
        waitForText("Prices saved: learners pay to start this pathway.");
        assertThat(find(By.id("nonMemberPrice")).getAttribute("value")).isEqualTo("49.50");
        assertThat(find(By.id("memberPrice")).getAttribute("value")).isEqualTo("29.00");
    }

    @Test
    void aSignedOutVisitorReadsWhatThePlatformStoresAndShares() {
        open("/privacy");
        waitForText("What we store");
        assertThat(find(By.tagName("h1")).getText()).isEqualTo("Privacy");
        assertThat(pageText()).contains("What others see").contains("What you control");
    }
}
