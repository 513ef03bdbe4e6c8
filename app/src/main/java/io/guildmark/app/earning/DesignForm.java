package io.guildmark.app.earning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.earning.model.Question;
import io.guildmark.app.earning.model.Rubric;
import org.jspecify.annotations.Nullable;

/**
 * The earning design editor's form as the browser sends it: text everywhere, names that match the API's field keys
 * ({@code rubric.criteria[0].levels[1].name}, {@code assessment.passMarkPercent}), so each error lands beside its
 * field. A mutable bean, because Spring binds indexed rows into beans. Choice questions list their options one per
 * line, the correct ones starting with {@code *}, which works without JavaScript.
 */
class DesignForm {

    /** Most levels the "add a level" button adds up to. */
    static final int MAX_LEVELS = DesignInput.MAX_LEVELS;

    /** The levels a new rubric starts with, lowest first; the middle one meets the standard. */
    static final List<String> DEFAULT_LEVELS = List.of("Beginning", "Meets the standard", "Exemplary");

    /** How the editor names each file type. */
    static final Map<String, String> FILE_TYPE_LABELS = Map.of("pdf", "PDF", "docx", "Word (.docx)", "xlsx", "Excel (.xlsx)",
            "pptx", "PowerPoint (.pptx)", "png", "PNG image", "jpeg", "JPEG image", "gif", "GIF image", "mp4", "MP4 video",
            "text", "Plain text");

    /** How the editor names each kind of question. */
    static final Map<String, String> QUESTION_TYPE_LABELS = Map.of("single", "Single choice", "multiple", "Multiple choice",
            "truefalse", "True or false", "short", "Short answer");

    public static class LevelRow {
        private String key = "";
        private String name = "";
        private String descriptor = "";

        public String getKey() { return key; }
        public void setKey(String v) { key = nn(v); }
        public String getName() { return name; }
        public void setName(String v) { name = nn(v); }
        public String getDescriptor() { return descriptor; }
        public void setDescriptor(String v) { descriptor = nn(v); }
    }

    public static class CriterionRow {
        private String key = "";
        private String name = "";
        private List<LevelRow> levels = new ArrayList<>();
        private String requiredLevel = "";

        public String getKey() { return key; }
        public void setKey(String v) { key = nn(v); }
        public String getName() { return name; }
        public void setName(String v) { name = nn(v); }
        public List<LevelRow> getLevels() { return levels; }
        public void setLevels(List<LevelRow> v) { levels = v == null ? new ArrayList<>() : v; }
        /** The position of the level that meets the standard, as the radio button sends it. */
        public String getRequiredLevel() { return requiredLevel; }
        public void setRequiredLevel(String v) { requiredLevel = nn(v); }

        boolean blank() {
            return name.isBlank() && levels.stream().allMatch(l -> l.descriptor.isBlank());
        }
    }

    public static class RubricPart {
        private List<CriterionRow> criteria = new ArrayList<>();

        public List<CriterionRow> getCriteria() { return criteria; }
        public void setCriteria(List<CriterionRow> v) { criteria = v == null ? new ArrayList<>() : v; }

        /** The number of level columns the rubric table needs. */
        public int maxLevels() {
            return criteria.stream().mapToInt(c -> c.levels.size()).max().orElse(0);
        }
    }

    public static class QuestionRow {
        private String id = "";
        private String type = "single";
        private String prompt = "";
        private String options = "";
        private String correct = "";
        private String expected = "";
        private boolean pattern;
        // Unticked boxes in indexed rows send nothing the binder can use, so each defaults to false.
        private boolean ignoreCase;
        private String feedback = "";

        public String getId() { return id; }
        public void setId(String v) { id = nn(v); }
        public String getType() { return type; }
        public void setType(String v) { type = nn(v); }
        public String getPrompt() { return prompt; }
        public void setPrompt(String v) { prompt = nn(v); }
        /** Choice questions: one option per line, each correct one starting with {@code *}. */
        public String getOptions() { return options; }
        public void setOptions(String v) { options = nn(v); }
        /** True/false questions: {@code true} or {@code false}. */
        public String getCorrect() { return correct; }
        public void setCorrect(String v) { correct = nn(v); }
        public String getExpected() { return expected; }
        public void setExpected(String v) { expected = nn(v); }
        public boolean isPattern() { return pattern; }
        public void setPattern(boolean v) { pattern = v; }
        public boolean isIgnoreCase() { return ignoreCase; }
        public void setIgnoreCase(boolean v) { ignoreCase = v; }
        public String getFeedback() { return feedback; }
        public void setFeedback(String v) { feedback = nn(v); }

