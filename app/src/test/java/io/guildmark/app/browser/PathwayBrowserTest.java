package io.guildmark.app.browser;

import static io.guildmark.app.pathways.PathwayWorld.allOf;
import static io.guildmark.app.pathways.PathwayWorld.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import io.guildmark.app.pathways.Pathway;
import io.guildmark.app.pathways.PathwayWorld;
import io.guildmark.app.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** A learner walks a pathway in a real browser: three micro-credentials earned, the certificate issued by itself. */
class PathwayBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;

    @Test
    void aLearnerEarnsThreeMicroCredentialsAlongAPathwayAndTheCertificateIsIssuedAndVerifiesListingItsParts() {
        PathwayWorld world = new PathwayWorld(context, admin());
        var association = world.association("harbour");
        UUID certificate = world.certificate(association, "Certified Harbour Pilot");
        UUID charts = world.microCredential(association, "Read nautical charts", null);
        UUID tides = world.microCredential(association, "Predict the tides", null);
        UUID berthing = world.microCredential(association, "Berth a vessel", null);
        Pathway pathway = world.pathway(association, "Harbour pilot pathway", certificate,
                allOf("Required", step(charts), step(tides), step(berthing)));
        world.publish(association, pathway.id());
        var learner = world.person("Pia Pilot");

        // The learner finds the pathway and starts it.
        signIn(learner.email());
        open("/pathways/" + pathway.id());
        click("Start this pathway");
        waitForText("You are on this pathway");
        assertThat(pageText()).contains("0%", "Next suggested step: Read nautical charts", "Certified Harbour Pilot");
        assertThat(browser.findElements(By.cssSelector("svg[role=img] g.node.available"))).hasSize(3);

        // The association awards the three micro-credentials through its API as the learner earns them.
        world.award(association, charts, learner);
        open("/pathways/" + pathway.id());
        waitForText("33%");
        assertThat(find(By.cssSelector("svg[role=img] g.node.earned text.detail")).getText()).startsWith("✓ Earned");
        world.award(association, tides, learner);
        world.award(association, berthing, learner);

        // The certificate was issued by itself; the map shows every step earned.
        open("/pathways/" + pathway.id());
        waitForText("You completed this pathway");
        assertThat(pageText()).contains("100%");
        assertThat(browser.findElements(By.cssSelector("svg[role=img] g.node.earned"))).hasSize(3);
        assertThat(find(By.cssSelector("svg[role=img] desc")).getAttribute("textContent")).contains("3 earned");
        screenshot("pathway-completed");

        // It is in the learner's badges, and its page verifies and lists the three parts.
        open("/wallet");
        click("Certified Harbour Pilot");
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("/credentials/"));
        waitForText("Verified");
        assertThat(pageText()).contains("Certified Harbour Pilot", "Pia Pilot", "Evidence", "Read nautical charts", "Predict the tides",
                "Berth a vessel");
        assertThat(browser.findElements(By.xpath("//section[h2='Evidence']//a[contains(@href,'/credentials/')]"))).hasSize(3);
        screenshot("certificate-with-parts");

        // Each part is a credential of its own that verifies too.
        browser.findElements(By.xpath("//section[h2='Evidence']//a[contains(@href,'/credentials/')]")).get(0).click();
        waitForText("Verified");
        assertThat(pageText()).contains("Read nautical charts");
    }

    private void signIn(String email) {
        open("/signin");
        type("email", email);
        type("password", PathwayWorld.PASSWORD);
        click("Sign in");
        waitForText("Dashboard");
    }
}
