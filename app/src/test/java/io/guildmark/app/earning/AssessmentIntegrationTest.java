package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.earning.model.EarningDesign.AssessmentDesign;
import io.guildmark.app.earning.model.Question;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.core.type.TypeReference;

class AssessmentIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Assessments assessments;
    @Autowired Enrollments enrollments;

    EarningWorld world;

    @BeforeEach
    void world() {
        world = new EarningWorld(context, admin(), baseUrl());
    }

    /** The default bank (four questions, all drawn, pass mark 75%) with these attempt rules. */
    static AssessmentDesign assessment(int attemptLimit, int coolDownHours, Integer timeLimitMinutes) {
        AssessmentDesign d = EarningWorld.assessmentDefaults();
        return new AssessmentDesign(d.questions(), d.questionsDrawn(), d.passMarkPercent(), attemptLimit, coolDownHours, timeLimitMinutes);
    }

    record Learner(EarningWorld.Person person, Enrollment enrollment, WebSession web) {
        String page() {
            return "/learning/" + enrollment.id() + "/assessment";
        }
    }

    Learner enrolled(String name, EarningWorld.Program program) {
        var person = world.person(name, null);
        Enrollment e = world.enroll(person, program);
        WebSession web = new WebSession(baseUrl());
        web.signIn(person.email(), EarningWorld.PASSWORD);
        return new Learner(person, e, web);
    }

    /** Starts an attempt through the page's button; answers the attempt page the learner lands on. */
    WebSession.Page start(Learner learner) {
        return learner.web().submit(learner.page(), learner.page() + "/attempts");
    }

    static UUID attemptId(WebSession.Page page) {
        String path = page.uri().getPath();
        return UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
    }

    /** Answers every question of the attempt, rightly or wrongly, as the form sends them. */
    String[] answers(UUID attemptId, boolean right) {
        List<String> ids = EarningDesigns.JSON.readValue(db.sql("select question_ids from assessment_attempts where id = ?")
                .param(attemptId).query(String.class).single(), new TypeReference<List<String>>() {});
        AssessmentDesign design = EarningWorld.assessmentDefaults();
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String field = "answer-" + i;
            Question q = design.question(ids.get(i)).orElseThrow();
            if (q instanceof Question.TrueFalse t) fields.addAll(List.of(field, String.valueOf(right == t.correct())));
            if (q instanceof Question.SingleChoice s) {
                int correct = s.options().indexOf(s.correct());
                fields.addAll(List.of(field, String.valueOf(right ? correct : (correct + 1) % s.options().size())));
            }
            if (q instanceof Question.MultipleChoice m) {
                for (int o = 0; o < m.options().size(); o++) {
                    if (m.correct().contains(m.options().get(o)) == right) fields.addAll(List.of(field, String.valueOf(o)));
                }
            }
            if (q instanceof Question.ShortAnswer) fields.addAll(List.of(field, right ? "Five" : "seven"));
        }
        return fields.toArray(String[]::new);
    }

    WebSession.Page submit(Learner learner, UUID attemptId, String... fields) {
        String attemptPage = learner.page() + "/attempts/" + attemptId;
        return learner.web().submit(attemptPage, attemptPage, fields);
    }

    @Test
    void passingTheOnlyRequirementShowsTheAnswersAndAwardsTheBadge() {
        var program = world.program("passing", EarningWorld.only(assessment(2, 24, null)));
        Learner learner = enrolled("Pat Passer", program);

        WebSession.Page overview = learner.web().get(learner.page());
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.body()).contains("4 per attempt", "75%", "0 of 2 used, 2 left", "24 hours", "Start attempt");

        WebSession.Page attempt = start(learner);
        assertThat(attempt.status()).isEqualTo(200);
        assertThat(attempt.body()).contains("Question 1 of 4", "type=\"radio\"", "type=\"checkbox\"", "type=\"text\"", "<legend>")
                .as("neither feedback nor answers are in the page while answering")
                .doesNotContain("Every voice counts", "A Gantt chart is a schedule", "5|five");
        UUID id = attemptId(attempt);

        WebSession.Page result = submit(learner, id, answers(id, true));
        assertThat(result.uri().getPath()).endsWith("/attempts/" + id);
        assertThat(result.body()).contains("Passed", "You scored 100%", "Correct answer:", "Everyone on the team", "Every voice counts.");

        assertThat(Mailbox.await(learner.person().email(), "You passed the assessment for Run a passing retrospective").body())
                .contains("/learning/" + learner.enrollment().id() + "/assessment/attempts/" + id);
        Mailbox.await(learner.person().email(), "You earned Run a passing retrospective");
        assertThat(enrollments.find(learner.enrollment().id()).orElseThrow().state()).isEqualTo(Enrollment.State.AWARDED);
        assertThat(learner.web().get(learner.page()).body()).contains("You passed the assessment with 100%").doesNotContain("Start attempt");
        assertThatThrownBy(() -> assessments.start(learner.person().actor(), learner.enrollment().id()))
                .isInstanceOf(Problem.class).hasMessageContaining("You passed");
    }

    @Test
    void failingShowsTheFeedbackWithoutTheAnswersAndTheCoolDownSaysWhenTheNextAttemptOpens() {
        var program = world.program("failing", EarningWorld.only(assessment(3, 24, null)));
        Learner learner = enrolled("Fay Failer", program);
        UUID id = attemptId(start(learner));

        WebSession.Page result = submit(learner, id, answers(id, false));
        assertThat(result.body()).contains("Not passed", "You scored 0%", "Incorrect", "Every voice counts.", "A Gantt chart is a schedule.",
                        "2 attempts are left", "Your answer: <span>Only the lead</span>")
                .as("no correct answer leaks while attempts remain, not even in the HTML source")
                .doesNotContain("Correct answer:", "Everyone on the team", "Start-stop-continue, Sailboat", "5|five");

        Instant started = db.sql("select started_at from assessment_attempts where id = ?").param(id).query(Timestamp.class).single().toInstant();
        String opens = Assessments.WHEN.format(started.plus(Duration.ofHours(24)));
        WebSession.Page again = start(learner);
        assertThat(again.uri().getPath()).isEqualTo(learner.page());
        assertThat(again.body()).contains("You can try again after " + opens).doesNotContain("Start attempt");
        assertThat(attemptCount(learner)).isEqualTo(1);
    }

    @Test
    void theLastAttemptUsedRefusesAnotherAndRevealsTheAnswers() {
        var program = world.program("limited", EarningWorld.only(assessment(2, 0, null)));
        Learner learner = enrolled("Lim Limit", program);
        UUID first = attemptId(start(learner));
        WebSession.Page firstResult = submit(learner, first, answers(first, false));
        assertThat(firstResult.body()).contains("1 attempt is left").doesNotContain("Correct answer:");

        UUID second = attemptId(start(learner));
        assertThat(second).isNotEqualTo(first);
        assertThat(learner.web().get(learner.page() + "/attempts/" + first).body())
                .as("an earlier result gives nothing away while the last attempt is open").doesNotContain("Correct answer:");
        WebSession.Page lastResult = submit(learner, second, answers(second, false));
        assertThat(lastResult.body()).contains("No attempts are left", "Correct answer:", "Everyone on the team");

        WebSession.Page refused = start(learner);
        assertThat(refused.body()).contains("No attempts left");
        assertThat(attemptCount(learner)).isEqualTo(2);
    }

    @Test
    void submittingTwiceKeepsTheFirstAnswers() {
        var program = world.program("twice", EarningWorld.only(assessment(2, 0, null)));
        Learner learner = enrolled("Tess Twice", program);
        UUID id = attemptId(start(learner));
        submit(learner, id, answers(id, false));

        WebSession.Page again = submit(learner, id, answers(id, true));
        assertThat(again.body()).contains("already submitted", "You scored 0%");
        assertThat(db.sql("select score_percent from assessment_attempts where id = ?").param(id).query(Integer.class).single()).isZero();
        assertThat(enrollments.find(learner.enrollment().id()).orElseThrow().state()).isEqualTo(Enrollment.State.ACTIVE);
    }

    @Test
    void startingWhileAnAttemptIsOpenResumesItEvenWhenTwoStartsRace() throws Exception {
        var program = world.program("racing", EarningWorld.only(assessment(1, 0, null)));
        Learner learner = enrolled("Rae Racer", program);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<CompletableFuture<UUID>> starts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            starts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return assessments.start(learner.person().actor(), learner.enrollment().id()).id();
            }, threads));
        }
        go.countDown();
        var ids = new HashSet<UUID>();
        for (var start : starts) ids.add(start.get());
        threads.shutdown();
        assertThat(ids).hasSize(1);
        assertThat(attemptCount(learner)).isEqualTo(1);
        assertThat(attemptId(start(learner))).isEqualTo(ids.iterator().next());
    }

    @Test
    void answersThatNoFormSendsAreRefusedAndTheAttemptStaysOpen() {
        var program = world.program("tampered", EarningWorld.only(assessment(2, 0, null)));
        Learner learner = enrolled("Tom Tamper", program);
        UUID id = attemptId(start(learner));

        assertThatThrownBy(() -> assessments.submit(learner.person().actor(), learner.enrollment().id(), id, Map.of(0, List.of("7"), 1, List.of("7"))))
                .isInstanceOf(Problem.class).extracting(p -> ((Problem) p).kind()).isEqualTo(Problem.Kind.INVALID);
        assertThatThrownBy(() -> assessments.submit(learner.person().actor(), learner.enrollment().id(), id, Map.of(9, List.of("true"))))
                .isInstanceOf(Problem.class).extracting(p -> ((Problem) p).kind()).isEqualTo(Problem.Kind.INVALID);
        WebSession.Page page = submit(learner, id, "answer-0", "maybe", "answer-3", "x".repeat(1001));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Question 1 of 4", "Submit answers", "class=\"field-error\"", "role=\"alert\"");
        assertThat(open(id)).isTrue();
    }

    @Test
    void anotherLearnersAssessmentAndAttemptReadAsNotFound() {
        var program = world.program("private", EarningWorld.only(assessment(2, 0, null)));
        Learner owner = enrolled("Mia Mine", program);
        UUID id = attemptId(start(owner));
        Learner other = enrolled("Otto Other", program);

        assertThat(other.web().get(owner.page()).status()).isEqualTo(404);
        assertThat(other.web().get(owner.page() + "/attempts/" + id).status()).isEqualTo(404);
        assertThat(other.web().submit("/wallet", owner.page() + "/attempts/" + id, answers(id, true)).status()).isEqualTo(404);
        assertThat(other.web().submit("/wallet", owner.page() + "/attempts").status()).isEqualTo(404);
        assertThat(other.web().get(other.page() + "/attempts/" + id).status()).as("an attempt of another enrollment").isEqualTo(404);
        assertThat(open(id)).isTrue();
        assertThat(owner.web().get("/learning/" + UUID.randomUUID() + "/assessment").status()).isEqualTo(404);
        assertThat(owner.web().get("/learning/not-an-id/assessment").status()).isEqualTo(404);
    }

    @Test
    void aMicroCredentialWithoutAnAssessmentHasNoAssessmentPage() {
        var program = world.program("noassess", EarningWorld.onlyDemonstration());
        Learner learner = enrolled("Nora None", program);
        assertThat(learner.web().get(learner.page()).status()).isEqualTo(404);
    }

    @Test
    void aPaymentDueWaitsBeforeAnyAttempt() {
        var program = world.program("unpaid", EarningWorld.only(assessment(2, 0, null)));
        db.sql("update achievement_versions set definition = replace(definition, '\"currency\"', '\"nonMemberPrice\":4900,\"currency\"') where achievement_id = ?")
                .param(program.achievementId()).update();
        Learner learner = enrolled("Paula Payer", program);
        assertThat(learner.enrollment().paymentDue()).isTrue();

        assertThat(learner.web().get(learner.page()).body()).contains("Payment of 49.00 USD is due").doesNotContain("Start attempt");
        assertThat(start(learner).body()).contains("Payment of 49.00 USD is due");
        assertThatThrownBy(() -> assessments.start(learner.person().actor(), learner.enrollment().id()))
                .isInstanceOf(Problem.class).extracting(p -> ((Problem) p).code()).isEqualTo("payment-due");
        assertThat(attemptCount(learner)).isZero();

        enrollments.markPaid(program.owner().actor(), program.slug(), learner.enrollment().id());
        assertThat(learner.web().get(learner.page()).body()).contains("Start attempt");
    }

    @Test
    void answersAfterTheTimeLimitAreNotScoredAndTheAttemptCountsAsFailed() {
        var program = world.program("timed", EarningWorld.only(assessment(3, 0, 10)));
        Learner learner = enrolled("Tim Timer", program);
        WebSession.Page attempt = start(learner);
        assertThat(attempt.body()).contains("data-seconds-left=\"", "role=\"timer\"", "assessment-timer.js");
        UUID id = attemptId(attempt);
        Instant deadline = db.sql("select deadline_at from assessment_attempts where id = ?").param(id).query(Timestamp.class).single().toInstant();
        assertThat(deadline).isBetween(Instant.now().plus(Duration.ofMinutes(9)), Instant.now().plus(Duration.ofMinutes(11)));

        // Within the grace of 30 seconds, answers still count.
        setDeadline(id, Instant.now().minusSeconds(10));
        assertThat(submit(learner, id, answers(id, true)).body()).contains("You scored 100%");

        var late = world.program("late", EarningWorld.only(assessment(3, 0, 10)));
        Learner slow = enrolled("Sol Slow", late);
        UUID lateId = attemptId(start(slow));
        setDeadline(lateId, Instant.now().minus(Duration.ofMinutes(2)));
        // Posted straight from the open page: the answers themselves come late.
        String lateAttempt = slow.page() + "/attempts/" + lateId;
        WebSession.Page refused = slow.web().submit("/wallet", lateAttempt, answers(lateId, true));
        assertThat(refused.body()).contains("Time was up", "not scored", "Not passed");
        assertThat(db.sql("select passed from assessment_attempts where id = ?").param(lateId).query(Boolean.class).single()).isFalse();
        assertThat(db.sql("select count(*) from assessment_attempts where id = ? and answers is null").param(lateId).query(Long.class).single())
                .as("the late answers are not kept as if scored").isEqualTo(1);

        // An open attempt whose time ran out closes, failed, when the learner next looks.
        UUID abandoned = attemptId(start(slow));
        setDeadline(abandoned, Instant.now().minus(Duration.ofHours(1)));
        assertThat(slow.web().get(slow.page()).body()).contains("Time ran out", "2 of 3 used, 1 left", "Start attempt");
        assertThat(db.sql("select score_percent from assessment_attempts where id = ?").param(abandoned).query(Integer.class).single()).isZero();
        assertThat(slow.web().get(slow.page() + "/attempts/" + abandoned).body()).contains("Time ran out before your answers arrived");
        assertThat(submit(slow, abandoned, answers(abandoned, true)).body()).as("answers for it now are late too").contains("Time was up");
    }

    private void setDeadline(UUID attemptId, Instant deadline) {
        db.sql("update assessment_attempts set started_at = ?, deadline_at = ? where id = ?")
                .params(Timestamp.from(deadline.minus(Duration.ofMinutes(10))), Timestamp.from(deadline), attemptId).update();
    }

    private boolean open(UUID attemptId) {
        return db.sql("select count(*) from assessment_attempts where id = ? and submitted_at is null").param(attemptId).query(Long.class).single() == 1;
    }

    private long attemptCount(Learner learner) {
        return db.sql("select count(*) from assessment_attempts where enrollment_id = ?").param(learner.enrollment().id()).query(Long.class).single();
    }
}
