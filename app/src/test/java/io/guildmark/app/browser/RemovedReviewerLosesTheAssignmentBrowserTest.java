package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.earning.Submission;
import io.guildmark.app.earning.Submissions;
import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A reviewer removed from the association in the middle of a review loses the assignment: sending the review is refused
 * with "you no longer review for …", their page says the review went to someone else, and the other reviewer, who now
 * has it, decides it and the learner earns the badge.
 */
class RemovedReviewerLosesTheAssignmentBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;
    @Autowired Enrollments enrollments;
    @Autowired Submissions submissions;

    @Test
    void aReviewerRemovedMidReviewLosesTheAssignmentAndAnotherReviewerDecides() {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        EarningWorld.Program program = world.program("midreview", EarningWorld.only(new EarningDesign.SubmissionDesign(
                "Run a retrospective and answer for each criterion.", List.of("pdf"), 10, 3, true, 2, 1, false, true, 14, null)));
        EarningWorld.Person first = world.member(program, Role.REVIEWER, "Remy Reviewer", null);
        EarningWorld.Person second = world.member(program, Role.REVIEWER, "Sasha Successor", null);
        EarningWorld.Person learner = world.person("Lior Learner", null);
        Enrollment e = world.enroll(learner, program);
        submissions.saveDraft(learner.actor(), e.id(), Map.of("facilitation", "I kept the timebox.", "actions", "Owners and dates."), false);
        Submission s = submissions.submit(learner.actor(), e.id());
        UUID assigneeId = db.sql("select reviewer_id from reviews where submission_id = ? and state = 'assigned'").param(s.id())
                .query(UUID.class).single();
        EarningWorld.Person removed = assigneeId.equals(first.id()) ? first : second;
        EarningWorld.Person successor = removed == first ? second : first;

        // The reviewer opens the review and starts filling it in.
        signIn(removed.email());
        open("/reviews");
        click("Review");
        waitForText("This review is blind");
        find(By.id("level-facilitation-exemplary")).click();
        find(By.id("level-actions-exemplary")).click();
        type("feedback-facilitation", "Calm and well timed.");
        type("feedback-actions", "Clear owners.");
        find(By.id("verdict-meets")).click();

        // Meanwhile the owner removes them on the Members page.
        WebSession owner = new WebSession(baseUrl());
        owner.signIn(program.owner().email(), EarningWorld.PASSWORD);
        String members = "/organizations/" + program.slug() + "/members";
        assertThat(owner.submit(members, members + "/" + removed.id() + "/remove").status()).isEqualTo(200);

        // Sending is refused with a clear answer, and nothing is decided.
        click("Send review");
        waitForText("You no longer review for");
        assertThat(pageText()).contains("You do not have access").doesNotContain("I kept the timebox.");
        screenshot("removed-reviewer-refused");
        assertThat(enrollments.find(e.id()).orElseThrow().state()).isEqualTo(Enrollment.State.ACTIVE);

        // Their own page says the review went to another reviewer.
        open("/reviews");
        waitForText("Nothing to review right now");
        assertThat(pageText()).contains("Reassigned", "no longer reviews for this organization");
        screenshot("removed-reviewer-history");

        // The other reviewer now has it and decides; the learner earns the badge.
        browser.manage().deleteAllCookies();
        signIn(successor.email());
        open("/reviews");
        click("Review");
        waitForText("This review is blind");
        find(By.id("level-facilitation-meets")).click();
        find(By.id("level-actions-meets")).click();
        type("feedback-facilitation", "Good timebox.");
        type("feedback-actions", "Owners and dates are there.");
        find(By.id("verdict-meets")).click();
        click("Send review");
        waitForText("your review is sent");
        assertThat(enrollments.find(e.id()).orElseThrow().state()).isEqualTo(Enrollment.State.AWARDED);
    }

    private void signIn(String email) {
        open("/signin");
        type("email", email);
        type("password", EarningWorld.PASSWORD);
        click("Sign in");
        waitForText("Dashboard");
    }
}
