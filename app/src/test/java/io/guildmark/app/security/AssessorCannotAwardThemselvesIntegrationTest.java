package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.earning.Demonstrations;
import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.earning.Oversight;
import io.guildmark.app.earning.Reviews;
import io.guildmark.app.earning.Submission;
import io.guildmark.app.earning.Submissions;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Finding: "a reviewer can record 'meets' on their own skills demonstration and award themselves". Nobody decides their
 * own demonstration or work product (assessor, reviewer, staff override alike), and nobody is assigned their own.
 */
class AssessorCannotAwardThemselvesIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Demonstrations demonstrations;
    @Autowired Submissions submissions;
    @Autowired Reviews reviews;
    @Autowired Oversight oversight;
    @Autowired Enrollments enrollments;

    EarningWorld world;

    @BeforeEach
    void world() {
        world = new EarningWorld(context, admin(), baseUrl());
    }

    private static Demonstrations.Form meetsObservation() {
        return new Demonstrations.Form("in_person", "", LocalDate.now().toString(), Map.of("facilitation", "exemplary", "actions", "exemplary"),
                "Flawless.", "meets");
    }

    private static Map<String, String> levels(String level) {
        Map<String, String> levels = new LinkedHashMap<>();
        levels.put("facilitation", level);
        levels.put("actions", level);
        return levels;
    }

    private Enrollment.State state(UUID enrollmentId) {
        return enrollments.find(enrollmentId).orElseThrow().state();
    }

    private long demonstrationsOf(UUID enrollmentId) {
        return count("demonstrations where enrollment_id = '" + enrollmentId + "'");
    }

    @Test
    void anAssessorCannotRecordTheirOwnDemonstrationNorSeeItInTheirList() {
        var program = world.program("selfassess", EarningWorld.onlyDemonstration());
        var assessor = world.member(program, Role.REVIEWER, "Ash Assessor", null);
        Enrollment own = world.enroll(assessor, program);

        assertThatThrownBy(() -> demonstrations.record(assessor.actor(), program.slug(), own.id(), meetsObservation()))
                .isInstanceOf(Problem.class).satisfies(t -> assertThat(((Problem) t).kind()).isEqualTo(Problem.Kind.FORBIDDEN))
                .hasMessageContaining("your own");
        assertThat(demonstrationsOf(own.id())).isZero();
        assertThat(state(own.id())).isEqualTo(Enrollment.State.ACTIVE);
        assertThat(demonstrations.waiting(assessor.actor(), program.slug(), io.guildmark.app.earning.Demonstrations.Filter.none(), 0, 50).items()).noneMatch(c -> c.enrollment().id().equals(own.id()));

        // Through the pages too: a clear refusal, never a 500, and nothing recorded.
        WebSession browser = new WebSession(baseUrl());
        browser.signIn(assessor.email(), EarningWorld.PASSWORD);
        String path = "/organizations/" + program.slug() + "/demonstrations/" + own.id();
        WebSession.Page form = browser.get(path);
        assertThat(form.status()).isEqualTo(403);
        assertThat(form.body()).contains("your own");
        assertThat(browser.get("/organizations/" + program.slug() + "/demonstrations").body()).doesNotContain(path);
        assertThat(demonstrationsOf(own.id())).isZero();

        // An owner (staff with every power) cannot assess themselves either; another assessor can assess the learner.
        Enrollment ownersOwn = world.enroll(program.owner(), program);
        assertThatThrownBy(() -> demonstrations.record(program.owner().actor(), program.slug(), ownersOwn.id(), meetsObservation()))
                .isInstanceOf(Problem.class).hasMessageContaining("your own");
        demonstrations.record(program.owner().actor(), program.slug(), own.id(), meetsObservation());
        assertThat(state(own.id())).isEqualTo(Enrollment.State.AWARDED);
    }

    @Test
    void staffCannotDecideTheirOwnWorkProductByOverride() {
        var program = world.program("selfdecide", EarningWorld.only(EarningWorld.submissionDefaults()));
        Enrollment own = world.enroll(program.owner(), program);
        submissions.saveDraft(program.owner().actor(), own.id(), Map.of("facilitation", "Mine.", "actions", "Mine too."), false);
        Submission s = submissions.submit(program.owner().actor(), own.id());

        assertThatThrownBy(() -> oversight.override(program.owner().actor(), program.slug(), s.id(), "meets", levels("exemplary"), "I know it is good."))
                .isInstanceOf(Problem.class).satisfies(t -> assertThat(((Problem) t).kind()).isEqualTo(Problem.Kind.FORBIDDEN))
                .hasMessageContaining("your own");
        assertThat(db.sql("select state from submissions where id = ?").param(s.id()).query(String.class).single()).isEqualTo("submitted");
        assertThat(state(own.id())).isEqualTo(Enrollment.State.ACTIVE);

        // Another member of staff may decide it.
        var admin = world.member(program, Role.ADMIN, "Ada Admin", null);
        oversight.override(admin.actor(), program.slug(), s.id(), "meets", levels("exemplary"), "No reviewer is free; decided by the admin.");
        assertThat(state(own.id())).isEqualTo(Enrollment.State.AWARDED);
    }

    @Test
    void aReviewerCannotReviewTheirOwnWorkProductEvenWhenAnAssignmentSaysSo() {
        var program = world.program("selfreview", EarningWorld.only(EarningWorld.submissionDefaults()));
        var reviewer = world.member(program, Role.REVIEWER, "Rory Reviewer", null);
        Enrollment own = world.enroll(reviewer, program);
        submissions.saveDraft(reviewer.actor(), own.id(), Map.of("facilitation", "Mine.", "actions", "Mine too."), false);
        Submission s = submissions.submit(reviewer.actor(), own.id());
        assertThat(count("reviews where submission_id = '" + s.id() + "'")).as("nobody is assigned their own").isZero();
        assertThatThrownBy(() -> oversight.addReviewer(program.owner().actor(), program.slug(), s.id(), reviewer.id())).isInstanceOf(Problem.class);

        // An assignment made before the rule (or by hand) still cannot be used to decide one's own work.
        UUID reviewId = UUID.randomUUID();
        Instant now = Instant.now();
        db.sql("insert into reviews (id, submission_id, organization_id, reviewer_id, tiebreak, state, assigned_at, due_at) values (?, ?, ?, ?, false, 'assigned', ?, ?)")
                .params(reviewId, s.id(), program.organizationId(), reviewer.id(), Timestamp.from(now), Timestamp.from(now.plus(Duration.ofDays(7)))).update();
        Map<String, String> feedback = new LinkedHashMap<>();
        for (String c : List.of("facilitation", "actions")) feedback.put(c, "Excellent, if I say so myself.");
        assertThatThrownBy(() -> reviews.complete(reviewer.actor(), reviewId, new Reviews.ReviewForm(levels("exemplary"), feedback, "", "meets")))
                .isInstanceOf(Problem.class).satisfies(t -> assertThat(((Problem) t).kind()).isEqualTo(Problem.Kind.FORBIDDEN))
                .hasMessageContaining("your own");
        assertThatThrownBy(() -> reviews.page(reviewer.actor(), reviewId)).isInstanceOf(Problem.class).hasMessageContaining("your own");
        assertThat(db.sql("select state from reviews where id = ?").param(reviewId).query(String.class).single()).isEqualTo("assigned");
        assertThat(state(own.id())).isEqualTo(Enrollment.State.ACTIVE);
    }
}
