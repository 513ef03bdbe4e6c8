package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.EarningWorld;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** An association invites an employer from its Employer partners tab; the employer accepts from its Programs tab, in Chromium. */
class EmployerPartnersBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;

    @Test
    void anAssociationInvitesAnEmployerThatAcceptsAndThePublicPageNamesIt() {
        CreditsFixture fixture = new CreditsFixture(context, admin(), baseUrl());
        CreditsFixture.Association association = fixture.association("surveyors");
        CreditsFixture.Association employer = fixture.employer("mapping");

        signInAnew(association.owner().email(), EarningWorld.PASSWORD);
        open("/organizations/" + association.slug());
        click("Employer partners");
        waitForText("Invite an employer");
        type("partner-employer", "no-such-employer");
        click("Invite");
        waitForText("No employer organization has the short name");
        type("partner-employer", employer.slug());
        type("partner-message", "Help us design surveying micro-credentials.");
        click("Invite");
        waitForText("is invited");
        assertThat(find(By.id("partnerships")).getText()).contains("invited");

        signInAnew(employer.owner().email(), EarningWorld.PASSWORD);
        open("/organizations/" + employer.slug());
        click("Programs");
        waitForText("Programs you take part in");
        assertThat(pageText()).doesNotContain("Invite an employer");
        click("Accept");
        waitForText("You are now a partner of");
        assertThat(find(By.id("partnerships")).getText()).contains("active");

        open("/issuers/" + association.slug());
        waitForText("Employer partners");
        assertThat(find(By.id("employer-partners")).getText()).contains("mapping Employer Inc.");
        screenshot("employer-partners");
    }
}