        public String typeLabel() {
            return QUESTION_TYPE_LABELS.getOrDefault(type, type);
        }

        boolean blank() {
            return (prompt + options + expected + feedback).isBlank();
        }
    }

    public static class AssessmentPart {
        private boolean enabled;
        private List<QuestionRow> questions = new ArrayList<>();
        private String questionsDrawn = "";
        private String passMarkPercent = String.valueOf(DesignInput.ASSESSMENT_DEFAULTS.passMarkPercent());
        private String attemptLimit = String.valueOf(DesignInput.ASSESSMENT_DEFAULTS.attemptLimit());
        private String coolDownHours = String.valueOf(DesignInput.ASSESSMENT_DEFAULTS.coolDownHours());
        private String timeLimitMinutes = "";

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean v) { enabled = v; }
        public List<QuestionRow> getQuestions() { return questions; }
        public void setQuestions(List<QuestionRow> v) { questions = v == null ? new ArrayList<>() : v; }
        public String getQuestionsDrawn() { return questionsDrawn; }
        public void setQuestionsDrawn(String v) { questionsDrawn = nn(v); }
        public String getPassMarkPercent() { return passMarkPercent; }
        public void setPassMarkPercent(String v) { passMarkPercent = nn(v); }
        public String getAttemptLimit() { return attemptLimit; }
        public void setAttemptLimit(String v) { attemptLimit = nn(v); }
        public String getCoolDownHours() { return coolDownHours; }
        public void setCoolDownHours(String v) { coolDownHours = nn(v); }
        public String getTimeLimitMinutes() { return timeLimitMinutes; }
        public void setTimeLimitMinutes(String v) { timeLimitMinutes = nn(v); }
    }

    public static class SubmissionPart {
        private static final EarningDesign.SubmissionDesign DEFAULTS = DesignInput.SUBMISSION_DEFAULTS;
        private boolean enabled;
        private String instructions = "";
        private List<String> fileTypes = new ArrayList<>(DEFAULTS.fileTypes());
        private String maxFileMegabytes = String.valueOf(DEFAULTS.maxFileMegabytes());
        private String maxFiles = String.valueOf(DEFAULTS.maxFiles());
        private boolean writtenResponses = DEFAULTS.writtenResponses();
        private String resubmissionLimit = String.valueOf(DEFAULTS.resubmissionLimit());
        private String reviewersPerSubmission = String.valueOf(DEFAULTS.reviewersPerSubmission());
        private boolean holdersOnly = DEFAULTS.holdersOnly();
        private boolean blind = DEFAULTS.blind();
        private String reviewDays = String.valueOf(DEFAULTS.reviewDays());
        private String deadlineDays = "";

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean v) { enabled = v; }
        public String getInstructions() { return instructions; }
        public void setInstructions(String v) { instructions = nn(v); }
        public List<String> getFileTypes() { return fileTypes; }
        public void setFileTypes(List<String> v) { fileTypes = v == null ? new ArrayList<>() : v; }
        public String getMaxFileMegabytes() { return maxFileMegabytes; }
        public void setMaxFileMegabytes(String v) { maxFileMegabytes = nn(v); }
        public String getMaxFiles() { return maxFiles; }
        public void setMaxFiles(String v) { maxFiles = nn(v); }
        public boolean isWrittenResponses() { return writtenResponses; }
        public void setWrittenResponses(boolean v) { writtenResponses = v; }
        public String getResubmissionLimit() { return resubmissionLimit; }
        public void setResubmissionLimit(String v) { resubmissionLimit = nn(v); }
        public String getReviewersPerSubmission() { return reviewersPerSubmission; }
        public void setReviewersPerSubmission(String v) { reviewersPerSubmission = nn(v); }
        public boolean isHoldersOnly() { return holdersOnly; }
        public void setHoldersOnly(boolean v) { holdersOnly = v; }
        public boolean isBlind() { return blind; }
        public void setBlind(boolean v) { blind = v; }
        public String getReviewDays() { return reviewDays; }
        public void setReviewDays(String v) { reviewDays = nn(v); }
        public String getDeadlineDays() { return deadlineDays; }
        public void setDeadlineDays(String v) { deadlineDays = nn(v); }
    }

    public static class DemonstrationPart {
        private boolean enabled;
        private String instructions = "";

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean v) { enabled = v; }
        public String getInstructions() { return instructions; }
        public void setInstructions(String v) { instructions = nn(v); }
    }

    public static class CompletionPart {
        private boolean enabled;
        private String courseCode = "";

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean v) { enabled = v; }
        public String getCourseCode() { return courseCode; }
        public void setCourseCode(String v) { courseCode = nn(v); }
    }

    private RubricPart rubric = new RubricPart();
    private AssessmentPart assessment = new AssessmentPart();
    private SubmissionPart submission = new SubmissionPart();
    private DemonstrationPart demonstration = new DemonstrationPart();
    private CompletionPart completion = new CompletionPart();
    private List<String> prerequisites = new ArrayList<>();

    public RubricPart getRubric() { return rubric; }
    public void setRubric(RubricPart v) { rubric = v == null ? new RubricPart() : v; }
    public AssessmentPart getAssessment() { return assessment; }
    public void setAssessment(AssessmentPart v) { assessment = v == null ? new AssessmentPart() : v; }
    public SubmissionPart getSubmission() { return submission; }
    public void setSubmission(SubmissionPart v) { submission = v == null ? new SubmissionPart() : v; }
    public DemonstrationPart getDemonstration() { return demonstration; }
    public void setDemonstration(DemonstrationPart v) { demonstration = v == null ? new DemonstrationPart() : v; }
    public CompletionPart getCompletion() { return completion; }
    public void setCompletion(CompletionPart v) { completion = v == null ? new CompletionPart() : v; }
    public List<String> getPrerequisites() { return prerequisites; }
    public void setPrerequisites(List<String> v) { prerequisites = v == null ? new ArrayList<>() : v; }

    /** A form showing a saved design; sections it leaves out show their defaults, unticked. */
    static DesignForm of(EarningDesign design) {
        DesignForm f = new DesignForm();
        Rubric r = design.rubric();
        if (r != null) {
            for (Rubric.Criterion c : r.criteria()) {
                CriterionRow row = new CriterionRow();
                row.key = c.key();
                row.name = c.name();
                for (Rubric.Level l : c.levels()) {
                    LevelRow level = new LevelRow();
                    level.key = l.key();
                    level.name = l.name();
                    level.descriptor = l.descriptor();
                    row.levels.add(level);
                }
                row.requiredLevel = String.valueOf(c.rank(c.requiredLevel()));
                f.rubric.criteria.add(row);
            }
        }
        EarningDesign.AssessmentDesign a = design.assessment();
        if (a != null) {
            f.assessment.enabled = true;
            a.questions().forEach(q -> f.assessment.questions.add(row(q)));
            f.assessment.questionsDrawn = a.questionsDrawn() == a.questions().size() ? "" : String.valueOf(a.questionsDrawn());
            f.assessment.passMarkPercent = String.valueOf(a.passMarkPercent());
            f.assessment.attemptLimit = String.valueOf(a.attemptLimit());
            f.assessment.coolDownHours = String.valueOf(a.coolDownHours());
            f.assessment.timeLimitMinutes = a.timeLimitMinutes() == null ? "" : a.timeLimitMinutes().toString();
        }
        EarningDesign.SubmissionDesign s = design.submission();
        if (s != null) {
            SubmissionPart p = f.submission;
            p.enabled = true;
            p.instructions = s.instructions();
            p.fileTypes = new ArrayList<>(s.fileTypes());
            p.maxFileMegabytes = String.valueOf(s.maxFileMegabytes());
            p.maxFiles = String.valueOf(s.maxFiles());
            p.writtenResponses = s.writtenResponses();
            p.resubmissionLimit = String.valueOf(s.resubmissionLimit());
            p.reviewersPerSubmission = String.valueOf(s.reviewersPerSubmission());
            p.holdersOnly = s.holdersOnly();
            p.blind = s.blind();
            p.reviewDays = String.valueOf(s.reviewDays());
            p.deadlineDays = s.deadlineDays() == null ? "" : s.deadlineDays().toString();
        }
        if (design.demonstration() != null) {
            f.demonstration.enabled = true;
            f.demonstration.instructions = design.demonstration().instructions();
        }
        if (design.completion() != null) {
            f.completion.enabled = true;
            f.completion.courseCode = design.completion().courseCode();
        }
        design.prerequisites().forEach(p -> f.prerequisites.add(p.toString()));
        return f;
    }

    private static QuestionRow row(Question q) {
        QuestionRow row = new QuestionRow();
        row.id = q.id();
        row.prompt = q.prompt();
        row.feedback = q.feedback();
        if (q instanceof Question.SingleChoice s) {
            row.type = "single";
            row.options = options(s.options(), Set.of(s.correct()));
        } else if (q instanceof Question.MultipleChoice m) {
            row.type = "multiple";
            row.options = options(m.options(), m.correct());
        } else if (q instanceof Question.TrueFalse t) {
            row.type = "truefalse";
            row.correct = String.valueOf(t.correct());
        } else if (q instanceof Question.ShortAnswer a) {
            row.type = "short";
            row.expected = a.expected();
            row.pattern = a.pattern();
            row.ignoreCase = a.ignoreCase();
        }
        return row;
    }

    private static String options(List<String> options, Set<String> correct) {
        return options.stream().map(o -> (correct.contains(o) ? "* " : "") + o).collect(Collectors.joining("\n"));
    }

    /** Gives an empty rubric one criterion to type into, with the default levels. */
    DesignForm withSpareRows() {
        if (rubric.criteria.isEmpty()) rubric.criteria.add(newCriterion(null));
        return this;
    }

    // ---- The add and remove buttons: each answers the id of the field to put the cursor in -----------------------

    String addCriterion() {
        if (rubric.criteria.size() < DesignInput.MAX_CRITERIA) {
            // A new criterion gets the first one's level names, so the rubric stays a neat table.
            rubric.criteria.add(newCriterion(rubric.criteria.isEmpty() ? null : rubric.criteria.get(0)));
        }
        return "rubric.criteria[" + (rubric.criteria.size() - 1) + "].name";
    }

    String removeCriterion(int i) {
        if (i >= 0 && i < rubric.criteria.size()) rubric.criteria.remove(i);
        withSpareRows();
        return "rubric";
    }

    String addLevel(int i) {
        if (i < 0 || i >= rubric.criteria.size()) return "rubric";
        CriterionRow c = rubric.criteria.get(i);
        if (c.levels.size() < MAX_LEVELS) c.levels.add(new LevelRow());
        return "rubric.criteria[" + i + "].levels[" + (c.levels.size() - 1) + "].name";
    }

    /** Removes level {@code j} of criterion {@code i}; the level that meets the standard keeps its place. */
    String removeLevel(int i, int j) {
        if (i < 0 || i >= rubric.criteria.size()) return "rubric";
        CriterionRow c = rubric.criteria.get(i);
        if (j < 0 || j >= c.levels.size()) return "rubric";
        c.levels.remove(j);
        Integer required = parse(c.requiredLevel);
        if (required != null && required == j) c.requiredLevel = "";
        else if (required != null && required > j) c.requiredLevel = String.valueOf(required - 1);
        return "rubric.criteria[" + i + "].name";
    }

    /** Adds a question of the kind with the next free id, and turns the assessment on. */
    String addQuestion(String type, Set<String> earlierIds) {
        if (!DesignInput.QUESTION_TYPES.contains(type) || assessment.questions.size() >= EarningDesign.MAX_QUESTIONS) {
            return "assessment.questions";
        }
        Set<String> ids = new java.util.HashSet<>(earlierIds);
        assessment.questions.forEach(q -> ids.add(q.id));
        QuestionRow q = new QuestionRow();
        q.id = "q" + (DesignInput.highestNumber(ids) + 1);
        q.type = type;
        q.ignoreCase = true;
        assessment.questions.add(q);
        assessment.enabled = true;
        return "assessment.questions[" + (assessment.questions.size() - 1) + "].prompt";
    }

    String removeQuestion(int i) {
        if (i >= 0 && i < assessment.questions.size()) assessment.questions.remove(i);
        return "assessment.questions";
    }

    private static CriterionRow newCriterion(@Nullable CriterionRow like) {
        CriterionRow c = new CriterionRow();
        List<String> names = like == null || like.levels.isEmpty() ? DEFAULT_LEVELS : like.levels.stream().map(l -> l.name).toList();
        for (String name : names) {
            LevelRow l = new LevelRow();
            l.name = name;
            c.levels.add(l);
        }
        c.requiredLevel = like == null ? "1" : like.requiredLevel;
        return c;
    }

    // ---- Reading ----------------------------------------------------------------------------------------------------

    /** The method ids this form turns on, in the model's order. */
    List<String> methodIds() {
        List<String> ids = new ArrayList<>();
        if (assessment.enabled) ids.add(EarningDesign.Method.ASSESSMENT.id());
        if (submission.enabled) ids.add(EarningDesign.Method.SUBMISSION.id());
        if (demonstration.enabled) ids.add(EarningDesign.Method.DEMONSTRATION.id());
        if (completion.enabled) ids.add(EarningDesign.Method.COMPLETION.id());
        return ids;
    }

    /**
     * What the form says, leaving out blank criterion and question rows; numbers that are not numbers are added to
     * {@code readErrors}.
     */
    DesignInput toInput(Map<String, String> readErrors) {
        List<DesignInput.Criterion> criteria = new ArrayList<>();
        for (int i = 0; i < rubric.criteria.size(); i++) {
            CriterionRow c = rubric.criteria.get(i);
            if (c.blank()) continue;
            criteria.add(new DesignInput.Criterion(i, blankToNull(c.key), c.name,
                    c.levels.stream().map(l -> new DesignInput.Level(blankToNull(l.key), l.name, l.descriptor)).toList(),
                    parse(c.requiredLevel)));
        }
        DesignInput.Assessment a = null;
        if (assessment.enabled) {
            List<DesignInput.QuestionInput> questions = new ArrayList<>();
            for (int i = 0; i < assessment.questions.size(); i++) {
                QuestionRow q = assessment.questions.get(i);
                if (q.blank()) continue;
                List<String> options = new ArrayList<>();
                List<String> correct = new ArrayList<>();
                for (String line : q.options.split("\\R")) {
                    String option = line.strip();
                    if (option.startsWith("*")) {
                        option = option.substring(1).strip();
                        correct.add(option);
                    }
                    if (!option.isEmpty()) options.add(option);
                }
                if (q.type.equals("truefalse")) correct = List.of(q.correct);
                questions.add(new DesignInput.QuestionInput(i, q.type, blankToNull(q.id), q.prompt, options, correct, q.expected,
                        q.pattern, q.ignoreCase, q.feedback));
            }
            a = new DesignInput.Assessment(questions, number(assessment.questionsDrawn, "assessment.questionsDrawn", readErrors),
                    number(assessment.passMarkPercent, "assessment.passMarkPercent", readErrors),
                    number(assessment.attemptLimit, "assessment.attemptLimit", readErrors),
                    number(assessment.coolDownHours, "assessment.coolDownHours", readErrors),
                    number(assessment.timeLimitMinutes, "assessment.timeLimitMinutes", readErrors));
        }
        DesignInput.Submission s = null;
        if (submission.enabled) {
            SubmissionPart p = submission;
            s = new DesignInput.Submission(p.instructions, p.fileTypes,
                    number(p.maxFileMegabytes, "submission.maxFileMegabytes", readErrors),
                    number(p.maxFiles, "submission.maxFiles", readErrors), p.writtenResponses,
                    number(p.resubmissionLimit, "submission.resubmissionLimit", readErrors),
                    number(p.reviewersPerSubmission, "submission.reviewersPerSubmission", readErrors), p.holdersOnly, p.blind,
                    number(p.reviewDays, "submission.reviewDays", readErrors),
                    number(p.deadlineDays, "submission.deadlineDays", readErrors));
        }
        return new DesignInput(criteria, a, s, demonstration.enabled ? demonstration.instructions : null,
                completion.enabled ? completion.courseCode : null, prerequisites);
    }

    /** A whole number, {@code null} when blank; one that cannot be read is reported by field. */
    private static @Nullable Integer number(String text, String field, Map<String, String> errors) {
        if (text.isBlank()) return null;
        Integer n = parse(text);
        if (n == null) errors.put(field, "Enter a whole number, such as 14.");
        return n;
    }

    private static @Nullable Integer parse(String text) {
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable String blankToNull(String s) {
        return s.isBlank() ? null : s.strip();
    }

    private static String nn(@Nullable String value) {
        return value == null ? "" : value;
    }

    /** For the template: each file type id with its label, in the order forms list them. */
    static Map<String, String> fileTypeChoices() {
        Map<String, String> choices = new LinkedHashMap<>();
        EarningDesign.FILE_TYPES.forEach(t -> choices.put(t, FILE_TYPE_LABELS.getOrDefault(t, t)));
        return choices;
    }
}
