package io.guildmark.app.earning;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.earning.model.AssessmentPolicy;
import io.guildmark.app.earning.model.AttemptRules;
import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.earning.model.Question;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/**
 * Taking assessments: attempts drawn at random from the bank of the design version the learner enrolled under, scored
 * at once against the pass mark, with the designer's feedback per question. Correct answers are revealed only when
 * the learner passed or has no attempt left. The attempt limit, cool-down and time limit are enforced here, not in
 * the page: answers that arrive after the time limit (with a short grace for the network) are not scored.
 */
@Service
public class Assessments {

    /** Leeway after the time limit for answers already on their way. */
    static final Duration GRACE = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One attempt as stored. {@code feedback} is empty until it is submitted. */
    public record Attempt(UUID id, UUID enrollmentId, Instant startedAt, @Nullable Instant deadlineAt, List<String> questionIds,
            Map<String, List<String>> answers, @Nullable Instant submittedAt, @Nullable Integer scorePercent, @Nullable Boolean passed,
            List<AssessmentPolicy.QuestionFeedback> feedback, boolean late) {

        public boolean open() {
            return submittedAt == null;
        }

        public boolean hasPassed() {
            return Boolean.TRUE.equals(passed);
        }
    }

    /** The assessment page: the rules, the attempts so far, and whether another may start (and if not, why). */
    public record Overview(Progress.View enrollment, EarningDesign.AssessmentDesign design, List<Attempt> attempts,
            AttemptRules.MayStart mayStart, boolean passed, @Nullable String blocked) {

        public int attemptsLeft() {
            return Math.max(0, design.attemptLimit() - attempts.size());
        }

        public Optional<Attempt> openAttempt() {
            return attempts.stream().filter(Attempt::open).findFirst();
        }

        public boolean mayStartNow() {
            return mayStart instanceof AttemptRules.Allowed;
        }

        /** When the cool-down ends, or {@code null} when not cooling down. */
        public @Nullable Instant coolingDownUntil() {
            return mayStart instanceof AttemptRules.CoolingDown c ? c.until() : null;
        }

        public boolean noAttemptsLeft() {
            return mayStart instanceof AttemptRules.NoAttemptsLeft;
        }
    }

    /** An open attempt's questions, in the order drawn. */
    public record Sitting(Progress.View enrollment, Attempt attempt, List<Question> questions) {

        /** How the page asks the question: single, multiple, truefalse or short. */
        public String kind(Question q) {
            if (q instanceof Question.SingleChoice) return "single";
            if (q instanceof Question.MultipleChoice) return "multiple";
            if (q instanceof Question.TrueFalse) return "truefalse";
            return "short";
        }
    }

    private final JdbcClient db;
    private final Enrollments enrollments;
    private final EarningDesigns designs;
    private final EarnedAwards earnedAwards;
    private final Notices notices;
    private final Clock clock;

    Assessments(JdbcClient db, Enrollments enrollments, EarningDesigns designs, EarnedAwards earnedAwards, Notices notices, Clock clock) {
        this.db = db;
        this.enrollments = enrollments;
        this.designs = designs;
        this.earnedAwards = earnedAwards;
        this.notices = notices;
        this.clock = clock;
    }

    @Transactional
    public Overview overview(Actor.Person person, UUID enrollmentId) {
        Progress.View view = enrollments.mine(person, enrollmentId);
        EarningDesign.AssessmentDesign design = design(view);
        closeExpired(enrollmentId);
        List<Attempt> attempts = attempts(enrollmentId);
        boolean passed = attempts.stream().anyMatch(Attempt::hasPassed);
        AttemptRules.MayStart mayStart = design.policy().attempts().mayStart(attempts.stream().map(Attempt::startedAt).toList(), clock.instant());
        return new Overview(view, design, attempts, mayStart, passed, blocked(view.enrollment()));
    }

