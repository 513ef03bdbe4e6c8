package io.guildmark.app.earning;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.earning.model.Question;
import io.guildmark.app.earning.model.Rubric;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;

/**
 * An earning design as a designer typed it in the editor or sent it to the API, turned into an {@link EarningDesign}.
 * Criterion and level keys are kept when given (so they stay stable across saves and renames) and otherwise derived
 * from the names; question ids are kept when given and otherwise numbered on from the highest {@code qN}. Whatever
 * is wrong is listed by field ({@code rubric.criteria[0].levels[1].name}, {@code assessment.passMarkPercent}), never
 * left to the model's constructors to throw.
 *
 * @param criteria the rubric's criteria; none for no rubric
 * @param assessment {@code null} when learners take no assessment
 * @param submission {@code null} when learners submit no work product
 * @param demonstration the demonstration's instructions; {@code null} for no demonstration
 * @param courseCode the course whose completion counts; {@code null} for none
 * @param prerequisites micro-credential ids as typed; each must be a UUID
 */
record DesignInput(List<Criterion> criteria, @Nullable Assessment assessment, @Nullable Submission submission,
        @Nullable String demonstration, @Nullable String courseCode, List<String> prerequisites) {

    static final int MAX_CRITERIA = 20;
    static final int MAX_LEVELS = 10;
    static final int MAX_OPTIONS = 20;
    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 2000;
    static final int MAX_INSTRUCTIONS = 10_000;
    static final int MAX_PATTERN = Question.ShortAnswer.MAX_PATTERN;

    /** The question kinds, as the API's {@code type} names them. */
    static final List<String> QUESTION_TYPES = List.of("single", "multiple", "truefalse", "short");

    /** What a newly enabled assessment starts with. */
    static final EarningDesign.AssessmentDesign ASSESSMENT_DEFAULTS = new EarningDesign.AssessmentDesign(List.of(), 0, 80, 3, 24, null);

    /** What a newly enabled work-product submission starts with: reviewed blind by one reviewer within two weeks. */
    static final EarningDesign.SubmissionDesign SUBMISSION_DEFAULTS = new EarningDesign.SubmissionDesign("",
            List.of("pdf", "docx", "png", "jpeg"), 10, 5, true, 2, 1, false, true, 14, null);

    private static final Pattern GIVEN_KEY = Pattern.compile("[A-Za-z0-9_-]{1,60}");
    private static final Pattern NUMBERED_QUESTION = Pattern.compile("q(\\d{1,6})");

    /** A performance level; {@code key} {@code null} or blank to derive it from the name. */
    record Level(@Nullable String key, String name, String descriptor) {}

    /**
     * A criterion with its levels, lowest first.
     *
     * @param index its position in what was sent, for field keys (the editor leaves out blank rows)
     * @param requiredLevel the position of the level that meets the standard; {@code null} when none was chosen
     */
    record Criterion(int index, @Nullable String key, String name, List<Level> levels, @Nullable Integer requiredLevel) {}

    /**
     * A question of the bank.
     *
     * @param index its position in what was sent, for field keys
     * @param type one of {@link #QUESTION_TYPES}
     * @param correct the correct options (single and multiple choice), or {@code "true"}/{@code "false"}
     * @param expected the short answer expected, or its pattern
     */
    record QuestionInput(int index, String type, @Nullable String id, String prompt, List<String> options,
            List<String> correct, String expected, boolean pattern, boolean ignoreCase, String feedback) {}

    /** Numbers are {@code null} when they were not given or could not be read (the reader reported that). */
    record Assessment(List<QuestionInput> questions, @Nullable Integer questionsDrawn, @Nullable Integer passMarkPercent,
            @Nullable Integer attemptLimit, @Nullable Integer coolDownHours, @Nullable Integer timeLimitMinutes) {}

    record Submission(String instructions, List<String> fileTypes, @Nullable Integer maxFileMegabytes,
            @Nullable Integer maxFiles, boolean writtenResponses, @Nullable Integer resubmissionLimit,
            @Nullable Integer reviewersPerSubmission, boolean holdersOnly, boolean blind, @Nullable Integer reviewDays,
            @Nullable Integer deadlineDays) {}

    DesignInput {
        criteria = List.copyOf(criteria);
        prerequisites = List.copyOf(prerequisites);
    }

    /**
     * The design described, or a {@link Problem} listing every invalid field, together with the errors the caller
     * found while reading the input (those win for their field).
     *
     * @param rubricId the rubric's id: {@code {baseUrl}/achievements/{id}/rubric}
     * @param earlierQuestionIds ids used by the design saved before, so a new question never takes an old one's id
     * @param readErrors what the caller could not read (a number that is not one), by field; added to
     */
    EarningDesign toDesign(String rubricId, Set<String> earlierQuestionIds, Map<String, String> readErrors) {
        Map<String, String> errors = new LinkedHashMap<>(readErrors);
        int before = errors.size();
        Rubric rubric = rubric(rubricId, errors);
        boolean rubricBroken = errors.size() > before;
        before = errors.size();
        EarningDesign.AssessmentDesign assessmentDesign = assessment(earlierQuestionIds, errors);
        boolean questionsBroken = errors.keySet().stream().anyMatch(k -> k.startsWith("assessment.questions"));
        EarningDesign.SubmissionDesign submissionDesign = submission(errors);
        EarningDesign.DemonstrationDesign demonstrationDesign = null;
        if (demonstration != null) {
            String text = demonstration.strip();
            if (text.isEmpty()) errors.put("demonstration.instructions", "Tell learners and assessors what will be observed.");
            demonstrationDesign = new EarningDesign.DemonstrationDesign(text);
        }
        EarningDesign.CompletionDesign completion = courseCode == null ? null : new EarningDesign.CompletionDesign(courseCode.strip());
        Set<UUID> required = new LinkedHashSet<>();
        for (String p : prerequisites) {
            try {
                required.add(UUID.fromString(p.strip()));
            } catch (IllegalArgumentException e) {
                errors.putIfAbsent("prerequisites", "Choose prerequisites from this organization's micro-credentials.");
            }
        }
        EarningDesign design = new EarningDesign(rubric, assessmentDesign, submissionDesign, demonstrationDesign, completion,
                List.copyOf(required));
        // The model's own checks (ranges, a rubric for reviewed work), except where a broken part left something out.
        design.check().forEach((field, message) -> {
            if (rubricBroken && field.equals("rubric")) return;
            if (questionsBroken && (field.equals("assessment.questions") || field.equals("assessment.questionsDrawn"))) return;
            errors.putIfAbsent(field, message);
        });
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        return design;
    }

    private @Nullable Rubric rubric(String rubricId, Map<String, String> errors) {
        if (criteria.isEmpty()) return null;
        if (criteria.size() > MAX_CRITERIA) {
            errors.put("rubric", "A rubric may have at most " + MAX_CRITERIA + " criteria.");
            return null;
        }
        List<String> criterionKeys = keys(criteria.stream().map(Criterion::key).toList(),
                criteria.stream().map(Criterion::name).toList(), "criterion");
        Set<String> names = new HashSet<>();
        List<Rubric.Criterion> built = new ArrayList<>();
        int errorsBefore = errors.size();
        for (int i = 0; i < criteria.size(); i++) {
            Criterion c = criteria.get(i);
            String at = "rubric.criteria[" + c.index() + "]";
            String name = c.name().strip();
            if (name.isEmpty()) errors.put(at + ".name", "Name the criterion.");
            else if (name.length() > MAX_NAME) errors.put(at + ".name", "Keep the criterion's name to " + MAX_NAME + " characters or fewer.");
            else if (!names.add(name.toLowerCase(Locale.ROOT))) {
                errors.put(at + ".name", "Another criterion is already called \"" + name + "\"; give each criterion its own name.");
            }
            if (c.levels().size() < 2) errors.put(at + ".levels", "Give the criterion at least two levels.");
            if (c.levels().size() > MAX_LEVELS) errors.put(at + ".levels", "A criterion may have at most " + MAX_LEVELS + " levels.");
            List<String> levelKeys = keys(c.levels().stream().map(Level::key).toList(),
                    c.levels().stream().map(Level::name).toList(), "level");
            Set<String> levelNames = new HashSet<>();
            List<Rubric.Level> levels = new ArrayList<>();
            for (int j = 0; j < c.levels().size(); j++) {
                Level l = c.levels().get(j);
                String lat = at + ".levels[" + j + "]";
                String levelName = l.name().strip();
                if (levelName.isEmpty()) errors.put(lat + ".name", "Name the level, or remove it.");
                else if (levelName.length() > MAX_NAME) errors.put(lat + ".name", "Keep the level's name to " + MAX_NAME + " characters or fewer.");
                else if (!levelNames.add(levelName.toLowerCase(Locale.ROOT))) {
                    errors.put(lat + ".name", "This criterion already has a level called \"" + levelName + "\".");
                }
                if (l.descriptor().length() > MAX_TEXT) errors.put(lat + ".descriptor", "Keep the descriptor to " + MAX_TEXT + " characters or fewer.");
                if (!levelName.isEmpty()) levels.add(new Rubric.Level(levelKeys.get(j), levelName, l.descriptor().strip()));
            }
            Integer required = c.requiredLevel();
            if (required == null || required < 0 || required >= c.levels().size()) {
                errors.put(at + ".requiredLevel", "Choose the level that meets the standard.");
            } else if (errors.size() == errorsBefore) {
                try {
                    built.add(new Rubric.Criterion(criterionKeys.get(i), name, levels, levelKeys.get(required)));
                } catch (IllegalArgumentException e) {
                    errors.put(at, "This criterion is not complete: " + e.getMessage() + ".");
                }
            }
        }
        if (errors.size() > errorsBefore) return null;
        try {
            return new Rubric(rubricId, built);
        } catch (IllegalArgumentException e) {
            errors.put("rubric", "The rubric is not complete: " + e.getMessage() + ".");
            return null;
        }
    }

    private EarningDesign.@Nullable AssessmentDesign assessment(Set<String> earlierQuestionIds, Map<String, String> errors) {
        if (assessment == null) return null;
        Assessment a = assessment;
        if (a.questions().size() > EarningDesign.MAX_QUESTIONS) {
            errors.put("assessment.questions", "An assessment may have at most " + EarningDesign.MAX_QUESTIONS + " questions.");
        }
        List<String> ids = questionIds(a.questions(), earlierQuestionIds);
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < a.questions().size(); i++) {
            Question q = question(a.questions().get(i), ids.get(i), errors);
            if (q != null) questions.add(q);
        }
        int drawn = a.questionsDrawn() == null ? questions.size() : a.questionsDrawn();
        return new EarningDesign.AssessmentDesign(questions, drawn,
                number(a.passMarkPercent(), "assessment.passMarkPercent", ASSESSMENT_DEFAULTS.passMarkPercent(), errors),
                number(a.attemptLimit(), "assessment.attemptLimit", ASSESSMENT_DEFAULTS.attemptLimit(), errors),
                number(a.coolDownHours(), "assessment.coolDownHours", ASSESSMENT_DEFAULTS.coolDownHours(), errors),
                a.timeLimitMinutes());
    }

    private static @Nullable Question question(QuestionInput q, String id, Map<String, String> errors) {
        String at = "assessment.questions[" + q.index() + "]";
        int before = errors.size();
        String prompt = q.prompt().strip();
        String feedback = q.feedback().strip();
        if (prompt.isEmpty()) errors.put(at + ".prompt", "Write the question.");
        else if (prompt.length() > MAX_TEXT) errors.put(at + ".prompt", "Keep the question to " + MAX_TEXT + " characters or fewer.");
        if (feedback.length() > MAX_TEXT) errors.put(at + ".feedback", "Keep the feedback to " + MAX_TEXT + " characters or fewer.");
        String type = q.type().strip().toLowerCase(Locale.ROOT);
        List<String> options = q.options().stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        List<String> correct = q.correct().stream().map(String::strip).filter(o -> !o.isEmpty())
                .map(o -> type.equals("truefalse") ? o.toLowerCase(Locale.ROOT) : o).distinct().toList();
        boolean choice = type.equals("single") || type.equals("multiple");
        if (choice) {
            if (options.size() < 2) errors.put(at + ".options", "Give at least two options, one per line.");
            else if (options.size() > MAX_OPTIONS) errors.put(at + ".options", "Give at most " + MAX_OPTIONS + " options.");
            else if (new HashSet<>(options).size() < options.size()) errors.put(at + ".options", "Each option must be different from the others.");
            else if (options.stream().anyMatch(o -> o.length() > 500)) errors.put(at + ".options", "Keep each option to 500 characters or fewer.");
            if (!options.containsAll(correct)) errors.put(at + ".correct", "The correct answer must be one of the options.");
            else if (type.equals("single") && correct.size() != 1) errors.put(at + ".correct", "Mark exactly one option as correct.");
            else if (correct.isEmpty()) errors.put(at + ".correct", "Mark at least one option as correct.");
        }
        if (type.equals("truefalse") && !(correct.equals(List.of("true")) || correct.equals(List.of("false")))) {
            errors.put(at + ".correct", "Choose whether the statement is true or false.");
        }
        String expected = q.expected().strip();
        if (type.equals("short")) {
            if (expected.isEmpty()) errors.put(at + ".expected", "Give the expected answer.");
            else if (q.pattern() && expected.length() > MAX_PATTERN) {
                errors.put(at + ".expected", "Keep the pattern to " + MAX_PATTERN + " characters or fewer.");
            } else if (q.pattern()) {
                try {
                    Question.ShortAnswer.compile(expected, q.ignoreCase());
                } catch (com.google.re2j.PatternSyntaxException e) {
                    // RE2/J matches in linear time; it has no backreferences or lookaround, so those are refused here.
                    errors.put(at + ".expected", "This is not a valid pattern (" + e.getDescription()
                            + (e.getPattern().isEmpty() ? "" : ": " + e.getPattern()) + "). Patterns may not use backreferences "
                            + "or lookaround; untick \"pattern\" to match the text exactly.");
                }
            } else if (expected.length() > 1000) {
                errors.put(at + ".expected", "Keep the expected answer to 1,000 characters or fewer.");
            }
        }
        if (!QUESTION_TYPES.contains(type)) {
            errors.put(at + ".type", "Choose a kind of question: single, multiple, truefalse or short.");
        }
        if (errors.size() > before) return null;
        try {
            return switch (type) {
                case "single" -> new Question.SingleChoice(id, prompt, options, correct.get(0), feedback);
                case "multiple" -> new Question.MultipleChoice(id, prompt, options, Set.copyOf(correct), feedback);
                case "truefalse" -> new Question.TrueFalse(id, prompt, Boolean.parseBoolean(correct.get(0)), feedback);
                default -> new Question.ShortAnswer(id, prompt, expected, q.pattern(), q.ignoreCase(), feedback);
            };
        } catch (IllegalArgumentException e) {
            errors.put(at, "This question is not complete: " + e.getMessage() + ".");
            return null;
        }
    }

    private EarningDesign.@Nullable SubmissionDesign submission(Map<String, String> errors) {
        if (submission == null) return null;
        Submission s = submission;
        EarningDesign.SubmissionDesign d = SUBMISSION_DEFAULTS;
        String instructions = s.instructions().strip();
        if (instructions.isEmpty()) errors.put("submission.instructions", "Tell learners what to submit.");
        List<String> types = new ArrayList<>();
        for (String t : s.fileTypes()) {
            String id = t.strip().toLowerCase(Locale.ROOT);
            if (!EarningDesign.FILE_TYPES.contains(id)) {
                errors.put("submission.fileTypes", "\"" + t + "\" is not a file type learners can upload; choose from "
                        + String.join(", ", EarningDesign.FILE_TYPES) + ".");
            } else if (!types.contains(id)) {
                types.add(id);
            }
        }
        types.sort(java.util.Comparator.comparingInt(EarningDesign.FILE_TYPES::indexOf));
        return new EarningDesign.SubmissionDesign(instructions, types,
                number(s.maxFileMegabytes(), "submission.maxFileMegabytes", d.maxFileMegabytes(), errors),
                number(s.maxFiles(), "submission.maxFiles", d.maxFiles(), errors), s.writtenResponses(),
                number(s.resubmissionLimit(), "submission.resubmissionLimit", d.resubmissionLimit(), errors),
                number(s.reviewersPerSubmission(), "submission.reviewersPerSubmission", d.reviewersPerSubmission(), errors),
                s.holdersOnly(), s.blind(), number(s.reviewDays(), "submission.reviewDays", d.reviewDays(), errors),
                s.deadlineDays());
    }

    /** A required number; a missing one is reported (unless reading it already failed) and stands in as the default. */
    private static int number(@Nullable Integer value, String field, int stand, Map<String, String> errors) {
        if (value != null) return value;
        errors.putIfAbsent(field, "Enter a whole number.");
        return stand;
    }

    /**
     * Keys for rows: a given key that is well-formed and not taken by an earlier row is kept; the others are derived
     * from the row's name, made unique with a number.
     */
    static List<String> keys(List<@Nullable String> given, List<String> names, String fallback) {
        Set<String> taken = new HashSet<>();
        List<@Nullable String> kept = new ArrayList<>();
        for (String key : given) {
            boolean keep = key != null && GIVEN_KEY.matcher(key).matches() && taken.add(key);
            kept.add(keep ? key : null);
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String key = kept.get(i);
            if (key == null) {
                String stem = keyOf(names.get(i), fallback + "-" + (i + 1));
                key = stem;
                for (int n = 2; taken.contains(key); n++) key = stem + "-" + n;
                taken.add(key);
            }
            keys.add(key);
        }
        return keys;
    }

    /** A slug-like key from a name: "Follow-up actions" becomes {@code follow-up-actions}. */
    static String keyOf(String name, String fallback) {
        String key = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (key.length() > 40) key = key.substring(0, 40).replaceAll("-+$", "");
        return key.isEmpty() ? fallback : key;
    }

    /** Question ids: given well-formed ones kept, the others numbered on after the highest {@code qN} seen. */
    private static List<String> questionIds(List<QuestionInput> questions, Set<String> earlier) {
        int highest = highestNumber(earlier);
        for (QuestionInput q : questions) {
            if (q.id() != null) highest = Math.max(highest, highestNumber(Set.of(q.id())));
        }
        Set<String> taken = new HashSet<>();
        List<String> ids = new ArrayList<>();
        for (QuestionInput q : questions) {
            String id = q.id() == null ? null : q.id().strip();
            if (id == null || !GIVEN_KEY.matcher(id).matches() || !taken.add(id)) {
                id = "q" + (++highest);
                taken.add(id);
            }
            ids.add(id);
        }
        return ids;
    }

    /** The highest {@code N} of ids like {@code qN}; 0 when there is none. */
    static int highestNumber(Set<String> ids) {
        int highest = 0;
        for (String id : ids) {
            var m = NUMBERED_QUESTION.matcher(id);
            if (m.matches()) highest = Math.max(highest, Integer.parseInt(m.group(1)));
        }
        return highest;
    }
}
