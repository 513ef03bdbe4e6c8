package io.guildmark.app.earning.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * How a micro-credential is earned online: the methods it requires (each present one must be satisfied), the rubric
 * that submissions and demonstrations are scored on, and the micro-credentials a learner must hold first. Every
 * instance is valid; {@link #check()} lists what is wrong by field.
 */
public record EarningDesign(@Nullable Rubric rubric, @Nullable AssessmentDesign assessment,
        @Nullable SubmissionDesign submission, @Nullable DemonstrationDesign demonstration,
        @Nullable CompletionDesign completion, List<UUID> prerequisites) {

    /** The methods, in the order a learner usually meets them. */
    public enum Method {
        ASSESSMENT("Assessment"), SUBMISSION("Work product"), DEMONSTRATION("Skills demonstration"),
        COMPLETION("Course completion");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final int MAX_QUESTIONS = 200;
    public static final int MAX_UPLOAD_MEGABYTES = 25;

    /**
     * The kinds of file a work product may be, as {@link SubmissionDesign#fileTypes} holds them and forms list them;
     * the upload checker accepts exactly these.
     */
    public static final List<String> FILE_TYPES = List.of("pdf", "docx", "xlsx", "pptx", "png", "jpeg", "gif", "mp4", "text");

    /**
     * An auto-graded assessment.
     *
     * @param timeLimitMinutes {@code null} for no limit
     */
    public record AssessmentDesign(List<Question> questions, int questionsDrawn, int passMarkPercent, int attemptLimit,
            int coolDownHours, @Nullable Integer timeLimitMinutes) {
        public AssessmentDesign {
            questions = List.copyOf(questions);
        }

        public AssessmentPolicy policy() {
            return new AssessmentPolicy(questionsDrawn, passMarkPercent,
                    new AttemptRules(attemptLimit, Duration.ofHours(coolDownHours)),
                    Optional.ofNullable(timeLimitMinutes).map(Duration::ofMinutes));
        }

        public Optional<Question> question(String id) {
            return questions.stream().filter(q -> q.id().equals(id)).findFirst();
        }
    }

    /**
     * A work product reviewed by peers.
     *
     * @param fileTypes the kinds of file accepted (ids of {@link #FILE_TYPES}); empty for written responses only
     * @param writtenResponses whether the learner writes a response for each rubric criterion
     * @param resubmissionLimit how many times a learner may resubmit after "not yet"
     * @param reviewersPerSubmission one or two
     * @param holdersOnly whether only reviewers who hold this micro-credential review
     * @param blind whether reviewers see neither the learner's name nor employer
     * @param reviewDays days a reviewer has before a review is overdue
     * @param deadlineDays days from enrollment to submit; {@code null} for no deadline
     */
    public record SubmissionDesign(String instructions, List<String> fileTypes, int maxFileMegabytes, int maxFiles,
            boolean writtenResponses, int resubmissionLimit, int reviewersPerSubmission, boolean holdersOnly,
            boolean blind, int reviewDays, @Nullable Integer deadlineDays) {
        public SubmissionDesign {
            fileTypes = List.copyOf(fileTypes);
        }
    }

    /** A skill observed by an assessor, in person or on video, scored on the rubric. */
    public record DemonstrationDesign(String instructions) {}

    /** A course in a learning system whose completion is reported by code. */
    public record CompletionDesign(String courseCode) {}

    public EarningDesign {
        prerequisites = List.copyOf(prerequisites);
    }

    public static EarningDesign empty() {
        return new EarningDesign(null, null, null, null, null, List.of());
    }

    /** The methods this design requires, in order. */
    public List<Method> methods() {
        var methods = new ArrayList<Method>();
        if (assessment != null) methods.add(Method.ASSESSMENT);
        if (submission != null) methods.add(Method.SUBMISSION);
        if (demonstration != null) methods.add(Method.DEMONSTRATION);
        if (completion != null) methods.add(Method.COMPLETION);
        return methods;
    }

    /** Whether learners can earn online at all (at least one method). */
    public boolean earnable() {
        return !methods().isEmpty();
    }

    /**
     * What is wrong, keyed by field ({@code assessment.passMarkPercent}, {@code rubric}, …), empty when the design
     * can be offered to learners.
     */
    public Map<String, String> check() {
        Map<String, String> errors = new LinkedHashMap<>();
        if ((submission != null || demonstration != null) && rubric == null) {
            errors.put("rubric", "Work products and demonstrations are scored on a rubric: add at least one criterion.");
        }
        if (assessment != null) {
            var a = assessment;
            if (a.questions().isEmpty()) errors.put("assessment.questions", "Add at least one question.");
            if (a.questions().size() > MAX_QUESTIONS) errors.put("assessment.questions", "At most " + MAX_QUESTIONS + " questions.");
            Set<String> ids = new HashSet<>();
            for (var q : a.questions()) {
                if (!ids.add(q.id())) errors.put("assessment.questions", "Question ids must be unique (" + q.id() + ").");
            }
            if (a.questionsDrawn() < 1 || (!a.questions().isEmpty() && a.questionsDrawn() > a.questions().size())) {
                errors.put("assessment.questionsDrawn", "Draw between 1 and " + Math.max(1, a.questions().size())
                        + " questions (the size of the bank).");
            }
            if (a.passMarkPercent() < 1 || a.passMarkPercent() > 100) errors.put("assessment.passMarkPercent", "The pass mark is a percentage from 1 to 100.");
            if (a.attemptLimit() < 1 || a.attemptLimit() > 100) errors.put("assessment.attemptLimit", "Allow from 1 to 100 attempts.");
            if (a.coolDownHours() < 0 || a.coolDownHours() > 24 * 365) errors.put("assessment.coolDownHours", "The cool-down is 0 to 8,760 hours.");
            if (a.timeLimitMinutes() != null && (a.timeLimitMinutes() < 1 || a.timeLimitMinutes() > 24 * 60)) {
                errors.put("assessment.timeLimitMinutes", "The time limit is 1 to 1,440 minutes, or empty for none.");
            }
        }
        if (submission != null) {
            var s = submission;
            if (s.instructions().length() > 10_000) errors.put("submission.instructions", "Keep the instructions to 10,000 characters or fewer.");
            if (s.fileTypes().isEmpty() && !s.writtenResponses()) {
                errors.put("submission.fileTypes", "Accept files, written responses, or both.");
            }
            if (!FILE_TYPES.containsAll(s.fileTypes())) {
                errors.put("submission.fileTypes", "Accept only these file types: " + String.join(", ", FILE_TYPES) + ".");
            }
            if (s.maxFileMegabytes() < 1 || s.maxFileMegabytes() > MAX_UPLOAD_MEGABYTES) {
                errors.put("submission.maxFileMegabytes", "Each file may be 1 to 25 MB.");
            }
            if (s.maxFiles() < 0 || s.maxFiles() > 20) errors.put("submission.maxFiles", "Allow 0 to 20 files.");
            if (s.resubmissionLimit() < 0 || s.resubmissionLimit() > 20) errors.put("submission.resubmissionLimit", "Allow 0 to 20 resubmissions.");
            if (s.reviewersPerSubmission() < 1 || s.reviewersPerSubmission() > 2) {
                errors.put("submission.reviewersPerSubmission", "One or two reviewers per submission.");
            }
            if (s.reviewDays() < 1 || s.reviewDays() > 90) errors.put("submission.reviewDays", "Reviewers have 1 to 90 days.");
            if (s.deadlineDays() != null && (s.deadlineDays() < 1 || s.deadlineDays() > 3650)) {
                errors.put("submission.deadlineDays", "The deadline is 1 to 3,650 days after enrolling, or empty for none.");
            }
        }
        if (demonstration != null && demonstration.instructions().length() > 10_000) {
            errors.put("demonstration.instructions", "Keep the instructions to 10,000 characters or fewer.");
        }
        if (completion != null && !completion.courseCode().matches("[A-Za-z0-9._:/-]{1,100}")) {
            errors.put("completion.courseCode", "The course code is 1 to 100 letters, digits or . _ : / -.");
        }
        if (prerequisites.size() > 20) errors.put("prerequisites", "At most 20 prerequisites.");
        return errors;
    }
}