    /** Starts an attempt, or answers the open one: a second click (or tab) never spends a second attempt. */
    @Transactional
    public Attempt start(Actor.Person person, UUID enrollmentId) {
        Progress.View view = enrollments.mine(person, enrollmentId);
        EarningDesign.AssessmentDesign design = design(view);
        String blocked = blocked(view.enrollment());
        if (blocked != null) throw Problem.conflict("enrollment-not-open", blocked);
        // Serializes starts of one enrollment: the attempt count below is then exact.
        db.sql("select id from enrollments where id = ? for update").param(enrollmentId).query(UUID.class).single();
        closeExpired(enrollmentId);
        List<Attempt> attempts = attempts(enrollmentId);
        if (attempts.stream().anyMatch(Attempt::hasPassed)) throw Problem.conflict("already-passed", "You already passed this assessment.");
        Optional<Attempt> open = attempts.stream().filter(Attempt::open).findFirst();
        if (open.isPresent()) return open.get();
        Instant now = clock.instant();
        AttemptRules.MayStart mayStart = design.policy().attempts().mayStart(attempts.stream().map(Attempt::startedAt).toList(), now);
        if (mayStart instanceof AttemptRules.NoAttemptsLeft) {
            throw Problem.conflict("no-attempts-left", "You have used all " + design.attemptLimit() + " attempts. Contact the association.");
        }
        if (mayStart instanceof AttemptRules.CoolingDown cooling) {
            throw Problem.conflict("cooling-down", "You can try again from " + AssessmentFormat.when(cooling.until())
                    + ". The wait between attempts gives you time to review the feedback.");
        }
        List<String> drawn = design.policy().draw(design.questions(), RANDOM).stream().map(Question::id).toList();
        Instant deadline = design.timeLimitMinutes() == null ? null : now.plus(Duration.ofMinutes(design.timeLimitMinutes()));
        UUID id = UUID.randomUUID();
        db.sql("insert into assessment_attempts (id, enrollment_id, started_at, deadline_at, question_ids) values (?, ?, ?, ?, ?)")
                .params(id, enrollmentId, Timestamp.from(now), deadline == null ? null : Timestamp.from(deadline), EarningDesigns.JSON.writeValueAsString(drawn))
                .update();
        return attempt(enrollmentId, id).orElseThrow();
    }

    /** The questions of one of the learner's attempts. */
    @Transactional
    public Sitting sitting(Actor.Person person, UUID enrollmentId, UUID attemptId) {
        Progress.View view = enrollments.mine(person, enrollmentId);
        EarningDesign.AssessmentDesign design = design(view);
        closeExpired(enrollmentId);
        Attempt attempt = attempt(enrollmentId, attemptId).orElseThrow(() -> Problem.notFound("The attempt"));
        List<Question> questions = attempt.questionIds().stream().map(design::question).flatMap(Optional::stream).toList();
        return new Sitting(view, attempt, questions);
    }

    /**
     * Scores the answers ({@code answers} maps question id to the chosen option(s) or the text). Answering twice changes
     * nothing and is refused; answers after the time limit are not scored, and the attempt answered is closed as
     * {@linkplain Attempt#late() late}.
     */
    @Transactional
    public Attempt submit(Actor.Person person, UUID enrollmentId, UUID attemptId, Map<String, List<String>> answers) {
        Progress.View view = enrollments.mine(person, enrollmentId);
        EarningDesign.AssessmentDesign design = design(view);
        db.sql("select id from enrollments where id = ? for update").param(enrollmentId).query(UUID.class).single();
        Attempt attempt = attempt(enrollmentId, attemptId).orElseThrow(() -> Problem.notFound("The attempt"));
        if (!attempt.open()) throw Problem.conflict("already-submitted", "This attempt was already submitted; its result is below.");
        Instant now = clock.instant();
        if (attempt.deadlineAt() != null && now.isAfter(attempt.deadlineAt().plus(GRACE))) {
            // Answered (not thrown): the attempt must stay closed, and a thrown problem would roll that back.
            closeLate(attempt, now);
            return attempt(enrollmentId, attemptId).orElseThrow();
        }
        List<Question> drawn = attempt.questionIds().stream().map(design::question).flatMap(Optional::stream).toList();
        Map<String, List<String>> given = new LinkedHashMap<>();
        for (Question q : drawn) {
            List<String> values = answers.getOrDefault(q.id(), List.of()).stream().map(v -> v.length() > 1000 ? v.substring(0, 1000) : v).toList();
            given.put(q.id(), values);
        }
        int attemptsUsed = attempts(enrollmentId).size();
        AssessmentPolicy.AttemptResult result = design.policy().score(drawn, given, design.attemptLimit() - attemptsUsed);
        db.sql("""
                update assessment_attempts set answers = ?, submitted_at = ?, score_percent = ?, passed = ?, feedback = ?
                where id = ? and submitted_at is null""")
                .params(EarningDesigns.JSON.writeValueAsString(given), Timestamp.from(now), result.scorePercent(), result.passed(),
                        EarningDesigns.JSON.writeValueAsString(result.feedback()), attempt.id())
                .update();
        if (result.passed()) {
            notices.tell(view.enrollment().email(), view.enrollment().organizationId(), "You passed the assessment for " + view.achievementName(),
                    "You scored " + result.scorePercent() + "% on the assessment for \"" + view.achievementName() + "\".",
                    "/learning/" + enrollmentId);
            earnedAwards.checkAfterCommit(enrollmentId);
        }
        return attempt(enrollmentId, attemptId).orElseThrow();
    }

