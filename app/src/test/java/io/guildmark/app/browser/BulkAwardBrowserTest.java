package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.EarningWorld;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Staff upload 500 awards in a real browser, watch the progress bar reach 100 %, download the results; the same file again awards nothing. */
class BulkAwardBrowserTest extends BrowserTest {

    private static final int ROWS = 500;

    @Autowired ApplicationContext context;

    @Test
    void staffUploadFiveHundredAwardsWatchTheProgressAndTheSameFileAgainAwardsNothing() throws Exception {
        var world = new EarningWorld(context, admin(), baseUrl());
        var program = world.program("bulkui", EarningWorld.onlyCompletion("BULK-1"));
        Path csv = Files.createTempFile("awards", ".csv");
        StringBuilder rows = new StringBuilder("email,name,micro_credential,evidence_narrative\n");
        for (int i = 0; i < ROWS; i++) {
            rows.append("bulk").append(i).append('.').append(program.slug()).append("@example.org,Member ").append(i).append(',')
                    .append(program.achievementId()).append(",Attended the ").append(i).append("th meeting.\n");
        }
        Files.writeString(csv, rows);

        signIn(program.owner().email());
        open("/organizations/" + program.slug() + "/awards");
        click("Upload a CSV file of awards");
        waitForText("Upload a file of awards");
        find(By.id("award-file")).sendKeys(csv.toString());
        click("Check the file and start awarding");
        waitForText("Bulk award job");
        assertThat(find(By.id("job-progress-bar")).getTagName()).isEqualTo("progress");
        awaitCompleted();
        assertThat(find(By.id("job-progress-bar")).getAttribute("value")).isEqualTo("100");
        assertThat(find(By.id("job-awarded")).getText()).isEqualTo(String.valueOf(ROWS));
        screenshot("bulk-awards-completed");

        String results = download(find(By.id("job-results")).getAttribute("href"));
        List<String> lines = results.lines().toList();
        assertThat(lines).hasSize(ROWS + 1);
        assertThat(lines.get(0)).isEqualTo("line,email,name,micro_credential,outcome,award_id,credential_url,message");
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).contains(",awarded,").contains("/credentials/"));

        open("/organizations/" + program.slug() + "/award-jobs");
        find(By.id("award-file")).sendKeys(csv.toString());
        click("Check the file and start awarding");
        waitForText("Bulk award job");
        awaitCompleted();
        assertThat(find(By.id("job-awarded")).getText()).isEqualTo("0");
        assertThat(find(By.id("job-skipped")).getText()).isEqualTo(String.valueOf(ROWS));
        assertThat(db.sql("select count(*) from awards where achievement_id = ?").param(program.achievementId())
                .query(Long.class).single()).isEqualTo(ROWS);

        open("/organizations/" + program.slug() + "/award-jobs");
        assertThat(browser.findElements(By.cssSelector("tr[data-job]"))).hasSize(2);
    }

    /** The page polls its progress panel; wait until the panel says the job is completed. */
    private void awaitCompleted() {
        new WebDriverWait(browser, Duration.ofSeconds(150)).pollingEvery(Duration.ofMillis(500))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> "completed".equals(d.findElement(By.id("job-state")).getText()));
    }

    /** Fetches a link with the browser's own session, as clicking it would. */
    private String download(String href) {
        Object text = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);", href);
        return (String) text;
    }

    private void signIn(String email) {
        open("/signin");
        type("email", email);
        type("password", EarningWorld.PASSWORD);
        click("Sign in");
        waitForText("Dashboard");
    }
}
