package io.guildmark.app.earning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.earning.model.Question;
import io.guildmark.app.earning.model.Rubric;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * How a micro-credential is earned, over JSON: {@code GET} and {@code PUT /api/v1/organizations/{slug}/achievements/{id}/earning}.
 * The body is the whole design; every {@code PUT} saves a new version. Designers (and API keys) only, because the
 * question bank holds the answers.
 */
@ApiController
@Tag(name = "Earning designs", description = "How a micro-credential is earned: rubric, assessment, work product, demonstration, course completion, prerequisites")
class DesignApi {

    private static final String PATH = "/api/v1/organizations/{slug}/achievements/{id}/earning";

    @Schema(description = "A performance level. Leave out key to derive it from the name; keys stay stable across saves.")
    record LevelBody(@Nullable String key, @Nullable String name, @Nullable String descriptor) {}

    @Schema(description = "A criterion with its levels, lowest first. requiredLevel is the key (or name) of the level that meets the standard.")
    record CriterionBody(@Nullable String key, @Nullable String name, @Nullable List<LevelBody> levels, @Nullable String requiredLevel) {}

    @Schema(description = "The rubric. Its id is always {baseUrl}/achievements/{id}/rubric; an id sent is ignored.")
    record RubricBody(@Nullable String id, @Nullable List<CriterionBody> criteria) {}

    @Schema(description = "A question: type single (options, correct: one option), multiple (options, correct: options), "
            + "truefalse (correct: boolean) or short (expected, pattern, ignoreCase). Leave out id for the next free qN.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record QuestionBody(@Nullable String type, @Nullable String id, @Nullable String prompt, @Nullable List<String> options,
            @Schema(description = "single: a string; multiple: an array of strings; truefalse: a boolean") @Nullable Object correct,
            @Nullable String expected, @Nullable Boolean pattern, @Nullable Boolean ignoreCase, @Nullable String feedback) {}

    @Schema(description = "An auto-graded assessment. questionsDrawn left out: all questions; other numbers left out take the defaults (80 %, 3 attempts, 24 hours).")
    record AssessmentBody(@Nullable List<QuestionBody> questions, @Nullable Integer questionsDrawn, @Nullable Integer passMarkPercent,
            @Nullable Integer attemptLimit, @Nullable Integer coolDownHours, @Nullable Integer timeLimitMinutes) {}

    @Schema(description = "A work product reviewed on the rubric. fileTypes: pdf, docx, xlsx, pptx, png, jpeg, gif, mp4, text. "
            + "Fields left out take the defaults (pdf, docx, png, jpeg; 10 MB; 5 files; written responses; 2 resubmissions; 1 reviewer; blind; 14 days).")
    record SubmissionBody(@Nullable String instructions, @Nullable List<String> fileTypes, @Nullable Integer maxFileMegabytes,
            @Nullable Integer maxFiles, @Nullable Boolean writtenResponses, @Nullable Integer resubmissionLimit,
            @Nullable Integer reviewersPerSubmission, @Nullable Boolean holdersOnly, @Nullable Boolean blind,
            @Nullable Integer reviewDays, @Nullable Integer deadlineDays) {}

    record DemonstrationBody(@Nullable String instructions) {}

    record CompletionBody(@Nullable String courseCode) {}

    @Schema(description = "An earning design. A section that is null or left out is not required of learners.")
    record DesignBody(@Nullable RubricBody rubric, @Nullable AssessmentBody assessment, @Nullable SubmissionBody submission,
            @Nullable DemonstrationBody demonstration, @Nullable CompletionBody completion, @Nullable List<String> prerequisites) {}

    @Schema(description = "A saved version; version 0 (and an empty design) when none was saved yet.")
    record DesignResponse(int version, @Nullable Instant savedAt, DesignBody design) {}

    private final EarningDesigns designs;
    private final Organizations organizations;
    private final DesignHistory history;
    private final GuildmarkSettings settings;

    DesignApi(EarningDesigns designs, Organizations organizations, DesignHistory history, GuildmarkSettings settings) {
        this.designs = designs;
        this.organizations = organizations;
        this.history = history;
        this.settings = settings;
    }

