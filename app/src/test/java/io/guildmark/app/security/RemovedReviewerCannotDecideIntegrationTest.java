package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.earning.Reviews;
import io.guildmark.app.earning.Submission;
import io.guildmark.app.earning.Submissions;
import io.guildmark.app.organizations.Members;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Finding: "a reviewer removed from the organization can still open and decide work products assigned to them (and the
 * badge is issued)". Membership and role are now checked on every access and decision, and a removed reviewer's open
 * assignments go back to the pool in the removal's own transaction.
 */
class RemovedReviewerCannotDecideIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Submissions submissions;
    @Autowired Reviews reviews;
    @Autowired Members members;
    @Autowired Enrollments enrollments;

    EarningWorld world;
    EarningWorld.Program program;
    EarningWorld.Person first;
    EarningWorld.Person second;
    EarningWorld.Person learner;
    Submission submitted;
    UUID fileId;

    /** A blind program with two reviewers and one reviewer per work product; a learner submits a work product with a file. */
    @BeforeEach
    void aWorkProductAssignedToOneOfTwoReviewers() {
        world = new EarningWorld(context, admin(), baseUrl());
        program = world.program("removed", EarningWorld.only(EarningWorld.submissionDefaults()));
        first = world.member(program, Role.REVIEWER, "Rhea Removed", null);
        second = world.member(program, Role.REVIEWER, "Stan Stays", null);
        learner = world.person("Lena Learner", null);
        Enrollment e = world.enroll(learner, program);
        submissions.saveDraft(learner.actor(), e.id(), Map.of("facilitation", "I ran it.", "actions", "We followed up."), false);
        fileId = submissions.upload(learner.actor(), e.id(), "notes.txt", "Retro notes".getBytes(StandardCharsets.UTF_8)).id();
        submitted = submissions.submit(learner.actor(), e.id());
    }

    private record Assigned(UUID id, UUID reviewerId, String state, String endedReason) {}

    private List<Assigned> assignments() {
        return db.sql("select id, reviewer_id, state, ended_reason from reviews where submission_id = ? order by assigned_at, id").param(submitted.id())
                .query((rs, n) -> new Assigned(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4))).list();
    }

    private EarningWorld.Person assignee() {
        UUID id = assignments().stream().filter(a -> a.state().equals("assigned")).findFirst().orElseThrow().reviewerId();
        return id.equals(first.id()) ? first : second;
    }

    private static Reviews.ReviewForm meets() {
        Map<String, String> levels = new LinkedHashMap<>();
        Map<String, String> feedback = new LinkedHashMap<>();
        for (String c : List.of("facilitation", "actions")) {
            levels.put(c, "exemplary");
            feedback.put(c, "Strong work on " + c + ".");
        }
        return new Reviews.ReviewForm(levels, feedback, "Well done.", "meets");
    }

    private Enrollment.State enrollmentState() {
        return enrollments.find(submitted.enrollmentId()).orElseThrow().state();
    }

    @Test
    void aRemovedReviewerCanNeitherOpenNorDecideNorDownloadAndTheWorkGoesToAnotherReviewerWhoDecides() {
        EarningWorld.Person removed = assignee();
        EarningWorld.Person other = removed == first ? second : first;
        UUID reviewId = assignments().get(0).id();
        WebSession browser = new WebSession(baseUrl());
        browser.signIn(removed.email(), EarningWorld.PASSWORD);
        assertThat(browser.get("/reviews/" + reviewId).status()).as("before removal").isEqualTo(200);

        members.remove(program.owner().actor(), program.slug(), removed.id());

        // The assignment went back to the pool and on to the other reviewer, in the same transaction.
        List<Assigned> after = assignments();
        assertThat(after).hasSize(2);
        assertThat(after.get(0).state()).isEqualTo("reassigned");
        assertThat(after.get(0).endedReason()).contains("no longer reviews");
        assertThat(after.get(1).reviewerId()).isEqualTo(other.id());
        assertThat(after.get(1).state()).isEqualTo("assigned");
        assertThat(Mailbox.await(removed.email(), "You no longer review for").body()).contains("went to other reviewers");

        // Every access and decision is refused with a clear answer, never a 500.
        assertThatThrownBy(() -> reviews.complete(removed.actor(), reviewId, meets())).isInstanceOf(Problem.class)
                .satisfies(t -> assertThat(((Problem) t).kind()).isEqualTo(Problem.Kind.FORBIDDEN))
                .hasMessageContaining("You no longer review for");
        assertThatThrownBy(() -> reviews.page(removed.actor(), reviewId)).isInstanceOf(Problem.class).hasMessageContaining("You no longer review for");
        assertThatThrownBy(() -> submissions.download(Optional.of(removed.actor()), submitted.id(), fileId))
                .isInstanceOf(Problem.class).satisfies(t -> assertThat(((Problem) t).kind()).isEqualTo(Problem.Kind.NOT_FOUND));
        WebSession.Page page = browser.get("/reviews/" + reviewId);
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("You no longer review for").doesNotContain("I ran it.");
        assertThat(browser.get("/submissions/" + submitted.id() + "/files/" + fileId).status()).isEqualTo(404);
        assertThat(enrollmentState()).isEqualTo(Enrollment.State.ACTIVE);

        // The reviewer who took it over decides, and the badge is issued on their review.
        reviews.complete(other.actor(), after.get(1).id(), meets());
        assertThat(enrollmentState()).isEqualTo(Enrollment.State.AWARDED);
    }

    @Test
    void aReviewerWhoseRoleNoLongerIncludesReviewingLosesTheAssignmentToo() {
        EarningWorld.Person demoted = assignee();
        UUID reviewId = assignments().get(0).id();

        members.setRoles(program.owner().actor(), program.slug(), demoted.id(), Set.of(Role.DESIGNER));

        assertThat(assignments().get(0).state()).isEqualTo("reassigned");
        assertThatThrownBy(() -> reviews.complete(demoted.actor(), reviewId, meets())).isInstanceOf(Problem.class)
                .hasMessageContaining("You no longer review for");
        assertThat(enrollmentState()).isEqualTo(Enrollment.State.ACTIVE);
    }

    @Test
    void aMembershipEndedBehindTheMembersPageIsRefusedAtOnceAndTheSweepReleasesTheAssignment() {
        EarningWorld.Person gone = assignee();
        UUID reviewId = assignments().get(0).id();
        db.sql("delete from memberships where organization_id = ? and user_id = ?").params(program.organizationId(), gone.id()).update();

        assertThatThrownBy(() -> reviews.complete(gone.actor(), reviewId, meets())).isInstanceOf(Problem.class)
                .hasMessageContaining("You no longer review for");
        assertThat(enrollmentState()).isEqualTo(Enrollment.State.ACTIVE);

        reviews.sweep(Instant.now());
        assertThat(assignments().get(0).state()).isEqualTo("reassigned");
        assertThat(assignments()).anyMatch(a -> a.state().equals("assigned") && !a.reviewerId().equals(gone.id()));
    }

    @Test
    void aReviewerWhoIsStillAMemberKeepsTheirAssignmentWhenSomeoneElseLeaves() {
        EarningWorld.Person assigned = assignee();
        EarningWorld.Person idle = assigned == first ? second : first;
        members.remove(program.owner().actor(), program.slug(), idle.id());
        assertThat(assignments()).singleElement().satisfies(a -> {
            assertThat(a.reviewerId()).isEqualTo(assigned.id());
            assertThat(a.state()).isEqualTo("assigned");
        });
        Actor.Person stillThere = assigned.actor();
        reviews.complete(stillThere, assignments().get(0).id(), meets());
        assertThat(enrollmentState()).isEqualTo(Enrollment.State.AWARDED);
    }
}
