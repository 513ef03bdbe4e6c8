package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.earning.model.EarningDesign.AssessmentDesign;
import io.guildmark.app.earning.model.Question;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A learner takes assessments in a real browser: passes one and earns the badge, fails another and must wait. */
class AssessmentBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;
    @Autowired Enrollments enrollments;

    @Test
    void aLearnerPassesOneAssessmentAndEarnsTheBadgeThenFailsAnotherAndSeesWhenToTryAgain() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        AssessmentDesign untimed = EarningWorld.assessmentDefaults();
        AssessmentDesign timed = new AssessmentDesign(untimed.questions(), untimed.questionsDrawn(), untimed.passMarkPercent(), 2, 24, 15);
        var program = world.program("browserquiz", EarningWorld.only(untimed));
        UUID remote = world.anotherMicroCredential(program, "Run a remote retrospective", EarningWorld.only(timed));
        var learner = world.person("Quinn Quizzer", null);
        Enrollment first = world.enroll(learner, program);
        Enrollment second = enrollments.enroll(learner.actor(), remote);

        signIn(learner.email());

        // Passing the only requirement issues the badge.
        open("/learning/" + first.id() + "/assessment");
        waitForText("Pass mark");
        assertThat(pageText()).contains("75%", "0 of 2 used, 2 left");
        assertNoAccessibilityViolations();
        click("Start attempt");
        waitForText("Submit answers");
        assertNoAccessibilityViolations();
        answer(untimed, true);
        screenshot("assessment-answering");
        click("Submit answers");
        waitForText("You scored 100%");
        assertThat(pageText()).contains("Passed", "Correct answer:");
        assertNoAccessibilityViolations();
        screenshot("assessment-passed");
        Mailbox.await(learner.email(), "You earned Run a browserquiz retrospective");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d ->
                enrollments.find(first.id()).orElseThrow().state() == Enrollment.State.AWARDED);

        // Failing a timed one shows the feedback, not the answers, and when the next attempt opens.
        open("/learning/" + second.id() + "/assessment");
        waitForText("15 minutes");
        click("Start attempt");
        waitForText("Submit answers");
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> d.findElement(By.id("time-left")).getText().matches("1[45]:\\d\\d"));
        answer(timed, false);
        screenshot("assessment-timed");
        assertNoAccessibilityViolations();
        click("Submit answers");
        waitForText("Not passed");
        assertThat(pageText()).contains("You scored 0%", "Every voice counts.", "1 attempt is left").doesNotContain("Correct answer:");
        screenshot("assessment-failed");
        click("Back to the assessment");
        waitForText("You can try again after");
        Instant started = db.sql("select started_at from assessment_attempts where enrollment_id = ?").param(second.id())
                .query(java.sql.Timestamp.class).single().toInstant();
        assertThat(pageText()).contains("You can try again after " + opens(started.plus(Duration.ofHours(24)))).doesNotContain("Start attempt");
        screenshot("assessment-cooling-down");
        assertNoAccessibilityViolations();
    }

    /** Answers the open attempt on the page, every question rightly or every one wrongly. */
    private void answer(AssessmentDesign design, boolean right) {
        String path = browser.getCurrentUrl();
        UUID attemptId = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
        List<String> ids = JsonMapper.builder().build().readValue(db.sql("select question_ids from assessment_attempts where id = ?")
                .param(attemptId).query(String.class).single(), new TypeReference<List<String>>() {});
        for (int i = 0; i < ids.size(); i++) {
            String field = "answer-" + i;
            Question q = design.question(ids.get(i)).orElseThrow();
            if (q instanceof Question.TrueFalse t) find(By.id(field + "-" + (right == t.correct()))).click();
            if (q instanceof Question.SingleChoice s) {
                int correct = s.options().indexOf(s.correct());
                find(By.id(field + "-" + (right ? correct : (correct + 1) % s.options().size()))).click();
            }
            if (q instanceof Question.MultipleChoice m) {
                for (int o = 0; o < m.options().size(); o++) {
                    if (m.correct().contains(m.options().get(o)) == right) find(By.id(field + "-" + o)).click();
                }
            }
            if (q instanceof Question.ShortAnswer) type(field, right ? "five" : "seven");
        }
    }

    /** The same axe-core check as {@code AccessibilityBrowserTest}, on the page the learner is on. */
    @SuppressWarnings("unchecked")
    private void assertNoAccessibilityViolations() {
        String axe;
        try (var in = getClass().getResourceAsStream("/axe/axe.min.js")) {
            axe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axe);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Object violations = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
                   .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical' || v.impact === 'moderate')
                       .map(v => v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
                   .catch(e => done(['axe failed: ' + e]));""");
        assertThat((List<Object>) violations).as("axe-core violations on " + browser.getCurrentUrl()).isEmpty();
    }

    private static String opens(Instant when) {
        return java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", java.util.Locale.ENGLISH)
                .withZone(java.time.ZoneOffset.UTC).format(when);
    }

    private void signIn(String email) {
        open("/signin");
        type("email", email);
        type("password", EarningWorld.PASSWORD);
        click("Sign in");
        waitForText("Dashboard");
    }
}