    @GetMapping(PATH)
    @Operation(summary = "Read how a micro-credential is earned: the newest version of its earning design")
    DesignResponse get(@PathVariable String slug, @PathVariable UUID id) {
        organizations.require(CurrentActor.get(), slug, Permission.DESIGN);
        return response(designs.current(CurrentActor.get(), slug, id));
    }

    @PutMapping(PATH)
    @Operation(summary = "Save a new version of the earning design; learners already enrolled keep the version they started with")
    DesignResponse put(@PathVariable String slug, @PathVariable UUID id, @RequestBody DesignBody body) {
        organizations.require(CurrentActor.get(), slug, Permission.DESIGN);
        EarningDesigns.Versioned current = designs.current(CurrentActor.get(), slug, id);
        EarningDesign design = input(body).toDesign(DesignPages.rubricId(settings, id), DesignPages.questionIds(current.design()), Map.of());
        return response(designs.save(CurrentActor.get(), slug, id, design));
    }

    private DesignResponse response(EarningDesigns.Versioned v) {
        Instant savedAt = history.saved(v.achievementId(), v.version()).map(DesignHistory.Saved::at).orElse(null);
        return new DesignResponse(v.version(), savedAt, body(v.design()));
    }

    // ---- JSON to input --------------------------------------------------------------------------------------------

    static DesignInput input(DesignBody body) {
        List<DesignInput.Criterion> criteria = new ArrayList<>();
        List<CriterionBody> sent = body.rubric() == null || body.rubric().criteria() == null ? List.of() : body.rubric().criteria();
        for (int i = 0; i < sent.size(); i++) {
            CriterionBody c = sent.get(i);
            if (c == null) c = new CriterionBody(null, null, null, null);
            List<LevelBody> levels = c.levels() == null ? List.of() : c.levels().stream()
                    .map(l -> l == null ? new LevelBody(null, null, null) : l).toList();
            criteria.add(new DesignInput.Criterion(i, c.key(), nn(c.name()),
                    levels.stream().map(l -> new DesignInput.Level(l.key(), nn(l.name()), nn(l.descriptor()))).toList(),
                    requiredPosition(levels, c.requiredLevel())));
        }
        DesignInput.Assessment assessment = null;
        if (body.assessment() != null) {
            AssessmentBody a = body.assessment();
            EarningDesign.AssessmentDesign d = DesignInput.ASSESSMENT_DEFAULTS;
            List<QuestionBody> questions = a.questions() == null ? List.of() : a.questions();
            List<DesignInput.QuestionInput> inputs = new ArrayList<>();
            for (int i = 0; i < questions.size(); i++) {
                QuestionBody q = questions.get(i) == null ? new QuestionBody(null, null, null, null, null, null, null, null, null) : questions.get(i);
                inputs.add(new DesignInput.QuestionInput(i, nn(q.type()), q.id(), nn(q.prompt()),
                        q.options() == null ? List.of() : q.options().stream().map(DesignApi::nn).toList(), correct(q.correct()),
                        nn(q.expected()), Boolean.TRUE.equals(q.pattern()), !Boolean.FALSE.equals(q.ignoreCase()), nn(q.feedback())));
            }
            assessment = new DesignInput.Assessment(inputs, a.questionsDrawn(), or(a.passMarkPercent(), d.passMarkPercent()),
                    or(a.attemptLimit(), d.attemptLimit()), or(a.coolDownHours(), d.coolDownHours()), a.timeLimitMinutes());
        }
        DesignInput.Submission submission = null;
        if (body.submission() != null) {
            SubmissionBody s = body.submission();
            EarningDesign.SubmissionDesign d = DesignInput.SUBMISSION_DEFAULTS;
            submission = new DesignInput.Submission(nn(s.instructions()), s.fileTypes() == null ? d.fileTypes()
                    : s.fileTypes().stream().map(DesignApi::nn).toList(), or(s.maxFileMegabytes(), d.maxFileMegabytes()),
                    or(s.maxFiles(), d.maxFiles()), or(s.writtenResponses(), d.writtenResponses()),
                    or(s.resubmissionLimit(), d.resubmissionLimit()), or(s.reviewersPerSubmission(), d.reviewersPerSubmission()),
                    or(s.holdersOnly(), d.holdersOnly()), or(s.blind(), d.blind()), or(s.reviewDays(), d.reviewDays()), s.deadlineDays());
        }
        return new DesignInput(criteria, assessment, submission,
                body.demonstration() == null ? null : nn(body.demonstration().instructions()),
                body.completion() == null ? null : nn(body.completion().courseCode()),
                body.prerequisites() == null ? List.of() : body.prerequisites().stream().map(DesignApi::nn).toList());
    }

