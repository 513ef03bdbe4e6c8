package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.guildmark.app.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A person checks a badge on /verify in a real browser: pasting it, uploading it, and on a phone-sized screen. */
class VerificationPageBrowserTest extends BrowserTest {

    private String verdict() {
        return new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("verdict-heading"))).getText();
    }

    @Test
    void pastingASignedCredentialShowsVerifiedWithEveryCheck() {
        open("/verify");
        assertThat(find(By.tagName("h1")).getText()).isEqualTo("Verify a badge");
        type("credential", VerificationFixture.signedJson());
        click("Verify");

        assertThat(verdict()).isEqualTo("Verified");
        String page = pageText();
        assertThat(page).contains("Verified: Rigging inspection issued by Harbor Guild to Jane Doe")
                .contains("Signature: Passed").contains("Revocation: Not checked").contains("Harbor Guild").contains(VerificationFixture.ISSUER)
                .doesNotContain("claimed, not verified")
                .contains("Checked: the pasted credential");
        assertThat(find(By.cssSelector(".verdict")).getAttribute("role")).isEqualTo("status");
        screenshot("verify-pasted");
    }

    @Test
    void uploadingABakedPngShowsVerified() throws Exception {
        Path png = Files.createTempFile("rigging-inspection", ".png");
        Files.write(png, VerificationFixture.bakedPng());
        open("/verify");
        find(By.id("file")).sendKeys(png.toAbsolutePath().toString());
        click("Verify");

        assertThat(verdict()).isEqualTo("Verified");
        assertThat(pageText()).contains("Checked: the uploaded file").contains("a PNG image with a JSON credential baked in");
        screenshot("verify-uploaded-png");
    }

    @Test
    void aTamperedCredentialShowsNotVerifiedAndWhyAsAnAlert() {
        open("/verify");
        type("credential", VerificationFixture.tamperedJson());
        type("recipient", VerificationFixture.EMAIL);
        click("Verify");

        assertThat(verdict()).isEqualTo("Not verified");
        assertThat(pageText()).contains("Signature: Failed").contains("changed after it was signed")
                .contains("What the badge claims (not verified)").contains("claimed, not verified");
        assertThat(find(By.cssSelector("#issuer .claim-label")).getText()).isEqualTo("claimed, not verified");
        assertThat(find(By.cssSelector(".verdict")).getAttribute("role")).isEqualTo("alert");
    }

    @Test
    void thePageFitsAPhoneScreen() {
        browser.manage().window().setSize(new Dimension(375, 800));
        open("/verify");
        type("credential", VerificationFixture.jwt());
        click("Verify");

        assertThat(verdict()).isEqualTo("Verified");
        assertThat(pageText()).contains("a VC-JWT");
        Object wide = ((JavascriptExecutor) browser).executeScript("const w = document.documentElement.clientWidth;"
                + "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)"
                + ".map(e => e.tagName + '#' + e.id + '.' + e.className).slice(0, 5).join(', ');");
        assertThat(wide).as("elements wider than the screen").isEqualTo("");
        screenshot("verify-phone");
    }
}
