package io.guildmark.app.earning;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.earning.model.AssessmentPolicy;
import io.guildmark.app.earning.model.AttemptRules;
import io.guildmark.app.earning.model.EarningDesign.AssessmentDesign;
import io.guildmark.app.earning.model.Question;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/**
 * A learner taking the auto-graded assessment of a micro-credential they are enrolled in: starting an attempt (the
 * questions drawn at random and kept with it), answering within the time limit, and the result at once, scored on the
 * design version the enrollment pinned.
 *
 * <p>The server keeps the time: answers that arrive later than the deadline plus {@link #GRACE} are not scored, and an
 * open attempt whose time ran out is closed as failed the next time the learner looks. Correct answers are shown only
 * once the learner passed or has no attempt left, so a learner cannot collect them between attempts.
 */
@Service
class Assessments {

    /** How late answers may arrive and still be scored: the time a submit spends on the network. */
    static final Duration GRACE = Duration.ofSeconds(30);

    static final int MAX_ANSWER_LENGTH = 1000;

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One attempt. {@code answers} is {@code null} while open and when the time ran out before answers were scored.
     *
     * @param marked each question as it was marked, kept so that the result reads the same whatever the design does later
     */
    record Attempt(UUID id, UUID enrollmentId, int number, Instant startedAt, @Nullable Instant deadlineAt, List<String> questionIds,
            @Nullable Map<String, List<String>> answers, @Nullable Instant submittedAt, @Nullable Integer scorePercent,
            @Nullable Boolean passed, List<Marked> marked) {

        public boolean open() {
            return submittedAt == null;
        }

        public boolean timedOut() {
            return submittedAt != null && answers == null;
        }

        public boolean succeeded() {
            return Boolean.TRUE.equals(passed);
        }

        public String started() {
            return WHEN.format(startedAt);
        }

        /** When its time runs out, or empty when the assessment is not timed. */
        public String deadline() {
            return deadlineAt == null ? "" : WHEN.format(deadlineAt);
        }

        public String outcome() {
            if (open()) return "In progress";
            if (timedOut()) return "Time ran out: not scored (0%)";
            return scorePercent + "% — " + (succeeded() ? "passed" : "not passed");
        }
    }

    /** One question of a submitted attempt: what the learner answered, whether it was right, and the designer's feedback. */
    record Marked(String questionId, String prompt, String given, boolean correct, String feedback) {}

    /**
     * The learner's assessment page.
     *
     * @param message why no attempt can start now, or empty when one can
     */
    record Overview(Progress.View view, AssessmentDesign design, List<Attempt> attempts, int attemptsLeft, @Nullable Attempt open,
            boolean passed, boolean mayStart, String message) {

        public UUID enrollmentId() {
            return view.enrollment().id();
        }

        public String coolDown() {
            int h = design.coolDownHours();
            return h == 0 ? "None: you may try again at once" : h + (h == 1 ? " hour" : " hours") + " after an attempt starts";
        }

        public String timeLimit() {
            Integer m = design.timeLimitMinutes();
            return m == null ? "None" : m + (m == 1 ? " minute" : " minutes");
        }
    }

    /** An attempt's page: the questions while it is open, the result once it is closed. */
    sealed interface AttemptPage permits Sitting, Result {}

    /**
     * An open attempt.
     *
     * @param secondsLeft until the deadline; {@code null} when the assessment is not timed
     */
    record Sitting(Progress.View view, Attempt attempt, List<Asked> questions, @Nullable Long secondsLeft) implements AttemptPage {}

    /**
     * A question as the learner sees it while answering: never its correct answer or feedback, so neither can leak
     * into the page.
     *
     * @param kind {@code single}, {@code multiple}, {@code truefalse} or {@code short}
     * @param field the form field its answer is sent in
     */
    record Asked(int number, String field, String kind, String prompt, List<String> options) {
        static Asked of(int position, Question q) {
            String field = "answer-" + position;
            if (q instanceof Question.SingleChoice s) return new Asked(position + 1, field, "single", s.prompt(), s.options());
            if (q instanceof Question.MultipleChoice m) return new Asked(position + 1, field, "multiple", m.prompt(), m.options());
            if (q instanceof Question.TrueFalse t) return new Asked(position + 1, field, "truefalse", t.prompt(), List.of());
            return new Asked(position + 1, field, "short", q.prompt(), List.of());
        }
    }

