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

    /** Waits for text while pages change under it (a page being replaced is asked again, not failed). */
    private void awaitText(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    @Test
    void searchingTheCatalogUpdatesResultsAsOneTypesAndKeepsTheAddress() {
        String slug = Fixtures.createOrganization(admin(), "ironworkers");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        for (String name : new String[] {"Structural Welding", "Crane Signalling"}) {
            String id = key.post("/api/v1/organizations/" + slug + "/achievements", CatalogFixture.apiBody(name)).json().get("id").asText();
            key.post("/api/v1/organizations/" + slug + "/achievements/" + id + "/publish", Map.of());
        }

        open("/catalog?organization=" + slug);
        awaitText("2 micro-credentials");
        type("q", "welding");
        awaitText("1 micro-credential");
        assertThat(pageText()).contains("Structural Welding").doesNotContain("Crane Signalling");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("q=welding"));
        screenshot("catalog-search");

        find(By.linkText("Structural Welding")).click();
        awaitText("How to earn it");
        assertThat(pageText()).contains("Confined space entry", "Offered by");
        browser.manage().window().setSize(new Dimension(375, 800));
        screenshot("achievement-phone");
    }

    @Test
    void aLargeCatalogIsBrowsedPageByPageAndSearchingFindsWhatIsOnALaterPage() {
        String slug = Fixtures.createOrganization(admin(), "pageturners");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        for (int i = 1; i <= CatalogPages.PAGE_SIZE + 2; i++) {
            io.guildmark.app.support.Catalog.publishedMicroCredential(key, slug, String.format("Rigging Step %02d", i));
        }

        open("/catalog?organization=" + slug);
        awaitText("Showing 1–24 of 26");
        assertThat(pageText()).contains("26 micro-credentials", "Rigging Step 24").doesNotContain("Rigging Step 25");
        find(By.linkText("Next page")).click();
        awaitText("Showing 25–26 of 26");
        assertThat(pageText()).contains("Rigging Step 26").doesNotContain("Rigging Step 01");

        type("q", "step 03");
        awaitText("1 micro-credential");
        assertThat(pageText()).contains("Rigging Step 03").doesNotContain("Rigging Step 26", "Showing");
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
        awaitText("Dashboard");
        open("/organizations/" + slug + "/catalog/new");
        find(By.id("f-name")).sendKeys("Keyboard Only", Keys.ENTER);
        WebElement summary = find(By.id("error-summary"));
        assertThat(summary.getAttribute("role")).isEqualTo("alert");
        assertThat(summary.getText()).contains("Enter a description.");
        assertThat(find(By.id("f-description")).getAttribute("aria-invalid")).isEqualTo("true");
        screenshot("editor-errors");

        click("Add another alignment");
        awaitText("Alignment 2");
        type("f-description", "Works without a mouse.");
        type("f-criteria-narrative", "Tab through every field.");
        find(By.id("f-name")).sendKeys(Keys.ENTER);
        awaitText("Draft saved");
        click("Publish");
        awaitText("Published as version 1");
        screenshot("editor-published");

        // Import from the editor: one bad row and nothing is imported; then the fixed file imports every row as drafts.
        long before = count("achievements");
        open("/organizations/" + slug + "/catalog");
        find(By.id("import-file")).sendKeys(file("name,description,criteria\nGood,Fine,Do it\n,No name,Do it\n").toString());
        click("Import");
        awaitText("Row 2: Enter a name.");
        assertThat(count("achievements")).isEqualTo(before);
        screenshot("editor-import-errors");
        find(By.id("import-file")).sendKeys(file("name,description,criteria\nGood,Fine,Do it\nNamed,Fine too,Do it\n").toString());
        click("Import");
        awaitText("Imported 2 micro-credentials as drafts.");
        assertThat(count("achievements")).isEqualTo(before + 2);
    }

    private static java.nio.file.Path file(String csv) {
        try {
            java.nio.file.Path path = java.nio.file.Files.createTempFile("catalog", ".csv");
            java.nio.file.Files.writeString(path, csv);
            return path;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