    /** The position of the required level: by key as sent, else by the key its name gives, else by name. */
    private static @Nullable Integer requiredPosition(List<LevelBody> levels, @Nullable String required) {
        if (required == null || required.isBlank()) return null;
        List<String> keys = DesignInput.keys(levels.stream().map(LevelBody::key).toList(),
                levels.stream().map(l -> nn(l.name())).toList(), "level");
        for (int j = 0; j < levels.size(); j++) if (keys.get(j).equals(required.strip())) return j;
        for (int j = 0; j < levels.size(); j++) if (nn(levels.get(j).name()).strip().equalsIgnoreCase(required.strip())) return j;
        return null;
    }

    /** The correct answer as sent: one option, several, or a boolean; the input reads it by the question's type. */
    private static List<String> correct(@Nullable Object correct) {
        if (correct == null) return List.of();
        if (correct instanceof List<?> list) return list.stream().map(String::valueOf).toList();
        return List.of(String.valueOf(correct));
    }

    // ---- Design to JSON -------------------------------------------------------------------------------------------

    static DesignBody body(EarningDesign d) {
        Rubric r = d.rubric();
        RubricBody rubric = r == null ? null : new RubricBody(r.id(), r.criteria().stream().map(c -> new CriterionBody(c.key(), c.name(),
                c.levels().stream().map(l -> new LevelBody(l.key(), l.name(), l.descriptor())).toList(), c.requiredLevel())).toList());
        EarningDesign.AssessmentDesign a = d.assessment();
        AssessmentBody assessment = a == null ? null : new AssessmentBody(a.questions().stream().map(DesignApi::body).toList(),
                a.questionsDrawn(), a.passMarkPercent(), a.attemptLimit(), a.coolDownHours(), a.timeLimitMinutes());
        EarningDesign.SubmissionDesign s = d.submission();
        SubmissionBody submission = s == null ? null : new SubmissionBody(s.instructions(), s.fileTypes(), s.maxFileMegabytes(),
                s.maxFiles(), s.writtenResponses(), s.resubmissionLimit(), s.reviewersPerSubmission(), s.holdersOnly(), s.blind(),
                s.reviewDays(), s.deadlineDays());
        return new DesignBody(rubric, assessment, submission,
                d.demonstration() == null ? null : new DemonstrationBody(d.demonstration().instructions()),
                d.completion() == null ? null : new CompletionBody(d.completion().courseCode()),
                d.prerequisites().stream().map(UUID::toString).toList());
    }

    private static QuestionBody body(Question q) {
        if (q instanceof Question.SingleChoice s) {
            return new QuestionBody("single", s.id(), s.prompt(), s.options(), s.correct(), null, null, null, s.feedback());
        }
        if (q instanceof Question.MultipleChoice m) {
            // In the order of the options, so the answer key reads the same every time.
            return new QuestionBody("multiple", m.id(), m.prompt(), m.options(), m.options().stream().filter(m.correct()::contains).toList(),
                    null, null, null, m.feedback());
        }
        if (q instanceof Question.TrueFalse t) {
            return new QuestionBody("truefalse", t.id(), t.prompt(), null, t.correct(), null, null, null, t.feedback());
        }
        Question.ShortAnswer a = (Question.ShortAnswer) q;
        return new QuestionBody("short", a.id(), a.prompt(), null, null, a.expected(), a.pattern(), a.ignoreCase(), a.feedback());
    }

    private static int or(@Nullable Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }

    private static boolean or(@Nullable Boolean value, boolean otherwise) {
        return value == null ? otherwise : value;
    }

    private static String nn(@Nullable String s) {
        return s == null ? "" : s;
    }
}
