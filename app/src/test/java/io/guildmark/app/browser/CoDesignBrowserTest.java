package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.guildmark.app.catalog.CatalogFixture;
import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.EarningWorld;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** An employer partner comments on a shared draft and signs it off in a real browser; the designer sees both. */
class CoDesignBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;

    @Test
    void anEmployerPartnerCommentsOnADraftAndSignsOffAndTheDesignerSeesBoth() {
        CreditsFixture fixture = new CreditsFixture(context, admin(), baseUrl());
        CreditsFixture.Association association = fixture.association("cdbrowser");
        CreditsFixture.Association employer = fixture.employer("cdacme");
        fixture.partners(association, employer);
        EarningWorld.Person endorser = fixture.member(employer, Role.ENDORSER, "Erin Endorser");
        EarningWorld.Person designer = fixture.member(association, Role.DESIGNER, "Dana Designer");
        Api key = api().withToken(association.apiKey());
        UUID draft = UUID.fromString(key.post("/api/v1/organizations/" + association.slug() + "/achievements",
                CatalogFixture.apiBody("Confined space entry")).json().get("id").asText());

        // The designer shares the draft with the partner from its co-design page.
        signInAnew(designer.email(), EarningWorld.PASSWORD);
        open("/organizations/" + association.slug() + "/catalog/" + draft);
        click("Co-design with employer partners");
        waitForText("Share with active employer partners");
        find(By.id("share-0")).click();
        click("Share the draft");
        waitForText("Shared.");

        // The partner's endorser finds it under Co-design, comments on the criteria and signs off.
        signInAnew(endorser.email(), EarningWorld.PASSWORD);
        open("/organizations/" + employer.slug() + "/co-design");
        click("Confined space entry");
        waitForText("Sign off this revision");
        find(By.cssSelector("#part-criteria summary")).click();
        type("comment-criteria", "Name the atmosphere test among the steps.");
        find(By.cssSelector("#form-comment-criteria button[type=submit]")).click();
        waitForText("Comment added.");
        assertThat(pageText()).contains("Name the atmosphere test among the steps.", "Erin Endorser");
        click("Sign off this revision");
        waitForText("Signed off for");

        // The designer sees the comment in place and the sign-off for the current revision.
        signInAnew(designer.email(), EarningWorld.PASSWORD);
        open("/organizations/" + association.slug() + "/co-design/" + draft);
        waitForText("Sign-offs");
        assertThat(find(By.id("part-criteria")).getText()).contains("Name the atmosphere test among the steps.");
        assertThat(find(By.id("sign-offs")).getText()).contains("Erin Endorser", "(this revision)");
        assertThat(find(By.cssSelector("#sign-offs tr.sign-off")).getAttribute("data-employer")).isEqualTo(employer.slug());
        screenshot("co-design-designer-view");
    }
}