    private EarningDesign.AssessmentDesign design(Progress.View view) {
        EarningDesign.AssessmentDesign design = view.design().assessment();
        if (design == null) throw Problem.notFound("The assessment");
        return design;
    }

    private static @Nullable String blocked(Enrollment e) {
        if (e.state() == Enrollment.State.AWARDED) return "You have earned this micro-credential; there is nothing more to take.";
        if (!e.active()) return "This enrollment is not active. Enroll again to continue.";
        if (e.paymentDue()) return "Payment of " + e.price() + " is due. The association confirms it, and then you can start.";
        return null;
    }

    /** Open attempts whose time ran out count as taken and not passed. */
    private void closeExpired(UUID enrollmentId) {
        Instant now = clock.instant();
        for (Attempt a : attempts(enrollmentId)) {
            if (a.open() && a.deadlineAt() != null && now.isAfter(a.deadlineAt().plus(GRACE))) closeLate(a, now);
        }
    }

    private void closeLate(Attempt attempt, Instant now) {
        db.sql("update assessment_attempts set submitted_at = ?, score_percent = 0, passed = false, feedback = '[]', answers = '{\"late\":[]}' where id = ? and submitted_at is null")
                .params(Timestamp.from(now), attempt.id()).update();
    }

    List<Attempt> attempts(UUID enrollmentId) {
        return db.sql("select * from assessment_attempts where enrollment_id = ? order by started_at").param(enrollmentId)
                .query(Assessments::row).list();
    }

    Optional<Attempt> attempt(UUID enrollmentId, UUID attemptId) {
        return db.sql("select * from assessment_attempts where id = ? and enrollment_id = ?").params(attemptId, enrollmentId)
                .query(Assessments::row).optional();
    }

    private static Attempt row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String answers = rs.getString("answers");
        String feedback = rs.getString("feedback");
        Map<String, List<String>> given = answers == null ? Map.of()
                : EarningDesigns.JSON.readValue(answers, new TypeReference<Map<String, List<String>>>() {});
        return new Attempt(rs.getObject("id", UUID.class), rs.getObject("enrollment_id", UUID.class), Enrollments.instant(rs, "started_at"),
                Enrollments.instant(rs, "deadline_at"),
                EarningDesigns.JSON.readValue(rs.getString("question_ids"), new TypeReference<List<String>>() {}),
                given, Enrollments.instant(rs, "submitted_at"), (Integer) rs.getObject("score_percent", Integer.class),
                (Boolean) rs.getObject("passed", Boolean.class),
                feedback == null ? List.of() : new ArrayList<>(EarningDesigns.JSON.readValue(feedback,
                        new TypeReference<List<AssessmentPolicy.QuestionFeedback>>() {})),
                given.containsKey("late"));
    }
}
