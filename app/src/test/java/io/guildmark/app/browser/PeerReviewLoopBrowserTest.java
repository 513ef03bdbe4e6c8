package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The peer review loop in a real browser: a learner writes and uploads their work product and submits it; a reviewer
 * says "not yet" with feedback; the learner reads it and resubmits; a second review says "meets"; the badge is issued,
 * is in the learner's wallet, and verifies.
 */
class PeerReviewLoopBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;
    @Autowired Enrollments enrollments;

    @Test
    void aLearnerResubmitsAfterNotYetAndEarnsAVerifiableBadgeWhenTheReviewSaysMeets() throws Exception {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        EarningWorld.Program program = world.program("peerloop", EarningWorld.only(new EarningDesign.SubmissionDesign(
                "Run a retrospective with your team. Upload your notes as a PDF and answer for each criterion.", List.of("pdf"), 10, 3,
                true, 2, 1, false, true, 14, null)));
        EarningWorld.Person reviewer = world.member(program, Role.REVIEWER, "Rosa Reviewer", "Harbor Consulting");
        EarningWorld.Person learner = world.person("Lukas Learner", "Ocean Logistics");
        Path notes = Files.createTempFile("retro-notes", ".pdf");
        Files.write(notes, ("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII));

        // The learner finds the micro-credential in the catalog and enrolls, then writes, uploads a PDF and submits.
        signIn(learner.email());
        open("/achievements/" + program.achievementId());
        waitForText("Work product");
        click("Enroll");
        waitForText("You are enrolled");
        String workProduct = new java.net.URI(browser.getCurrentUrl()).getPath() + "/submission";
        Enrollment enrollment = enrollments.find(UUID.fromString(workProduct.split("/")[2])).orElseThrow();
        click("Work on your submission");
        waitForText("Save draft");
        type("response-facilitation", "I opened with a check-in and kept to the timebox.");
        type("response-actions", "We agreed on actions.");
        click("Save draft");
        waitForText("Draft saved.");
        find(By.id("file")).sendKeys(notes.toString());
        click("Upload");
        waitForText("Uploaded");
        assertThat(pageText()).contains(notes.getFileName().toString(), "I opened with a check-in");
        screenshot("peer-review-draft");
        click("Submit for review");
        waitForText("Submitted for review");
        assertThat(pageText()).contains("Waiting for review");

        // The reviewer opens their queue and says "not yet", with feedback.
        signOut();
        signIn(reviewer.email());
        open("/reviews");
        click("Review");
        waitForText("This review is blind");
        assertThat(pageText()).doesNotContain("Lukas").doesNotContain("Ocean Logistics").contains("File 1.pdf");
        find(By.id("level-facilitation-meets")).click();
        find(By.id("level-actions-beginning")).click();
        type("feedback-facilitation", "A calm, well-timed session.");
        type("feedback-actions", "Each action needs an owner and a date.");
        find(By.id("verdict-not-yet")).click();
        screenshot("peer-review-review");
        click("Send review");
        waitForText("your review is sent");

        // The learner reads the feedback and resubmits.
        signOut();
        Mailbox.await(learner.email(), "Feedback on your work product");
        signIn(learner.email());
        open(workProduct);
        waitForText("Each action needs an owner and a date.");
        screenshot("peer-review-feedback");
        click("Start a resubmission");
        waitForText("Resubmission started");
        type("response-actions", "We agreed on three actions, each with an owner and a date.");
        click("Submit for review");
        waitForText("Submitted for review");

        // A second review says "meets".
        signOut();
        signIn(reviewer.email());
        open("/reviews");
        click("Review");
        waitForText("Earlier rounds of this work product");
        find(By.id("level-facilitation-exemplary")).click();
        find(By.id("level-actions-meets")).click();
        type("feedback-facilitation", "A model session.");
        type("feedback-actions", "Clear owners and dates now.");
        find(By.id("verdict-meets")).click();
        click("Send review");
        waitForText("your review is sent");

        // The badge is issued: it is in the learner's wallet, and it verifies.
        signOut();
        UUID awardId = enrollments.find(enrollment.id()).orElseThrow().awardId();
        assertThat(awardId).as("the badge is issued once the second review says meets").isNotNull();
        signIn(learner.email());
        open("/wallet");
        waitForText("Run a peerloop retrospective");
        open(workProduct);
        waitForText("Your work product meets the standard");
        open("/verify?url=" + baseUrl() + "/credentials/" + awardId);
        waitForText("Run a peerloop retrospective");
        assertThat(find(By.id("verdict-heading")).getText()).isEqualTo("Verified");
        screenshot("peer-review-verified");
    }

    private void signIn(String email) {
        open("/signin");
        type("email", email);
        type("password", EarningWorld.PASSWORD);
        click("Sign in");
        waitForText("Dashboard");
    }

    private void signOut() {
        browser.manage().deleteAllCookies();
    }
}
