package io.guildmark.app.browser;

import static io.guildmark.app.pathways.PathwayWorld.allOf;
import static io.guildmark.app.pathways.PathwayWorld.atLeast;
import static io.guildmark.app.pathways.PathwayWorld.credits;
import static io.guildmark.app.pathways.PathwayWorld.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.pathways.LearnerPathways;
import io.guildmark.app.pathways.Pathway;
import io.guildmark.app.pathways.PathwayWorld;
import io.guildmark.app.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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

    @Test
    void pathwayPagesHaveNoSeriousAccessibilityViolations() throws IOException {
        PathwayWorld world = new PathwayWorld(context, admin());
        var association = world.association("access");
        UUID certificate = world.certificate(association, "Certified Accessible Facilitator");
        UUID one = world.microCredential(association, "Caption a video", 5);
        UUID two = world.microCredential(association, "Describe an image", 5);
        UUID three = world.microCredential(association, "Test with a screen reader", 5);
        UUID dive = world.microCredential(association, "Audit a whole site", null);
        Pathway credential = world.pathway(association, "Accessible facilitator", certificate,
                allOf("Required", step(one), atLeast("Electives", 1, step(two), step(three))));
        context.getBean(io.guildmark.app.pathways.Pathways.class).setDeeperDives(association.owner().actor(), association.slug(),
                credential.id(), List.of(dive));
        world.publish(association, credential.id());
        Pathway eligibility = world.pathway(association, "Accessibility certification eligibility", null,
                allOf("Required", credits("Credits", 10, one, two, three)));
        world.publish(association, eligibility.id());
        var learner = world.person("Ada Access");
        world.award(association, one, learner);
        world.award(association, two, learner);
        LearnerPathways learners = context.getBean(LearnerPathways.class);
        String token = learners.share(learner.actor(), credential.id());
        UUID eligibilityId = learners.standing(eligibility.id(), Optional.of(learner.actor())).eligibilityId();

        List<String> problems = new ArrayList<>();
        for (String page : List.of("/pathways", "/pathways/" + credential.id(), "/pathways/progress/" + token,
                "/pathways/eligibility/" + eligibilityId)) {
            problems.addAll(axe(page));
        }
        signIn(learner.email());
        for (String page : List.of("/pathways/mine", "/pathways/" + credential.id(), "/pathways/" + eligibility.id())) problems.addAll(axe(page));
        browser.manage().deleteAllCookies();
        signIn(association.owner().email());
        String staff = "/organizations/" + association.slug() + "/pathways";
        for (String page : List.of(staff, staff + "/" + credential.id(), staff + "/" + credential.id() + "/analytics",
                staff + "/" + eligibility.id() + "/analytics")) {
            problems.addAll(axe(page));
        }
        open(staff + "/" + credential.id());
        screenshot("pathway-editor");
        assertThat(problems).as("axe-core violations of moderate impact or worse").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<String> axe(String page) throws IOException {
        open(page);
        JavascriptExecutor js = (JavascriptExecutor) browser;
        try (InputStream in = PathwayBrowserTest.class.getResourceAsStream("/axe/axe.min.js")) {
            js.executeScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
                   .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical' || v.impact === 'moderate')
                       .map(v => v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
                   .catch(e => done(['axe failed: ' + e]));""");
        List<String> found = new ArrayList<>();
        for (Object violation : (List<Object>) result) found.add(page + " → " + violation);
        return found;
    }

    private void signIn(String email) {
        open("/signin");
        type("email", email);
        type("password", PathwayWorld.PASSWORD);
        click("Sign in");
        waitForText("Dashboard");
    }
}
