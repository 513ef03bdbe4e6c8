package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** Sharing from the badge page in Chromium: LinkedIn's add-to-profile link, share buttons, embed code, signature, QR code. */
class SharingBrowserTest extends BrowserTest {

    @org.springframework.beans.factory.annotation.Autowired org.springframework.context.ApplicationContext context;

    @Test
    @SuppressWarnings("unchecked")
    void theLinkedInLinkCarriesEveryField() throws Exception {
        String slug = Fixtures.createOrganization(admin(), "sharebrowser");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        String achievementId = Catalog.publishedMicroCredential(key, slug, "Lighthouse Keeping");
        Api.Response awarded = key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", Fixtures.uniqueEmail("lina"), "name", "Lina Lamp"),
                "validFrom", "2026-02-03T09:00:00Z", "validUntil", "2030-07-01T00:00:00Z"));
        assertThat(awarded.status()).isEqualTo(201);
        String id = awarded.json().get("id").asText();
        io.guildmark.app.support.Holders.acceptAndMakePublic(context, java.util.UUID.fromString(id));
        String page = baseUrl() + "/credentials/" + id;

        open(page);
        waitForText("Lighthouse Keeping");
        var link = find(By.linkText("Add to LinkedIn profile"));
        String href = link.getAttribute("href");
        assertThat(href).isEqualTo(page + "/share/linkedin-profile");
        // The button goes through our counting redirect; where it leads is LinkedIn's add-certification form.
        HttpResponse<Void> redirect = HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create(href)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(302);
        String linkedIn = redirect.headers().firstValue("Location").orElseThrow();
        // Parsed by the browser's own URL parser, as LinkedIn's page will read it.
        Map<String, String> fields = (Map<String, String>) ((JavascriptExecutor) browser).executeScript(
                "const u = new URL(arguments[0]); return Object.fromEntries(u.searchParams.entries());", linkedIn);
        assertThat(linkedIn).startsWith("https://www.linkedin.com/profile/add?");
        assertThat(fields).containsEntry("startTask", "CERTIFICATION_NAME").containsEntry("name", "Lighthouse Keeping")
                .containsEntry("organizationName", "Guild of sharebrowser").containsEntry("issueYear", "2026").containsEntry("issueMonth", "2")
                .containsEntry("expirationYear", "2030").containsEntry("expirationMonth", "7").containsEntry("certUrl", page)
                .containsEntry("certId", id);

        // The other share buttons, the embed code, the e-mail signature and the QR code are on the page too.
        assertThat(browser.findElements(By.cssSelector(".share-links a")).stream().map(a -> a.getText()).toList())
                .contains("Share on LinkedIn", "Share on X", "Share on Facebook", "Share by e-mail");
        assertThat(find(By.id("embed-code")).getAttribute("value")).startsWith("<blockquote").contains(page);
        assertThat(find(By.cssSelector("#signature-preview a")).getAttribute("href")).isEqualTo(page);
        assertThat(find(By.cssSelector("#signature-preview img")).getAttribute("src")).isEqualTo(page + ".png");
        assertThat(find(By.id("badge-qr")).getAttribute("src")).startsWith("data:image/svg+xml;base64,");
        Number qrWidth = (Number) ((JavascriptExecutor) browser).executeScript("return document.getElementById('badge-qr').naturalWidth;");
        assertThat(qrWidth.intValue()).isPositive();
        assertThat(browser.findElement(By.cssSelector("link[type='application/json+oembed']")).getAttribute("href"))
                .startsWith(baseUrl() + "/oembed?url=");
        screenshot("badge-sharing");
    }
}
