package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.guildmark.app.catalog.EarningRequirement;
import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.earning.model.Question;
import io.guildmark.app.shared.Problem;
import org.junit.jupiter.api.Test;

class DesignInputUnitTest {

    static final String RUBRIC = "https://guild.example/achievements/1/rubric";

    static List<DesignInput.Level> levels(String... names) {
        return Arrays.stream(names).map(n -> new DesignInput.Level(null, n, "")).toList();
    }

    static DesignInput rubricOnly(DesignInput.Criterion... criteria) {
        return new DesignInput(List.of(criteria), null, null, "Observe a retrospective.", null, List.of());
    }

    static DesignInput.QuestionInput question(int index, String type, String id, List<String> options, List<String> correct, String expected, boolean pattern) {
        return new DesignInput.QuestionInput(index, type, id, "Prompt " + index, options, correct, expected, pattern, false, "");
    }

    static DesignInput assessmentOnly(DesignInput.QuestionInput... questions) {
        return new DesignInput(List.of(), new DesignInput.Assessment(List.of(questions), null, 80, 3, 24, null), null, null, null, List.of());
    }

    static Map<String, String> errorsOf(DesignInput input) {
        try {
            input.toDesign(RUBRIC, Set.of(), Map.of());
        } catch (Problem p) {
            return io.guildmark.app.shared.FieldErrors.of(p);
        }
        throw new AssertionError("expected a problem");
    }

    @Test
    void keysAreDerivedFromNamesAndMadeUnique() {
        assertThat(DesignInput.keys(Arrays.asList(null, null, null), List.of("Follow-up actions", "Café culture", "Follow up actions!"), "criterion"))
                .containsExactly("follow-up-actions", "cafe-culture", "follow-up-actions-2");
        assertThat(DesignInput.keyOf("¿?", "level-3")).isEqualTo("level-3");
    }

    @Test
    void aGivenKeyIsKeptEvenWhenTheNameChangedAndANewRowDoesNotTakeIt() {
        assertThat(DesignInput.keys(Arrays.asList(null, "facilitation"), List.of("Facilitation", "Running the session"), "criterion"))
                .containsExactly("facilitation-2", "facilitation");
        assertThat(DesignInput.keys(Arrays.asList("bad key!", "x", "x"), List.of("A", "B", "C"), "level"))
                .as("malformed or repeated keys are derived again").containsExactly("a", "x", "c");
    }

    @Test
    void theRequiredLevelIsGivenByPositionAndBecomesThatLevelsKey() {
        EarningDesign design = rubricOnly(new DesignInput.Criterion(0, null, "Facilitation", levels("Not yet", "Meets", "Exceeds"), 1))
                .toDesign(RUBRIC, Set.of(), Map.of());
        assertThat(design.rubric().id()).isEqualTo(RUBRIC);
        assertThat(design.rubric().criterion("facilitation").requiredLevel()).isEqualTo("meets");
    }

    @Test
    void rubricProblemsAreNamedByTheRowsTheyCameFrom() {
        var errors = errorsOf(rubricOnly(
                new DesignInput.Criterion(2, null, "Facilitation", levels("Not yet", "Meets"), null),
                new DesignInput.Criterion(5, null, "FACILITATION ", levels("Only"), 0),
                new DesignInput.Criterion(6, null, "Actions", levels("Low", " low", ""), 0)));
        assertThat(errors).containsOnlyKeys("rubric.criteria[2].requiredLevel", "rubric.criteria[5].name", "rubric.criteria[5].levels",
                "rubric.criteria[6].levels[1].name", "rubric.criteria[6].levels[2].name");
        assertThat(errors.get("rubric.criteria[5].name")).contains("Another criterion is already called \"FACILITATION\"");
    }

    @Test
    void newQuestionsTakeTheNextIdAfterTheHighestEverUsed() {
        var input = assessmentOnly(question(0, "truefalse", "q2", List.of(), List.of("TRUE"), "", false),
                question(1, "truefalse", null, List.of(), List.of("false"), "", false),
                question(2, "truefalse", "q2", List.of(), List.of("true"), "", false));
        EarningDesign design = input.toDesign(RUBRIC, Set.of("q1", "q7"), Map.of());
        assertThat(design.assessment().questions()).extracting(Question::id).containsExactly("q2", "q8", "q9");
        assertThat(((Question.TrueFalse) design.assessment().questions().get(0)).correct()).isTrue();
        assertThat(design.assessment().questionsDrawn()).as("all of them when not given").isEqualTo(3);
    }

    @Test
    void questionProblemsNameTheFieldToFixInsteadOfThrowingFromTheModel() {
        var errors = errorsOf(assessmentOnly(
                question(0, "single", "q1", List.of("A", "B"), List.of("A", "B"), "", false),
                question(1, "multiple", "q2", List.of("A", "A"), List.of("C"), "", false),
                question(2, "short", "q3", List.of(), List.of(), "(unclosed", true),
                question(3, "truefalse", "q4", List.of(), List.of(), "", false),
                question(4, "essay", "q5", List.of(), List.of(), "", false)));
        assertThat(errors).containsOnlyKeys("assessment.questions[0].correct", "assessment.questions[1].options",
                "assessment.questions[1].correct", "assessment.questions[2].expected", "assessment.questions[3].correct",
                "assessment.questions[4].type");
        assertThat(errors.get("assessment.questions[2].expected")).startsWith("This is not a valid pattern");
    }

    @Test
    void theModelsOwnChecksAreReportedTogetherWithTheInputsAndReadErrorsWin() {
        var submission = new DesignInput.Submission("Upload.", List.of("pdf", "exe"), 30, 5, true, 2, 3, false, true, 14, null);
        var input = new DesignInput(List.of(), new DesignInput.Assessment(List.of(question(0, "truefalse", "q1", List.of(), List.of("true"), "", false)),
                null, 0, null, 24, null), submission, null, null, List.of("nope"));
        assertThatThrownBy(() -> input.toDesign(RUBRIC, Set.of(), Map.of("assessment.attemptLimit", "Enter a whole number, such as 14.")))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(io.guildmark.app.shared.FieldErrors.of(p))
                        .containsEntry("assessment.attemptLimit", "Enter a whole number, such as 14.")
                        .containsEntry("assessment.passMarkPercent", "The pass mark is a percentage from 1 to 100.")
                        .containsEntry("submission.maxFileMegabytes", "Each file may be 1 to 25 MB.")
                        .containsEntry("submission.reviewersPerSubmission", "One or two reviewers per submission.")
                        .containsKeys("submission.fileTypes", "rubric", "prerequisites"));
    }

    @Test
    void theEditorNamesWhereTheCatalogEntryAndTheDesignDisagree() {
        var listed = List.<EarningRequirement>of(new EarningRequirement.Assessment("Quiz"), new EarningRequirement.Submission("Notes"));
        assertThat(DesignPages.mismatches(listed, List.of("assessment", "completion"))).containsExactly(
                "The catalog entry lists \"Work product\" as a requirement, but this design does not set it up.",
                "This design asks for \"Course completion\", which the catalog entry's requirements do not mention.");
        assertThat(DesignPages.mismatches(listed, List.of("submission", "assessment"))).isEmpty();
    }
}