    /** A closed attempt; {@code correctAnswer} of a line is present only when answers may be revealed. */
    record Result(Progress.View view, Attempt attempt, int passMarkPercent, int attemptsLeft, boolean revealed, List<Line> lines)
            implements AttemptPage {}

    record Line(int number, String prompt, String given, boolean correct, String feedback, @Nullable String correctAnswer) {}

    /** What became of submitted answers: scored, or too late to be scored (the attempt then counts as failed). */
    record Submitted(Attempt attempt, boolean tooLate) {}

    private final JdbcClient db;
    private final Enrollments enrollments;
    private final EarnedAwards earnedAwards;
    private final Notices notices;
    private final Clock clock;

    Assessments(JdbcClient db, Enrollments enrollments, EarnedAwards earnedAwards, Notices notices, Clock clock) {
        this.db = db;
        this.enrollments = enrollments;
        this.earnedAwards = earnedAwards;
        this.notices = notices;
        this.clock = clock;
    }

    /** Where the learner stands on the assessment of their enrollment; anyone else's reads as not found. */
    @Transactional
    Overview overview(Actor.Person person, UUID enrollmentId) {
        Progress.View view = enrollments.mine(person, enrollmentId);
        AssessmentDesign design = assessmentOf(view);
        settle(enrollmentId, design);
        List<Attempt> attempts = attempts(enrollmentId);
        Attempt open = attempts.stream().filter(Attempt::open).findFirst().orElse(null);
        boolean passed = attempts.stream().anyMatch(Attempt::succeeded);
        int left = Math.max(0, design.attemptLimit() - attempts.size());
        String refusal = refusal(view.enrollment(), design, attempts, passed).map(Problem::getMessage).orElse("");
        return new Overview(view, design, attempts, left, open, passed, refusal.isEmpty() && open == null, refusal);
    }

    /**
     * Starts an attempt, drawing its questions; while one is open, answers that one instead. Refused, changing nothing,
     * when the enrollment is not in progress, payment is due, the assessment is passed, no attempt is left or the
     * cool-down runs.
     */
    @Transactional
    Attempt start(Actor.Person person, UUID enrollmentId) {
        Progress.View view = enrollments.mine(person, enrollmentId);
        AssessmentDesign design = assessmentOf(view);
        // Two starts at the same moment (a double click, two tabs) wait for each other here, so the second one sees
        // the attempt the first made: never an attempt beyond the limit.
        db.sql("select id from enrollments where id = ? for update").param(enrollmentId).query(UUID.class).single();
        Enrollment enrollment = enrollments.require(enrollmentId);
        settle(enrollmentId, design);
        List<Attempt> attempts = attempts(enrollmentId);
        Optional<Attempt> open = attempts.stream().filter(Attempt::open).findFirst();
        if (open.isPresent() && enrollment.active()) return open.get();
        boolean passed = attempts.stream().anyMatch(Attempt::succeeded);
        Optional<Problem> refusal = refusal(enrollment, design, attempts, passed);
        if (refusal.isPresent()) throw refusal.get();

        Instant now = clock.instant();
        List<String> drawn = design.policy().draw(design.questions(), RANDOM).stream().map(Question::id).toList();
        Instant deadline = design.timeLimitMinutes() == null ? null : now.plus(Duration.ofMinutes(design.timeLimitMinutes()));
        UUID id = UUID.randomUUID();
        db.sql("insert into assessment_attempts (id, enrollment_id, started_at, deadline_at, question_ids) values (?, ?, ?, ?, ?)")
                .params(id, enrollmentId, Timestamp.from(now), deadline == null ? null : Timestamp.from(deadline),
                        EarningDesigns.JSON.writeValueAsString(drawn))
                .update();
        return attempt(enrollmentId, id).orElseThrow();
    }

    /** The attempt's page: its questions while open (its time running), else its result. */
    @Transactional
    AttemptPage attempt(Actor.Person person, UUID enrollmentId, UUID attemptId) {
        Progress.View view = enrollments.mine(person, enrollmentId);
        AssessmentDesign design = assessmentOf(view);
        settle(enrollmentId, design);
        Attempt attempt = attempt(enrollmentId, attemptId).orElseThrow(() -> Problem.notFound("The attempt"));
        if (!attempt.open()) return result(view, design, attempt);
        List<Asked> questions = new ArrayList<>();
        for (String id : attempt.questionIds()) questions.add(Asked.of(questions.size(), design.question(id).orElseThrow()));
        Long secondsLeft = attempt.deadlineAt() == null ? null
                : Math.max(0, Duration.between(clock.instant(), attempt.deadlineAt()).toSeconds());
        return new Sitting(view, attempt, questions, secondsLeft);
    }

