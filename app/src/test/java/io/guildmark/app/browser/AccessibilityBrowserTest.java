package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pages people use, checked in Chromium with axe-core against the WCAG 2.x A and AA rules (our aim is WCAG 2.2 AA):
 * no violation of moderate, serious or critical impact on any of them.
 */
class AccessibilityBrowserTest extends BrowserTest {

    private static final String PASSWORD = "accessible password 1";

    @Autowired Accounts accounts;
    @Autowired Organizations organizations;
    @Autowired Members members;

    @Test
    void publicAndStaffPagesHaveNoSeriousAccessibilityViolations() throws IOException {
        String slug = Fixtures.createOrganization(admin(), "a11y");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        String achievementId = Catalog.publishedMicroCredential(key, slug, "Accessible Facilitation");
        String credentialUrl = key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", Fixtures.uniqueEmail("learner"), "name", "Alex Able"))).json().get("credentialUrl").asText();
        // A pending badge is private: the learner accepts it and makes it public, so a visitor can open its page.
        io.guildmark.app.support.Holders.acceptAndMakePublic(context, java.util.UUID.fromString(credentialUrl.substring(credentialUrl.lastIndexOf('/') + 1)));
        User owner = accounts.createVerified("Olive Owner", EmailAddress.of(Fixtures.uniqueEmail("owner")), PASSWORD, false);
        members.add(organizations.findBySlug(slug).orElseThrow().id(), owner.id(), Role.OWNER);

        List<String> problems = new ArrayList<>();
        for (String page : List.of("/", "/catalog", "/achievements/" + achievementId, "/issuers/" + slug, credentialUrl,
                "/verify", "/verify?url=" + credentialUrl, "/signin", "/signup", "/password/forgot")) {
            problems.addAll(check(page));
        }
        open("/signin");
        type("email", owner.email());
        type("password", PASSWORD);
        click("Sign in");
        waitForText("Dashboard");
        for (String page : List.of("/dashboard", "/account", "/wallet", "/profile", "/organizations/new", "/organizations/" + slug,
                "/organizations/" + slug + "/catalog", "/organizations/" + slug + "/catalog/new",
                "/organizations/" + slug + "/catalog/" + achievementId, "/organizations/" + slug + "/awards",
                "/organizations/" + slug + "/members", "/organizations/" + slug + "/api-keys",
                "/organizations/" + slug + "/keys", "/organizations/" + slug + "/settings")) {
            problems.addAll(check(page));
        }
        assertThat(problems).as("axe-core violations of moderate impact or worse").isEmpty();
    }

    @Autowired org.springframework.context.ApplicationContext context;
    @Autowired io.guildmark.app.earning.Submissions submissions;

    @Test
    void earningPagesOfLearnersReviewersAndStaffHaveNoSeriousAccessibilityViolations() throws IOException {
        // The assessment attempt and result pages are checked by AssessmentBrowserTest, the pathway pages by PathwayBrowserTest.
        var world = new io.guildmark.app.support.EarningWorld(context, admin(), baseUrl());
        var design = new io.guildmark.app.earning.model.EarningDesign(null, io.guildmark.app.support.EarningWorld.assessmentDefaults(),
                io.guildmark.app.support.EarningWorld.submissionDefaults(),
                new io.guildmark.app.earning.model.EarningDesign.DemonstrationDesign("Facilitate while an assessor observes."), null, List.of());
        var program = world.program("a11yearn", design);
        var reviewer = world.member(program, Role.REVIEWER, "Rhea Reviewer", "Reviewing Ltd");
        var learner = world.person("Lee Learner", "Learning Inc");
        var enrollment = world.enroll(learner, program);
        submissions.saveDraft(learner.actor(), enrollment.id(), Map.of("facilitation", "I kept to the timebox.", "actions", "Owners and dates."), false);
        var submitted = submissions.submit(learner.actor(), enrollment.id());
        String reviewId = db.sql("select id from reviews where submission_id = ?").param(submitted.id()).query(String.class).single();
        String learnerHome = "/learning/" + enrollment.id();

        List<String> problems = new ArrayList<>();
        problems.addAll(check("/achievements/" + program.achievementId() + "/rubrics/1"));
        signInAs(learner.email(), io.guildmark.app.support.EarningWorld.PASSWORD);
        for (String page : List.of("/learning", learnerHome, learnerHome + "/assessment",
                learnerHome + "/submission", "/notices", "/credits", "/renewals")) {
            problems.addAll(check(page));
        }
        browser.manage().deleteAllCookies();
        signInAs(reviewer.email(), io.guildmark.app.support.EarningWorld.PASSWORD);
        problems.addAll(check("/reviews"));
        problems.addAll(check("/reviews/" + reviewId));
        browser.manage().deleteAllCookies();
        signInAs(program.owner().email(), io.guildmark.app.support.EarningWorld.PASSWORD);
        String org = "/organizations/" + program.slug();
        for (String page : List.of(org + "/enrollments", org + "/submissions", org + "/submissions/" + submitted.id(),
                org + "/demonstrations", org + "/demonstrations/" + enrollment.id(), org + "/completions", org + "/credits",
                org + "/renewals", org + "/catalog/" + program.achievementId() + "/earning")) {
            problems.addAll(check(page));
        }
        assertThat(problems).as("axe-core violations of moderate impact or worse").isEmpty();
    }

    private void signInAs(String email, String password) {
        open("/signin");
        type("email", email);
        type("password", password);
        click("Sign in");
        waitForText("Dashboard");
    }

    @SuppressWarnings("unchecked")
    private List<String> check(String page) throws IOException {
        open(page);
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axeSource());
        browser.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(30));
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

    private static String axe;

    private static synchronized String axeSource() throws IOException {
        if (axe == null) {
            try (InputStream in = AccessibilityBrowserTest.class.getResourceAsStream("/axe/axe.min.js")) {
                axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return axe;
    }
}
