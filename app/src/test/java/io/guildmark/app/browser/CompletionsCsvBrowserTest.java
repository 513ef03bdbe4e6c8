package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Staff upload a learning system's completions in a real browser; the badges follow, and a second upload adds nothing. */
class CompletionsCsvBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;

    @Test
    void staffUploadCompletionsTwiceAndTheBadgesAreAwardedOnce() throws Exception {
        var world = new EarningWorld(context, admin(), baseUrl());
        var program = world.program("lmsupload", EarningWorld.onlyCompletion("FAC-101"));
        var learner = world.person("Lena Learner", null);
        Path csv = Files.createTempFile("completions", ".csv");
        Files.writeString(csv, "email,course_code,completed_at,name\n"
                + learner.email() + ",FAC-101,2026-01-15,\n"
                + "newcomer.csv@example.org,FAC-101,2026-01-16T09:00:00Z,Nora Newcomer\n");

        signIn(program.owner().email());
        open("/organizations/" + program.slug());
        click("Completions");
        waitForText("Upload completions");
        find(By.id("completions-file")).sendKeys(csv.toString());
        click("Upload completions");
        // Checked whole, then applied in the background: the job page shows the progress.
        waitForText("Completions upload");
        awaitCompleted();
        assertThat(find(By.id("job-awarded")).getText()).isEqualTo("2");
        screenshot("completions-uploaded");
        assertThat(Mailbox.await(learner.email(), "You earned").body()).contains("/credentials/");

        click("Upload another file");
        find(By.id("completions-file")).sendKeys(csv.toString());
        click("Upload completions");
        waitForText("Completions upload");
        awaitCompleted();
        assertThat(find(By.id("job-awarded")).getText()).isEqualTo("0");
        assertThat(find(By.id("job-recorded")).getText()).isEqualTo("2");
        assertThat(db.sql("select count(*) from awards where achievement_id = ?").param(program.achievementId())
                .query(Long.class).single()).isEqualTo(2);
    }

    private void awaitCompleted() {
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(60))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> "completed".equals(d.findElement(By.id("job-state")).getText()));
    }

    private void signIn(String email) {
        open("/signin");
        type("email", email);
        type("password", EarningWorld.PASSWORD);
        click("Sign in");
        waitForText("Dashboard");
    }
}