    /**
     * Scores the answers at once. {@code answers} are keyed by the question's position in the attempt (0 first); a
     * choice is given by the option's position, true/false as {@code true} or {@code false}, a short answer as text.
     * Answers that are not well formed are refused and change nothing; answers after the deadline close the attempt
     * as failed, unscored.
     */
    @Transactional
    Submitted submit(Actor.Person person, UUID enrollmentId, UUID attemptId, Map<Integer, List<String>> answers) {
        Progress.View view = enrollments.mine(person, enrollmentId);
        AssessmentDesign design = assessmentOf(view);
        Attempt attempt = attempt(enrollmentId, attemptId).orElseThrow(() -> Problem.notFound("The attempt"));
        // Answers for an attempt already closed because its time ran out get the same answer as answers that came late.
        if (attempt.timedOut()) return new Submitted(attempt, true);
        if (!attempt.open()) throw alreadySubmitted();
        if (!view.enrollment().active()) {
            throw Problem.conflict("not-active", "This enrollment is no longer in progress, so the answers were not scored.");
        }
        Instant now = clock.instant();
        if (attempt.deadlineAt() != null && now.isAfter(attempt.deadlineAt().plus(GRACE))) {
            if (closeUnscored(attempt.id()) == 0) throw alreadySubmitted();
            return new Submitted(attempt(enrollmentId, attemptId).orElseThrow(), true);
        }
        List<Question> drawn = attempt.questionIds().stream()
                .map(id -> design.question(id).orElseThrow(() -> Problem.conflict("assessment-changed",
                        "The assessment changed since this attempt began; start a new attempt.")))
                .toList();
        Map<String, List<String>> given = read(drawn, answers);

        int attemptsLeft = Math.max(0, design.attemptLimit() - attempts(enrollmentId).size());
        AssessmentPolicy.AttemptResult result = design.policy().score(drawn, given, attemptsLeft);
        List<Marked> marked = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            Question q = drawn.get(i);
            marked.add(new Marked(q.id(), q.prompt(), shown(q, given.get(q.id())), result.feedback().get(i).correct(), q.feedback()));
        }
        int updated = db.sql("""
                update assessment_attempts set answers = ?, submitted_at = ?, score_percent = ?, passed = ?, feedback = ?
                where id = ? and submitted_at is null""")
                .params(EarningDesigns.JSON.writeValueAsString(given), Timestamp.from(now), result.scorePercent(), result.passed(),
                        EarningDesigns.JSON.writeValueAsString(marked), attempt.id())
                .update();
        if (updated == 0) throw alreadySubmitted();
        if (result.passed()) {
            Enrollment e = view.enrollment();
            notices.tell(e.email(), e.organizationId(), "You passed the assessment for " + view.achievementName(),
                    "You passed the assessment for \"" + view.achievementName() + "\" from " + view.organizationName() + " with "
                            + result.scorePercent() + "%. See your result and what is left to earn the badge.",
                    "/learning/" + e.id() + "/assessment/attempts/" + attempt.id());
            earnedAwards.checkAfterCommit(e.id());
        }
        return new Submitted(attempt(enrollmentId, attemptId).orElseThrow(), false);
    }

    private Result result(Progress.View view, AssessmentDesign design, Attempt attempt) {
        List<Attempt> attempts = attempts(view.enrollment().id());
        int left = Math.max(0, design.attemptLimit() - attempts.size());
        // While any attempt is open, another result must not give its answers away.
        boolean revealed = attempts.stream().anyMatch(Attempt::succeeded) || (left == 0 && attempts.stream().noneMatch(Attempt::open));
        List<Line> lines = new ArrayList<>();
        for (Marked m : attempt.marked()) {
            String correct = revealed ? design.question(m.questionId()).map(Assessments::correctAnswer).orElse(null) : null;
            lines.add(new Line(lines.size() + 1, m.prompt(), m.given(), m.correct(), m.feedback(), correct));
        }
        return new Result(view, attempt, design.passMarkPercent(), left, revealed, lines);
    }

    /** Why no new attempt can start, as the problem to answer; its message is in words for the learner. */
    private Optional<Problem> refusal(Enrollment e, AssessmentDesign design, List<Attempt> attempts, boolean passed) {
        if (passed) {
            int best = attempts.stream().filter(Attempt::succeeded).mapToInt(a -> a.scorePercent() == null ? 0 : a.scorePercent()).max().orElse(0);
            return Optional.of(Problem.conflict("already-passed", "You passed the assessment with " + best + "%."));
        }
        if (e.state() == Enrollment.State.WITHDRAWN) {
            return Optional.of(Problem.conflict("not-active", "You withdrew from this micro-credential. Enroll again to take the assessment."));
        }
        if (!e.active()) return Optional.of(Problem.conflict("not-active", "This enrollment is no longer in progress."));
        if (e.paymentDue()) {
            return Optional.of(Problem.conflict("payment-due", "Payment of " + e.price()
                    + " is due. Once the association confirms it, you can take the assessment."));
        }
        AttemptRules.MayStart may = design.policy().attempts().mayStart(attempts.stream().map(Attempt::startedAt).toList(), clock.instant());
        if (may instanceof AttemptRules.NoAttemptsLeft) {
            return Optional.of(Problem.conflict("no-attempts-left", "No attempts left: you used all " + design.attemptLimit()
                    + ". Contact the association about what comes next."));
        }
        if (may instanceof AttemptRules.CoolingDown c) {
            return Optional.of(Problem.conflict("cooling-down", "You can try again after " + WHEN.format(c.until()) + "."));
        }
        return Optional.empty();
    }

    /**
     * Closes open attempts whose time ran out, as failed and unscored (each used an attempt). An open attempt whose
     * questions are gone from the design (the learner re-enrolled on a newer version) can never be scored fairly, so
     * it is dropped and does not count.
     */
    private void settle(UUID enrollmentId, AssessmentDesign design) {
        Instant now = clock.instant();
        db.sql("""
                update assessment_attempts set submitted_at = ?, score_percent = 0, passed = false, feedback = '[]'
                where enrollment_id = ? and submitted_at is null and deadline_at is not null and deadline_at < ?""")
                .params(Timestamp.from(now), enrollmentId, Timestamp.from(now.minus(GRACE))).update();
        for (Attempt a : attempts(enrollmentId)) {
            if (a.open() && a.questionIds().stream().anyMatch(id -> design.question(id).isEmpty())) {
                db.sql("delete from assessment_attempts where id = ? and submitted_at is null").param(a.id()).update();
            }
        }
    }

    private int closeUnscored(UUID attemptId) {
        return db.sql("""
                update assessment_attempts set submitted_at = ?, score_percent = 0, passed = false, feedback = '[]'
                where id = ? and submitted_at is null""")
                .params(Timestamp.from(clock.instant()), attemptId).update();
    }

    /** The answers by question id, as the questions' {@code isCorrect} reads them; refuses what no form of ours sends. */
    private static Map<String, List<String>> read(List<Question> drawn, Map<Integer, List<String>> byPosition) {
        for (Integer position : byPosition.keySet()) {
            if (position < 0 || position >= drawn.size()) throw Problem.invalid("unknown-question", "The answers name a question this attempt does not have; nothing was scored.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (int i = 0; i < drawn.size(); i++) {
            Question q = drawn.get(i);
            String field = "answer-" + i;
            List<String> values = byPosition.getOrDefault(i, List.of()).stream().filter(v -> v != null && !v.isBlank()).toList();
            List<String> answer = new ArrayList<>();
            if (q instanceof Question.ShortAnswer) {
                if (values.size() > 1) errors.put(field, "Question " + (i + 1) + " takes one answer.");
                else if (!values.isEmpty() && values.get(0).trim().length() > MAX_ANSWER_LENGTH) {
                    errors.put(field, "Keep the answer to question " + (i + 1) + " to " + MAX_ANSWER_LENGTH + " characters.");
                } else if (!values.isEmpty()) answer.add(values.get(0).trim());
            } else if (q instanceof Question.TrueFalse) {
                if (values.size() > 1 || (!values.isEmpty() && !values.get(0).equals("true") && !values.get(0).equals("false"))) {
                    errors.put(field, "Answer question " + (i + 1) + " with true or false.");
                } else answer.addAll(values);
            } else {
                List<String> options = q instanceof Question.SingleChoice s ? s.options() : ((Question.MultipleChoice) q).options();
                if (q instanceof Question.SingleChoice && values.size() > 1) {
                    errors.put(field, "Choose one answer to question " + (i + 1) + ".");
                    continue;
                }
                for (String v : new LinkedHashSet<>(values)) {
                    Integer option = optionIndex(v, options.size());
                    if (option == null) {
                        errors.put(field, "Choose among the options of question " + (i + 1) + ".");
                        break;
                    }
                    answer.add(options.get(option));
                }
            }
            answers.put(q.id(), List.copyOf(answer));
        }
        if (!errors.isEmpty()) {
            List<Problem.FieldError> fields = errors.entrySet().stream().map(e -> new Problem.FieldError(e.getKey(), e.getValue())).toList();
            String message = fields.size() == 1 ? fields.get(0).message() + " Nothing was scored yet."
                    : "Some answers need a fix (see below); nothing was scored yet.";
            throw new Problem(Problem.Kind.INVALID, "validation-failed", message, fields);
        }
        return answers;
    }

    private static @Nullable Integer optionIndex(String value, int size) {
        if (!value.matches("\\d{1,3}")) return null;
        int i = Integer.parseInt(value);
        return i < size ? i : null;
    }

    /** The learner's answer in words. */
    private static String shown(Question q, @Nullable List<String> answer) {
        if (answer == null || answer.isEmpty()) return "No answer";
        if (q instanceof Question.TrueFalse) return answer.get(0).equals("true") ? "True" : "False";
        return String.join(", ", answer);
    }

    /** The correct answer in words; a pattern is shown as what it accepts. */
    static String correctAnswer(Question q) {
        if (q instanceof Question.TrueFalse t) return t.correct() ? "True" : "False";
        if (q instanceof Question.ShortAnswer s && s.pattern()) return "An answer matching the pattern " + s.expected();
        return q.correctAnswer();
    }

    private static Problem alreadySubmitted() {
        return Problem.conflict("already-submitted", "This attempt was already submitted. Your first answers stand; nothing was changed.");
    }

    private static AssessmentDesign assessmentOf(Progress.View view) {
        AssessmentDesign design = view.design().assessment();
        if (design == null) throw Problem.notFound("The assessment");
        return design;
    }

    private List<Attempt> attempts(UUID enrollmentId) {
        List<Attempt> rows = db.sql("select * from assessment_attempts where enrollment_id = ? order by started_at, id")
                .param(enrollmentId).query(Assessments::row).list();
        List<Attempt> numbered = new ArrayList<>();
        for (Attempt a : rows) numbered.add(numbered(a, numbered.size() + 1));
        return numbered;
    }

    private Optional<Attempt> attempt(UUID enrollmentId, UUID attemptId) {
        return attempts(enrollmentId).stream().filter(a -> a.id().equals(attemptId)).findFirst();
    }

    private static Attempt numbered(Attempt a, int number) {
        return new Attempt(a.id(), a.enrollmentId(), number, a.startedAt(), a.deadlineAt(), a.questionIds(), a.answers(), a.submittedAt(),
                a.scorePercent(), a.passed(), a.marked());
    }

    private static Attempt row(ResultSet rs, int n) throws SQLException {
        String answers = rs.getString("answers");
        String feedback = rs.getString("feedback");
        return new Attempt(rs.getObject("id", UUID.class), rs.getObject("enrollment_id", UUID.class), 0,
                rs.getTimestamp("started_at").toInstant(), Enrollments.instant(rs, "deadline_at"),
                EarningDesigns.JSON.readValue(rs.getString("question_ids"), new TypeReference<List<String>>() {}),
                answers == null ? null : EarningDesigns.JSON.readValue(answers, new TypeReference<Map<String, List<String>>>() {}),
                Enrollments.instant(rs, "submitted_at"), (Integer) rs.getObject("score_percent", Integer.class),
                (Boolean) rs.getObject("passed", Boolean.class),
                feedback == null ? List.of() : EarningDesigns.JSON.readValue(feedback, new TypeReference<List<Marked>>() {}));
    }
}
