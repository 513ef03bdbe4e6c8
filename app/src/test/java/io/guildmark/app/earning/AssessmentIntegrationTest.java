package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class AssessmentIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Assessments assessments;

    EarningWorld world;

    @BeforeEach
    void world() {
        world = new EarningWorld(context, admin(), baseUrl());
    }

    /** The right answer to each of EarningWorld's default questions. */
    static final Map<String, List<String>> RIGHT = Map.of("q1", List.of("true"), "q2", List.of("Everyone on the team"),
            "q3", List.of("Start-stop-continue", "Sailboat"), "q4", List.of("Five"));
    static final Map<String, List<String>> WRONG = Map.of("q1", List.of("false"), "q2", List.of("Only the lead"),
            "q3", List.of("Gantt chart"), "q4", List.of("seven"));

    @Test
    void passingTheOnlyRequirementIssuesTheBadgeAndTellsTheLearner() {
        var program = world.program("passing", EarningWorld.only(EarningWorld.assessmentDefaults()));
        var learner = world.person("Pat Passer", null);
        Enrollment e = world.enroll(learner, program);
        var attempt = assessments.start(learner.actor(), e.id());
        assertThat(attempt.questionIds()).hasSize(4);
        var scored = assessments.submit(learner.actor(), e.id(), attempt.id(), RIGHT);
        assertThat(scored.hasPassed()).isTrue();
        assertThat(scored.scorePercent()).isEqualTo(100);
        assertThat(scored.feedback()).allSatisfy(f -> assertThat(f.correctAnswer()).isPresent());

        Mailbox.await(learner.email(), "You passed the assessment");
        assertThat(Mailbox.await(learner.email(), "You earned").body()).contains("/credentials/");
        assertThat(db.sql("select state from enrollments where id = ?").param(e.id()).query(String.class).single()).isEqualTo("awarded");
        assertThatThrownBy(() -> assessments.start(learner.actor(), e.id())).isInstanceOf(Problem.class).hasMessageContaining("earned");
    }

    @Test
    void aFailedAttemptGivesFeedbackWithoutTheAnswersAndTheCoolDownHoldsTheNextOne() {
        var program = world.program("failing", EarningWorld.only(EarningWorld.assessmentDefaults()));
        var learner = world.person("Fay Failer", null);
        Enrollment e = world.enroll(learner, program);
        var attempt = assessments.start(learner.actor(), e.id());
        var scored = assessments.submit(learner.actor(), e.id(), attempt.id(), WRONG);
        assertThat(scored.hasPassed()).isFalse();
        assertThat(scored.feedback()).allSatisfy(f -> {
            assertThat(f.correctAnswer()).isEmpty();
            assertThat(f.feedback()).isNotBlank();
        });
        assertThatThrownBy(() -> assessments.start(learner.actor(), e.id())).isInstanceOf(Problem.class)
                .hasMessageContaining("You can try again from");

        WebSession web = new WebSession(baseUrl());
        web.signIn(learner.email(), EarningWorld.PASSWORD);
        String result = web.get("/learning/" + e.id() + "/assessment/attempts/" + attempt.id()).body();
        assertThat(result).contains("not passed", "It reviews the way of working").doesNotContain("Answer:");
        assertThat(web.get("/learning/" + e.id() + "/assessment").body()).contains("You can try again from");
    }

    @Test
    void theLastAttemptRevealsTheAnswersAndNoMoreCanStart() {
        var design = EarningWorld.assessmentDefaults();
        var oneTry = new EarningDesign.AssessmentDesign(design.questions(), 4, 75, 1, 0, null);
        var program = world.program("onetry", EarningWorld.only(oneTry));
        var learner = world.person("Omar Once", null);
        Enrollment e = world.enroll(learner, program);
        var attempt = assessments.start(learner.actor(), e.id());
        var scored = assessments.submit(learner.actor(), e.id(), attempt.id(), WRONG);
        assertThat(scored.feedback()).allSatisfy(f -> assertThat(f.correctAnswer()).isPresent());
        assertThatThrownBy(() -> assessments.start(learner.actor(), e.id())).hasMessageContaining("used all 1 attempts");
    }

    @Test
    void startingTwiceResumesTheOpenAttemptAndSubmittingTwiceChangesNothing() {
        var program = world.program("twice", EarningWorld.only(EarningWorld.assessmentDefaults()));
        var learner = world.person("Tess Twice", null);
        Enrollment e = world.enroll(learner, program);
        var first = assessments.start(learner.actor(), e.id());
        assertThat(assessments.start(learner.actor(), e.id()).id()).isEqualTo(first.id());
        assessments.submit(learner.actor(), e.id(), first.id(), WRONG);
        assertThatThrownBy(() -> assessments.submit(learner.actor(), e.id(), first.id(), RIGHT)).hasMessageContaining("already submitted");
        assertThat(db.sql("select passed from assessment_attempts where id = ?").param(first.id()).query(Boolean.class).single()).isFalse();
        assertThat(db.sql("select count(*) from assessment_attempts where enrollment_id = ?").param(e.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void answersAfterTheTimeLimitAreNotScoredAndTheAttemptCountsAsNotPassed() {
        var design = EarningWorld.assessmentDefaults();
        var timed = new EarningDesign.AssessmentDesign(design.questions(), 4, 75, 3, 0, 10);
        var program = world.program("timed", EarningWorld.only(timed));
        var learner = world.person("Tim Timed", null);
        Enrollment e = world.enroll(learner, program);
        var attempt = assessments.start(learner.actor(), e.id());
        assertThat(attempt.deadlineAt()).isNotNull();
        db.sql("update assessment_attempts set deadline_at = ? where id = ?").params(Timestamp.from(Instant.now().minusSeconds(120)), attempt.id()).update();
        assertThat(assessments.submit(learner.actor(), e.id(), attempt.id(), RIGHT).late()).isTrue();
        var stored = assessments.attempts(e.id()).get(0);
        assertThat(stored.open()).isFalse();
        assertThat(stored.hasPassed()).isFalse();
        assertThat(stored.late()).isTrue();
    }

    @Test
    void anotherLearnersAttemptAndAPaymentDueEnrollmentAreRefused() {
        var program = world.program("guarded", EarningWorld.only(EarningWorld.assessmentDefaults()));
        var learner = world.person("Gina Guarded", null);
        Enrollment e = world.enroll(learner, program);
        var attempt = assessments.start(learner.actor(), e.id());
        var other = world.person("Otis Other", null);
        assertThatThrownBy(() -> assessments.sitting(other.actor(), e.id(), attempt.id())).isInstanceOf(Problem.class)
                .extracting(p -> ((Problem) p).kind()).isEqualTo(Problem.Kind.NOT_FOUND);
        WebSession web = new WebSession(baseUrl());
        web.signIn(other.email(), EarningWorld.PASSWORD);
        assertThat(web.get("/learning/" + e.id() + "/assessment/attempts/" + attempt.id()).status()).isEqualTo(404);

        db.sql("update enrollments set payment = 'due', price_minor = 1000, currency = 'USD' where id = ?").param(e.id()).update();
        db.sql("delete from assessment_attempts where enrollment_id = ?").param(e.id()).update();
        assertThatThrownBy(() -> assessments.start(learner.actor(), e.id())).hasMessageContaining("Payment of 10.00 USD is due");
    }

    @Test
    void thePagesTakeAnAttemptThroughToItsResult() {
        var program = world.program("pages", EarningWorld.only(EarningWorld.assessmentDefaults()));
        var learner = world.person("Paige Pages", null);
        Enrollment e = world.enroll(learner, program);
        WebSession web = new WebSession(baseUrl());
        web.signIn(learner.email(), EarningWorld.PASSWORD);
        var sitting = web.submit("/learning/" + e.id() + "/assessment", "/learning/" + e.id() + "/assessment/attempts");
        assertThat(sitting.body()).contains("Question 1 of 4", "Submit answers");
        String action = sitting.uri().getPath();
        List<String> fields = new java.util.ArrayList<>();
        new HashMap<>(RIGHT).forEach((q, answers) -> answers.forEach(a -> { fields.add("answer." + q); fields.add(a); }));
        var result = web.submit(action, action, fields.toArray(String[]::new));
        assertThat(result.body()).contains("You passed with 100%.", "Correct");
    }

}
