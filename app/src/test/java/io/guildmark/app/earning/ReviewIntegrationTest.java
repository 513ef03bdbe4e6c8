package io.guildmark.app.earning;

import static io.guildmark.app.earning.PeerReviewFixture.design;
import static io.guildmark.app.earning.PeerReviewFixture.pdf;
import static io.guildmark.app.earning.PeerReviewFixture.responses;
import static io.guildmark.app.earning.PeerReviewFixture.review;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Peer review: blind pages, who is assigned, consolidation and tiebreaks, refusals, reminders, reassignment and staff override. */
class ReviewIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Submissions submissions;
    @Autowired Reviews reviews;
    @Autowired Oversight oversight;
    @Autowired Enrollments enrollments;

    EarningWorld world;

    @BeforeEach
    void world() {
        world = new EarningWorld(context, admin(), baseUrl());
    }

    private EarningWorld.Program program(String stem, int reviewersPerSubmission) {
        return world.program(stem, EarningWorld.only(design(reviewersPerSubmission, 2, List.of("pdf"), 25)));
    }

    /** A learner who enrolled and submitted a complete work product. */
    private Submission submitted(EarningWorld.Program program, EarningWorld.Person learner) {
        Enrollment e = world.enroll(learner, program);
        submissions.saveDraft(learner.actor(), e.id(), responses("My retrospective"), false);
        return submissions.submit(learner.actor(), e.id());
    }

    private List<Review> reviewsOf(UUID submissionId) {
        return db.sql("select * from reviews where submission_id = ? order by assigned_at, id").param(submissionId).query(Review::row).list();
    }

    private Review openReviewOf(UUID submissionId, EarningWorld.Person reviewer) {
        return reviewsOf(submissionId).stream().filter(r -> r.open() && r.reviewerId().equals(reviewer.id())).findFirst().orElseThrow();
    }

    private Submission reload(UUID submissionId) {
        return db.sql("select * from submissions where id = ?").param(submissionId).query(Submission::row).single();
    }

    @Test
    void theReviewPageShowsNeitherTheLearnersNameNorEmailNorEmployer() {
        var program = program("blind", 1);
        var reviewer = world.member(program, Role.REVIEWER, "Rita Reviewer", "Harbor Consulting");
        var learner = world.person("Quentin Quokkafield", "Zebrafin Widgets Ltd");
        Enrollment e = world.enroll(learner, program);
        submissions.saveDraft(learner.actor(), e.id(), responses("Our retro"), false);
        submissions.upload(learner.actor(), e.id(), "Quentin-Quokkafield-retro.pdf", pdf("notes"));
        Submission s = submissions.submit(learner.actor(), e.id());
        Review assigned = openReviewOf(s.id(), reviewer);

        var session = PeerReviewFixture.Session.signedIn(baseUrl(), reviewer.email(), EarningWorld.PASSWORD);
        String page = session.get("/reviews/" + assigned.id()).body();
        String queue = session.get("/reviews").body();
        var file = session.get("/submissions/" + s.id() + "/files/" + db.sql("select id from submission_files where submission_id = ?")
                .param(s.id()).query(UUID.class).single());

        assertThat(page).contains("Our retro", "File 1.pdf", "Send review", "Facilitation", "This review is blind");
        for (String revealing : List.of("Quentin", "Quokkafield", learner.email(), "Zebrafin", "Widgets Ltd")) {
            assertThat(page).doesNotContain(revealing);
            assertThat(queue).doesNotContain(revealing);
            assertThat(file.header("Content-Disposition")).doesNotContain(revealing);
        }
        assertThat(file.header("Content-Disposition")).contains("File 1.pdf");
        assertThat(Mailbox.await(reviewer.email(), "A work product to review").body()).doesNotContain("Quentin").contains("/reviews/" + assigned.id());
    }

    @Test
    void aReviewerIsNeverTheLearnerNorAColleagueAtTheLearnersEmployer() {
        var program = program("conflicts", 2);
        var learner = world.member(program, Role.REVIEWER, "Lou Learner-Reviewer", "Acme Shipping");
        var colleague = world.member(program, Role.REVIEWER, "Cole Colleague", "ACME shipping");
        var outsider = world.member(program, Role.REVIEWER, "Olga Outsider", "Bluewater Ports");

        Submission s = submitted(program, learner);

        assertThat(reviewsOf(s.id())).singleElement().satisfies(r -> assertThat(r.reviewerId()).isEqualTo(outsider.id()));
        assertThat(reload(s.id()).state()).as("one of two reviewers found: it waits for a second").isEqualTo(Submission.State.SUBMITTED);
        assertThat(oversight.pageAt(program.owner().actor(), program.slug(), new Oversight.Filter(null, null, Submission.State.SUBMITTED, null, null,
                Oversight.Sort.NEWEST), 0, 50).items()).singleElement().satisfies(line -> {
            assertThat(line.needsReviewer()).isTrue();
            assertThat(line.reviewersMissing()).isEqualTo(1);
        });
        assertThat(reviewsOf(s.id())).noneMatch(r -> r.reviewerId().equals(colleague.id()) || r.reviewerId().equals(learner.id()));
        assertThatThrownBy(() -> oversight.addReviewer(program.owner().actor(), program.slug(), s.id(), colleague.id()))
                .isInstanceOf(Problem.class).hasMessageContaining("cannot review this work product");
    }

    @Test
    void theLeastLoadedReviewerGetsTheNextWorkProduct() {
        var program = program("balance", 1);
        var first = world.member(program, Role.REVIEWER, "Fay First", null);
        var second = world.member(program, Role.REVIEWER, "Sid Second", null);

        Submission one = submitted(program, world.person("Ann One", null));
        Submission two = submitted(program, world.person("Ben Two", null));
        Submission three = submitted(program, world.person("Cy Three", null));

        UUID reviewerOfOne = reviewsOf(one.id()).get(0).reviewerId();
        UUID reviewerOfTwo = reviewsOf(two.id()).get(0).reviewerId();
        assertThat(List.of(reviewerOfOne, reviewerOfTwo)).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(reviewsOf(three.id())).hasSize(1);
        long firstLoad = count("reviews where reviewer_id = '" + first.id() + "' and state = 'assigned'");
        long secondLoad = count("reviews where reviewer_id = '" + second.id() + "' and state = 'assigned'");
        assertThat(Math.abs(firstLoad - secondLoad)).isLessThanOrEqualTo(1);
    }

    @Test
    void twoReviewersWhoDisagreeBringInAThirdWhoseVerdictDecides() {
        var program = program("tiebreak", 2);
        var a = world.member(program, Role.REVIEWER, "Ada A", null);
        var b = world.member(program, Role.REVIEWER, "Bo B", null);
        var c = world.member(program, Role.REVIEWER, "Cai C", null);
        var learner = world.person("Tia Tiebreak", null);
        Submission s = submitted(program, learner);
        List<Review> firstTwo = reviewsOf(s.id());
        assertThat(firstTwo).hasSize(2);
        assertThat(reload(s.id()).state()).isEqualTo(Submission.State.IN_REVIEW);
        var people = Map.of(a.id(), a, b.id(), b, c.id(), c);

        reviews.complete(people.get(firstTwo.get(0).reviewerId()).actor(), firstTwo.get(0).id(), review("exemplary", "meets"));
        assertThat(reload(s.id()).state()).as("one review is not yet a decision").isEqualTo(Submission.State.IN_REVIEW);
        reviews.complete(people.get(firstTwo.get(1).reviewerId()).actor(), firstTwo.get(1).id(), review("beginning", "not_yet"));

        assertThat(reload(s.id()).state()).isEqualTo(Submission.State.TIEBREAK);
        Review third = reviewsOf(s.id()).stream().filter(Review::tiebreak).findFirst().orElseThrow();
        assertThat(third.reviewerId()).isNotIn(firstTwo.get(0).reviewerId(), firstTwo.get(1).reviewerId());
        assertThat(Mailbox.await(people.get(third.reviewerId()).email(), "A work product to review").body()).contains("third reviewer");

        reviews.complete(people.get(third.reviewerId()).actor(), third.id(), review("meets", "meets"));

        Submission decided = reload(s.id());
        assertThat(decided.state()).isEqualTo(Submission.State.MEETS);
        assertThat(decided.decision()).isEqualTo("meets");
        assertThat(decided.levels()).as("per criterion the lower level of those who said meets")
                .isEqualTo(Map.of("facilitation", "meets", "actions", "meets"));
        assertThat(enrollments.find(decided.enrollmentId()).orElseThrow().state()).isEqualTo(Enrollment.State.AWARDED);
    }

    @Test
    void twoReviewersWhoAgreeDecideWithoutATiebreak() {
        var program = program("agree", 2);
        var a = world.member(program, Role.REVIEWER, "Ida Agree", null);
        var b = world.member(program, Role.REVIEWER, "Jo Agree", null);
        Submission s = submitted(program, world.person("Kim Consensus", null));
        reviews.complete(a.actor(), openReviewOf(s.id(), a).id(), review("beginning", "not_yet"));
        reviews.complete(b.actor(), openReviewOf(s.id(), b).id(), review("meets", "not_yet"));

        Submission decided = reload(s.id());
        assertThat(decided.state()).isEqualTo(Submission.State.NOT_YET);
        assertThat(decided.levels()).isEqualTo(Map.of("facilitation", "beginning", "actions", "beginning"));
        assertThat(reviewsOf(s.id())).noneMatch(Review::tiebreak);
    }

    @Test
    void meetsWithACriterionBelowItsRequiredLevelIsRefusedAndEveryCriterionNeedsALevelAndFeedback() {
        var program = program("consistent", 1);
        var reviewer = world.member(program, Role.REVIEWER, "Val Valid", null);
        Submission s = submitted(program, world.person("Nat Notyet", null));
        Review r = openReviewOf(s.id(), reviewer);

        var mixed = new Reviews.ReviewForm(Map.of("facilitation", "beginning", "actions", "exemplary"),
                Map.of("facilitation", "Needs structure.", "actions", "Great actions."), "", "meets");
        assertThatThrownBy(() -> reviews.complete(reviewer.actor(), r.id(), mixed))
                .isInstanceOf(Problem.class).hasMessageContaining("\"Facilitation\" is below it");
        var incomplete = new Reviews.ReviewForm(Map.of("facilitation", "meets"), Map.of("facilitation", " "), null, "not_yet");
        assertThatThrownBy(() -> reviews.complete(reviewer.actor(), r.id(), incomplete)).isInstanceOf(Problem.class)
                .satisfies(t -> assertThat(((Problem) t).fieldErrors()).extracting(Problem.FieldError::field)
                        .contains("level.actions", "feedback.facilitation", "feedback.actions"));

        assertThat(reviewsOf(s.id())).singleElement().satisfies(still -> assertThat(still.open()).isTrue());
        assertThat(reload(s.id()).state()).isEqualTo(Submission.State.IN_REVIEW);
    }

    @Test
    void reviewingTwiceIsRefusedAndChangesNothing() {
        var program = program("twice", 1);
        var reviewer = world.member(program, Role.REVIEWER, "Tess Twice", null);
        Submission s = submitted(program, world.person("Uma Once", null));
        Review r = openReviewOf(s.id(), reviewer);
        reviews.complete(reviewer.actor(), r.id(), review("beginning", "not_yet"));

        assertThatThrownBy(() -> reviews.complete(reviewer.actor(), r.id(), review("exemplary", "meets")))
                .isInstanceOf(Problem.class).hasMessageContaining("You reviewed this work product on")
                .satisfies(t -> assertThat(((Problem) t).code()).isEqualTo("already-reviewed"));
        assertThat(reviewsOf(s.id())).singleElement().satisfies(done -> assertThat(done.verdict()).isEqualTo("not_yet"));
        assertThat(reload(s.id()).state()).isEqualTo(Submission.State.NOT_YET);
    }

    @Test
    void aReviewSentAfterItWasReassignedIsRefused() {
        var program = program("reassigned", 1);
        var first = world.member(program, Role.REVIEWER, "Fen First", null);
        var second = world.member(program, Role.REVIEWER, "Gus Second", null);
        Submission s = submitted(program, world.person("Hal Learner", null));
        Review original = reviewsOf(s.id()).get(0);
        var originalReviewer = original.reviewerId().equals(first.id()) ? first : second;
        var other = originalReviewer == first ? second : first;

        Review moved = oversight.reassign(program.owner().actor(), program.slug(), original.id(), other.id());

        assertThat(moved.reviewerId()).isEqualTo(other.id());
        assertThatThrownBy(() -> reviews.complete(originalReviewer.actor(), original.id(), review("meets", "meets")))
                .isInstanceOf(Problem.class).hasMessageContaining("reassigned to another reviewer")
                .satisfies(t -> assertThat(((Problem) t).code()).isEqualTo("review-reassigned"));
        assertThat(reload(s.id()).state()).isEqualTo(Submission.State.IN_REVIEW);
        assertThat(Mailbox.await(originalReviewer.email(), "was reassigned").body()).contains("No need to finish it");
    }

    @Test
    void aReminderIsEmailedOnceWhenTheReviewIsDueWithinTwoDays() {
        var program = program("remind", 1);
        var reviewer = world.member(program, Role.REVIEWER, "Remy Reminded", null);
        Submission s = submitted(program, world.person("Lea Waiting", null));
        Review r = openReviewOf(s.id(), reviewer);

        reviews.sweep(r.dueAt().minus(Duration.ofDays(3)));
        assertThat(reviewsOf(s.id()).get(0).remindedAt()).as("three days before: too early").isNull();
        reviews.sweep(r.dueAt().minus(Duration.ofDays(1)));
        reviews.sweep(r.dueAt().minus(Duration.ofHours(2)));

        assertThat(reviewsOf(s.id()).get(0).remindedAt()).isNotNull();
        assertThat(Mailbox.await(reviewer.email(), "Reminder: your review").body()).contains("/reviews/" + r.id());
        assertThat(db.sql("select count(*) from earning_notices where email = ? and subject like 'Reminder:%'").param(reviewer.email())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anOverdueReviewIsReassignedToAnotherReviewerAndTheFirstIsTold() {
        var program = program("overdue", 1);
        var first = world.member(program, Role.REVIEWER, "Oda Overdue", null);
        var second = world.member(program, Role.REVIEWER, "Pim Prompt", null);
        Submission s = submitted(program, world.person("Ray Patient", null));
        Review late = reviewsOf(s.id()).get(0);
        var lateReviewer = late.reviewerId().equals(first.id()) ? first : second;
        var nextReviewer = lateReviewer == first ? second : first;
        Instant afterDue = late.dueAt().plus(Duration.ofHours(1));

        reviews.sweep(afterDue);

        List<Review> now = reviewsOf(s.id());
        assertThat(now).hasSize(2);
        assertThat(now.get(0).state()).isEqualTo(Review.State.REASSIGNED);
        assertThat(now.get(0).endedReason()).contains("not completed by");
        assertThat(now.get(1).open()).isTrue();
        assertThat(now.get(1).reviewerId()).isEqualTo(nextReviewer.id());
        assertThat(now.get(1).dueAt()).isEqualTo(afterDue.plus(Duration.ofDays(14)));
        assertThat(reload(s.id()).state()).isEqualTo(Submission.State.IN_REVIEW);
        assertThat(Mailbox.await(lateReviewer.email(), "went to another reviewer").body()).contains("No need to finish it");
        Mailbox.await(nextReviewer.email(), "A work product to review");
        assertThatThrownBy(() -> reviews.complete(lateReviewer.actor(), late.id(), review("meets", "meets")))
                .isInstanceOf(Problem.class).hasMessageContaining("reassigned");
    }

    @Test
    void anOverdueReviewWithNoOneToTakeItLeavesTheWorkProductWaitingForStaff() {
        var program = program("nobody", 1);
        var only = world.member(program, Role.REVIEWER, "Solo Reviewer", null);
        Submission s = submitted(program, world.person("Wes Waiting", null));
        Review late = openReviewOf(s.id(), only);

        reviews.sweep(late.dueAt().plus(Duration.ofMinutes(5)));

        assertThat(reload(s.id()).state()).isEqualTo(Submission.State.SUBMITTED);
        assertThat(oversight.pageAt(program.owner().actor(), program.slug(), Oversight.Filter.none(), 0, 50).items()).singleElement()
                .satisfies(line -> assertThat(line.needsReviewer()).isTrue());
        var newcomer = world.member(program, Role.REVIEWER, "Nia Newcomer", null);
        reviews.sweep(Instant.now());
        assertThat(reviewsOf(s.id())).anySatisfy(r -> {
            assertThat(r.open()).isTrue();
            assertThat(r.reviewerId()).isEqualTo(newcomer.id());
        });
        assertThat(reload(s.id()).state()).isEqualTo(Submission.State.IN_REVIEW);
    }

    @Test
    void staffDecideByOverrideWithARecordedReasonAndOpenReviewsAreWithdrawn() {
        var program = program("override", 1);
        var reviewer = world.member(program, Role.REVIEWER, "Wyn Withdrawn", null);
        Submission s = submitted(program, world.person("Xia Decided", null));
        var levels = Map.of("facilitation", "meets", "actions", "exemplary");

        assertThatThrownBy(() -> oversight.override(program.owner().actor(), program.slug(), s.id(), "meets", levels, " "))
                .isInstanceOf(Problem.class).hasMessageContaining("Record why");
        assertThatThrownBy(() -> oversight.override(reviewer.actor(), program.slug(), s.id(), "meets", levels, "I like it"))
                .isInstanceOf(Problem.class).satisfies(t -> assertThat(((Problem) t).kind()).isEqualTo(Problem.Kind.FORBIDDEN));
        assertThat(reload(s.id()).state()).isEqualTo(Submission.State.IN_REVIEW);

        Submission decided = oversight.override(program.owner().actor(), program.slug(), s.id(), "meets", levels,
                "Observed the retrospective ourselves at the spring meeting.");

        assertThat(decided.state()).isEqualTo(Submission.State.MEETS);
        assertThat(decided.decidedBy()).isEqualTo(program.owner().id());
        assertThat(decided.overrideReason()).isEqualTo("Observed the retrospective ourselves at the spring meeting.");
        assertThat(db.sql("select actor_label from audit_entries where action = 'submission.overridden' and object_id = ?")
                .param(s.id().toString()).query(String.class).list()).as("the override is in the audit log, with who decided")
                .containsExactly(program.owner().email());
        assertThat(decided.levels()).isEqualTo(levels);
        assertThat(reviewsOf(s.id())).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(Review.State.WITHDRAWN));
        assertThat(enrollments.find(s.enrollmentId()).orElseThrow().state()).isEqualTo(Enrollment.State.AWARDED);
        assertThatThrownBy(() -> oversight.override(program.owner().actor(), program.slug(), s.id(), "not_yet",
                Map.of("facilitation", "beginning", "actions", "beginning"), "Changed our mind"))
                .isInstanceOf(Problem.class).hasMessageContaining("already meets the standard");
    }

    @Test
    void aRefusedReviewIsShownAgainWithWhatTheReviewerWrote() {
        var program = program("refused", 1);
        var reviewer = world.member(program, Role.REVIEWER, "Ria Refused", null);
        Submission s = submitted(program, world.person("Sam Sender", null));
        Review r = openReviewOf(s.id(), reviewer);
        var session = PeerReviewFixture.Session.signedIn(baseUrl(), reviewer.email(), EarningWorld.PASSWORD);

        var refused = session.post("/reviews/" + r.id(), "/reviews/" + r.id(), "level.facilitation", "beginning", "level.actions", "meets",
                "feedback.facilitation", "Start with a check-in next time.", "feedback.actions", "", "verdict", "meets");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("Start with a check-in next time.", "Write feedback on &quot;Follow-up actions&quot;");
        assertThat(reviewsOf(s.id())).singleElement().satisfies(still -> assertThat(still.open()).isTrue());
        var sent = session.post("/reviews/" + r.id(), "/reviews/" + r.id(), "level.facilitation", "beginning", "level.actions", "meets",
                "feedback.facilitation", "Start with a check-in next time.", "feedback.actions", "Good owners.", "verdict", "not_yet");
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body()).contains("your review is sent (not yet)");
    }

    @Test
    void onlyHoldersReviewWhenTheDesignAsksForHolders() {
        var program = world.program("holders", EarningWorld.only(new io.guildmark.app.earning.model.EarningDesign.SubmissionDesign(
                "Answer for each criterion.", List.of(), 1, 0, true, 1, 1, true, true, 14, null)));
        var newcomer = world.member(program, Role.REVIEWER, "Ned Newcomer", null);
        var holder = world.member(program, Role.REVIEWER, "Hope Holder", null);
        var awarded = api().withToken(program.apiKey()).post("/api/v1/organizations/" + program.slug() + "/awards", Map.of(
                "achievementId", program.achievementId().toString(), "recipient", Map.of("email", holder.email(), "name", holder.name())));
        assertThat(awarded.status()).as(awarded.body()).isEqualTo(201);

        Submission s = submitted(program, world.person("Gil Learner", null));

        assertThat(reviewsOf(s.id())).singleElement().satisfies(r -> assertThat(r.reviewerId()).isEqualTo(holder.id()));
        assertThat(reviewsOf(s.id())).noneMatch(r -> r.reviewerId().equals(newcomer.id()));
    }

    @Test
    void staffDecideThroughTheirPageAndARefusedDecisionKeepsWhatTheyEntered() {
        var program = program("staffpage", 1);
        world.member(program, Role.REVIEWER, "Sue Slow", null);
        Submission s = submitted(program, world.person("Tom Decided", null));
        var staff = PeerReviewFixture.Session.signedIn(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        String page = "/organizations/" + program.slug() + "/submissions/" + s.id();

        var list = staff.get("/organizations/" + program.slug() + "/submissions?state=in_review");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Tom Decided", "Sue Slow", "In review");
        var refused = staff.post(page, page + "/decision", "decision", "meets", "level.facilitation", "meets", "level.actions", "exemplary",
                "reason", "");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("Record why");
        assertThat(reload(s.id()).state()).isEqualTo(Submission.State.IN_REVIEW);

        var decided = staff.post(page, page + "/decision", "decision", "not_yet", "level.facilitation", "beginning", "level.actions", "meets",
                "reason", "The notes are from a different team's retrospective.");
        assertThat(decided.status()).isEqualTo(200);
        assertThat(decided.body()).contains("Decided: not yet", "The notes are from a different team");
        assertThat(reload(s.id()).overrideReason()).isEqualTo("The notes are from a different team's retrospective.");
    }

    @Test
    void theReviewersDashboardListsOnlyTheirOwnAssignmentsWithTheirNumbers() {
        var program = program("dashboard", 1);
        var reviewer = world.member(program, Role.REVIEWER, "Dot Dashboard", null);
        Submission done = submitted(program, world.person("Eve Early", null));
        reviews.complete(reviewer.actor(), openReviewOf(done.id(), reviewer).id(), review("meets", "meets"));
        Submission open = submitted(program, world.person("Flo Later", null));

        Reviews.Dashboard dashboard = reviews.dashboard(reviewer.actor());

        assertThat(dashboard.queue()).singleElement().satisfies(a -> assertThat(a.reviewId()).isEqualTo(openReviewOf(open.id(), reviewer).id()));
        assertThat(dashboard.history()).singleElement().satisfies(a -> assertThat(a.meets()).isTrue());
        assertThat(dashboard.stats().completed()).isEqualTo(1);
        assertThat(dashboard.stats().meetsPercent()).isEqualTo(100);
        assertThat(dashboard.stats().medianTurnaroundDays()).isNotNull();
        assertThat(reviews.dashboard(world.person("Nobody Else", null).actor()).queue()).isEmpty();
    }
}
