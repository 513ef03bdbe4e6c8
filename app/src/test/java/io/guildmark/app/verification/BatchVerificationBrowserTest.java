package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * An employer uploads a ZIP of 50 badges their candidates sent (three revoked, one tampered with, and one that the
 * ZIP's CSV says a candidate showed although it was issued to someone else), watches the progress finish and reads
 * the table.
 */
class BatchVerificationBrowserTest extends BrowserTest {

    @Autowired
    ApplicationContext context;

    @Test
    void anEmployerUploadsAZipOfFiftyBadgesAndReadsTheTable() throws Exception {
        BatchFixture issuer = new BatchFixture(admin(), baseUrl(), "batch-browser");
        List<String> names = List.of("Alex Rivera", "Bea Lind", "Chen Wu", "Dana Okafor", "Eli Moreau");
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<BatchFixture.Badge> toRevoke = new java.util.ArrayList<>();
        for (int i = 0; i < 48; i++) {
            String name = names.get(i % names.size());
            BatchFixture.Badge badge = issuer.award(Fixtures.uniqueEmail(name.split(" ")[0].toLowerCase()), name);
            files.put(name.replace(' ', '-') + "/badge-" + i + ".png", issuer.png(badge));
            if (i < 3) toRevoke.add(badge);
        }
        BatchFixture.Badge tampered = issuer.award(Fixtures.uniqueEmail("chen"), "Chen Wu");
        files.put("Chen-Wu/edited.json", issuer.tampered(tampered).getBytes(StandardCharsets.UTF_8));
        BatchFixture.Badge someoneElses = issuer.award(Fixtures.uniqueEmail("finn"), "Finn Berg");
        String gretaEmail = Fixtures.uniqueEmail("greta");
        files.put("candidates.csv", ("url,name,email\n" + someoneElses.url() + ",Greta Holm," + gretaEmail + "\n").getBytes(StandardCharsets.UTF_8));
        toRevoke.forEach(issuer::revoke);
        Path zip = Files.createTempFile("candidates", ".zip");
        Files.write(zip, BatchFixture.zip(files));
        EarningWorld.Person employer = new EarningWorld(context, admin(), baseUrl()).person("Erin Employer", null);
        signInAnew(employer.email(), EarningWorld.PASSWORD);

        open("/verify");
        click("Check many badges at once");
        find(By.id("files")).sendKeys(zip.toAbsolutePath().toString());
        click("Check the badges");

        WebElement progress = find(By.id("batch-progress"));
        assertThat(progress.getAttribute("max")).isEqualTo("100");
        // htmx swaps the progress section every second: an element found just before a swap is stale, so look again.
        new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> "done".equals(d.findElement(By.id("batch")).getAttribute("data-state")));
        assertThat(find(By.id("batch-status")).getText()).contains("Done").contains("50 of 50 badges checked");
        assertThat(find(By.id("batch-progress")).getAttribute("value")).isEqualTo("100");
        assertThat(find(By.id("summary-heading")).getText()).isEqualTo("45 of 50 verified");

        List<WebElement> rows = browser.findElements(By.cssSelector("#batch-table tr.badge-row"));
        assertThat(rows).hasSize(50);
        assertThat(browser.findElements(By.cssSelector("tr.badge-row[data-verdict='revoked']"))).hasSize(3);
        assertThat(browser.findElements(By.cssSelector("tr.badge-row[data-verdict='verified']"))).hasSize(45);
        WebElement edited = browser.findElement(By.xpath("//tr[contains(@class,'badge-row')][contains(., 'Chen-Wu/edited.json')]"));
        assertThat(edited.getText()).contains("Not verified").contains("signature does not match");
        WebElement mismatch = browser.findElement(By.cssSelector("tr.badge-row[data-recipient='MISMATCH']"));
        assertThat(mismatch.getText()).contains("Issued to someone else, not " + gretaEmail);
        assertThat(pageText()).contains("Greta Holm <" + gretaEmail + ">").contains("Alex Rivera").contains("Eli Moreau");
        assertThat(find(By.id("download-csv")).getAttribute("href")).endsWith("/results.csv");
        assertThat(find(By.id("download-pdf")).getAttribute("href")).endsWith("/report.pdf");
        screenshot("batch-verification-table");

        open("/verify/batches");
        assertThat(pageText()).contains("candidates").contains("45 of 50");
    }
}
