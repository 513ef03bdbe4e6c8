package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.EarningWorld;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** An employer's endorser endorses a partner association's micro-credential from the employer's pages, in Chromium. */
class EndorsementBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;

    @Test
    void anEndorserEndorsesAPublishedMicroCredentialAndTheCatalogShowsItVerified() {
        CreditsFixture fixture = new CreditsFixture(context, admin(), baseUrl());
        CreditsFixture.Association association = fixture.association("welders");
        CreditsFixture.Association employer = fixture.employer("shipyard");
        fixture.partners(association, employer);
        UUID microCredential = fixture.microCredential(association, "Weld a pressure vessel", null, null, null);
        EarningWorld.Person endorser = fixture.member(employer, Role.ENDORSER, "Eve Endorser");
        String statement = "Our shipyard hires welders who hold this micro-credential.";

        signInAnew(endorser.email(), EarningWorld.PASSWORD);
        open("/organizations/" + employer.slug());
        click("Endorsements");
        waitForText("Endorse a micro-credential");
        new Select(find(By.id("endorse-subject"))).selectByVisibleText("Weld a pressure vessel");
        type("endorse-statement", statement);
        click("Endorse");
        waitForText("You endorsed Weld a pressure vessel");
        assertThat(find(By.id("endorsements")).getText()).contains(statement, "active");

        open("/achievements/" + microCredential);
        waitForText("Endorsed by employers");
        assertThat(find(By.id("endorsements")).getText()).contains(statement, "Employer Inc.");
        find(By.cssSelector("#endorsements .endorsement a[href*='/endorsements/']")).click();
        waitForText("Verified");
        assertThat(find(By.id("endorsement-statement")).getText()).isEqualTo(statement);
        assertThat(pageText()).contains("endorses", "Weld a pressure vessel");
        screenshot("endorsement-verified");
    }
}
