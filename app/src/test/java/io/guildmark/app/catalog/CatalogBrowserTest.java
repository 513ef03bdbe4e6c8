package io.guildmark.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

class CatalogBrowserTest extends BrowserTest {

    @Test
    void searchingTheCatalogUpdatesResultsAsOneTypesAndKeepsTheAddress() {
        String slug = Fixtures.createOrganization(admin(), "ironworkers");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        for (String name : new String[] {"Structural Welding", "Crane Signalling"}) {
            String id = key.post("/api/v1/organizations/" + slug + "/achievements", CatalogFixture.apiBody(name)).json().get("id").asText();
            key.post("/api/v1/organizations/" + slug + "/achievements/" + id + "/publish", Map.of());
        }

        open("/catalog?organization=" + slug);
        waitForText("2 micro-credentials");
        type("q", "welding");
        waitForText("1 micro-credential");
        assertThat(pageText()).contains("Structural Welding").doesNotContain("Crane Signalling");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("q=welding"));
        screenshot("catalog-search");

        find(By.linkText("Structural Welding")).click();
        waitForText("How to earn it");
        assertThat(pageText()).contains("Confined space entry", "Offered by");
        browser.manage().window().setSize(new Dimension(375, 800));
        screenshot("achievement-phone");
    }

    @Test
    void designerFixesAnInvalidFormWithTheKeyboard() {
        String email = Fixtures.uniqueEmail("keyboard");
        WebSession web = new WebSession(baseUrl());
        web.submit("/signup", "/signup", "name", "Keyboard Designer", "email", email, "password", "correct horse battery");
        web.get(Mailbox.await(email, "Confirm").firstLinkContaining("/email/verify/"));
        web.signIn(email, "correct horse battery");
        String slug = Fixtures.uniqueSlug("keys");
        web.submit("/organizations/new", "/organizations/new", "slug", slug, "name", "Keyboard Guild", "website", "", "email", "", "description", "");

        open("/signin");
        type("email", email);
        type("password", "correct horse battery");
        find(By.id("password")).sendKeys(Keys.ENTER);
        waitForText("Dashboard");
        open("/organizations/" + slug + "/catalog/new");
        find(By.id("f-name")).sendKeys("Keyboard Only", Keys.ENTER);
        WebElement summary = find(By.id("error-summary"));
        assertThat(summary.getAttribute("role")).isEqualTo("alert");
        assertThat(summary.getText()).contains("Enter a description.");
        assertThat(find(By.id("f-description")).getAttribute("aria-invalid")).isEqualTo("true");
        screenshot("editor-errors");

        click("Add another alignment");
        waitForText("Alignment 2");
        type("f-description", "Works without a mouse.");
        type("f-criteria-narrative", "Tab through every field.");
        find(By.id("f-name")).sendKeys(Keys.ENTER);
        waitForText("Draft saved");
        click("Publish");
        waitForText("Published as version 1");
        screenshot("editor-published");
    }
}
