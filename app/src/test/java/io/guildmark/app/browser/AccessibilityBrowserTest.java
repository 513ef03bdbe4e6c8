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
        for (String page : List.of("/dashboard", "/account", "/wallet", "/organizations/new", "/organizations/" + slug,
                "/organizations/" + slug + "/catalog", "/organizations/" + slug + "/catalog/new",
                "/organizations/" + slug + "/catalog/" + achievementId, "/organizations/" + slug + "/awards",
                "/organizations/" + slug + "/members", "/organizations/" + slug + "/api-keys",
                "/organizations/" + slug + "/keys", "/organizations/" + slug + "/settings")) {
            problems.addAll(check(page));
        }
        assertThat(problems).as("axe-core violations of moderate impact or worse").isEmpty();
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
