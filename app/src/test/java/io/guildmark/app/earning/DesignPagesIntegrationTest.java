package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.earning.model.Question;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The earning design editor, through a person's browser session without JavaScript. */
class DesignPagesIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired EarningDesigns designs;

    EarningWorld world;

    @BeforeEach
    void world() {
        world = new EarningWorld(context, admin(), baseUrl());
    }

    /** A program whose owner is signed in, with a second, published micro-credential that has no design yet. */
    record Editing(EarningWorld.Program program, UUID achievementId, WebSession web, String page) {}

    private Editing editing(String stem) {
        EarningWorld.Program program = world.program(stem, EarningWorld.onlyDemonstration());
        UUID id = UUID.fromString(Catalog.publishedMicroCredential(admin().withToken(program.apiKey()), program.slug(),
                "Facilitate a " + stem + " retrospective"));
        WebSession web = signedIn(program.owner());
        return new Editing(program, id, web, "/organizations/" + program.slug() + "/catalog/" + id + "/earning");
    }

    private WebSession signedIn(EarningWorld.Person person) {
        WebSession web = new WebSession(baseUrl());
        web.signIn(person.email(), EarningWorld.PASSWORD);
        return web;
    }

    /** The fields a browser sends for a full design, in order; tests change some before sending. */
    static final class Fields {
        final List<String> pairs = new ArrayList<>();

        Fields add(String name, String value) {
            pairs.add(name);
            pairs.add(value);
            return this;
        }

        /** Replaces the value of the first field with this name. */
        Fields set(String name, String value) {
            int i = pairs.indexOf(name);
            if (i < 0 || i % 2 != 0) throw new IllegalArgumentException("No field " + name);
            pairs.set(i + 1, value);
            return this;
        }

        Fields without(String name) {
            int i = pairs.indexOf(name);
            pairs.remove(i + 1);
            pairs.remove(i);
            return this;
        }

        String[] array() {
            return pairs.toArray(String[]::new);
        }
    }

    static Fields fullDesign() {
        Fields f = new Fields();
        String[][] criteria = {{"Facilitation", "Lets the loudest voice decide.", "Every voice is heard.", "Others learn from how it is run."},
                {"Follow-up actions", "No actions agreed.", "Actions with owners and dates.", "Actions are checked at the next one."}};
        for (int i = 0; i < criteria.length; i++) {
            String c = "rubric.criteria[" + i + "]";
            f.add(c + ".key", "").add(c + ".name", criteria[i][0]);
            String[] levels = {"Beginning", "Meets the standard", "Exemplary"};
            for (int j = 0; j < 3; j++) {
                f.add(c + ".levels[" + j + "].key", "").add(c + ".levels[" + j + "].name", levels[j])
                        .add(c + ".levels[" + j + "].descriptor", criteria[i][j + 1]);
            }
            f.add(c + ".requiredLevel", "1");
        }
        f.add("_assessment.enabled", "on").add("assessment.enabled", "true")
                .add("assessment.questions[0].id", "q1").add("assessment.questions[0].type", "truefalse")
                .add("assessment.questions[0].prompt", "A retrospective looks back at how the team worked.")
                .add("assessment.questions[0].correct", "true").add("assessment.questions[0].feedback", "It reviews the way of working.")
                .add("assessment.questions[1].id", "q2").add("assessment.questions[1].type", "single")
                .add("assessment.questions[1].prompt", "Who should speak in a retrospective?")
                .add("assessment.questions[1].options", "Only the lead\n* Everyone on the team")
                .add("assessment.questions[1].feedback", "Every voice counts.")
                .add("assessment.questions[2].id", "q3").add("assessment.questions[2].type", "short")
                .add("assessment.questions[2].prompt", "How many steps has Derby and Larsen's structure?")
                .add("assessment.questions[2].expected", "5|five")
                .add("_assessment.questions[2].pattern", "on").add("assessment.questions[2].pattern", "true")
                .add("_assessment.questions[2].ignoreCase", "on").add("assessment.questions[2].ignoreCase", "true")
                .add("assessment.questions[2].feedback", "")
                .add("assessment.questionsDrawn", "2").add("assessment.passMarkPercent", "75").add("assessment.attemptLimit", "2")
                .add("assessment.coolDownHours", "12").add("assessment.timeLimitMinutes", "30")
                .add("_submission.enabled", "on").add("submission.enabled", "true")
                .add("submission.instructions", "Upload your retrospective notes.")
                .add("_submission.fileTypes", "on").add("submission.fileTypes", "pdf").add("submission.fileTypes", "mp4")
                .add("submission.maxFileMegabytes", "20").add("submission.maxFiles", "3")
                .add("_submission.writtenResponses", "on").add("submission.writtenResponses", "true")
                .add("submission.resubmissionLimit", "1").add("submission.reviewersPerSubmission", "2")
                .add("_submission.holdersOnly", "on").add("submission.holdersOnly", "true")
                .add("_submission.blind", "on")
                .add("submission.reviewDays", "10").add("submission.deadlineDays", "60")
                .add("_demonstration.enabled", "on").add("demonstration.instructions", "")
                .add("_completion.enabled", "on").add("completion.enabled", "true").add("completion.courseCode", "RETRO-101")
                .add("_prerequisites", "on").add("save", "1");
        return f;
    }

    private long versions(UUID achievementId) {
        return db.sql("select count(*) from earning_designs where achievement_id = ?").param(achievementId).query(Long.class).single();
    }

    @Test
    void aDesignerSavesRubricQuestionsAndReviewRulesAndTheReloadedPageShowsThemAsVersionOne() {
        Editing e = editing("saving");
        assertThat(e.web().get(e.page()).body()).contains("Not set up yet", "Add a criterion", "Meets the standard");

        WebSession.Page saved = e.web().submit(e.page(), e.page(), fullDesign().array());
        assertThat(saved.uri().getPath()).isEqualTo(e.page());
        assertThat(saved.body()).contains("Saved as version 1", "Version 1</strong><span>, saved ", "by Olive Owner.",
                "keep the version they started with", "value=\"Facilitation\"", "value=\"Follow-up actions\"",
                "* Everyone on the team", "value=\"5|five\"", "value=\"RETRO-101\"", "The rubric of version 1");

        EarningDesign design = designs.current(e.program().owner().actor(), e.program().slug(), e.achievementId()).design();
        var rubric = design.rubric();
        assertThat(rubric.id()).isEqualTo(baseUrl() + "/achievements/" + e.achievementId() + "/rubrics/1");
        assertThat(rubric.criteria()).extracting(c -> c.key()).containsExactly("facilitation", "follow-up-actions");
        assertThat(rubric.criterion("facilitation").levels()).extracting(l -> l.key())
                .containsExactly("beginning", "meets-the-standard", "exemplary");
        assertThat(rubric.criterion("facilitation").requiredLevel()).isEqualTo("meets-the-standard");
        var assessment = design.assessment();
        assertThat(assessment.questions()).extracting(Question::id).containsExactly("q1", "q2", "q3");
        assertThat(assessment.questions().get(0)).isEqualTo(new Question.TrueFalse("q1",
                "A retrospective looks back at how the team worked.", true, "It reviews the way of working."));
        assertThat(assessment.questions().get(1)).isEqualTo(new Question.SingleChoice("q2", "Who should speak in a retrospective?",
                List.of("Only the lead", "Everyone on the team"), "Everyone on the team", "Every voice counts."));
        assertThat(assessment.questions().get(2)).isEqualTo(new Question.ShortAnswer("q3",
                "How many steps has Derby and Larsen's structure?", "5|five", true, true, ""));
        assertThat(assessment.questionsDrawn()).isEqualTo(2);
        assertThat(assessment.timeLimitMinutes()).isEqualTo(30);
        assertThat(design.submission()).isEqualTo(new EarningDesign.SubmissionDesign("Upload your retrospective notes.",
                List.of("pdf", "mp4"), 20, 3, true, 1, 2, true, false, 10, 60));
        assertThat(design.demonstration()).isNull();
        assertThat(design.completion().courseCode()).isEqualTo("RETRO-101");
    }

    @Test
    void renamingACriterionKeepsItsKeyAndANewQuestionTakesTheNextFreeId() {
        Editing e = editing("renaming");
        e.web().submit(e.page(), e.page(), fullDesign().array());
        // The page as reloaded carries the keys; the designer renames the first criterion and removes question q3.
        Fields renamed = fullDesign().set("rubric.criteria[0].key", "facilitation").set("rubric.criteria[0].name", "Running the session")
                .set("assessment.questions[2].id", "").set("assessment.questions[2].prompt", "Name one retrospective format.")
                .set("assessment.questions[2].expected", "sailboat").set("assessment.questions[2].pattern", "false")
                .without("assessment.questions[2].ignoreCase");
        WebSession.Page page = e.web().submit(e.page(), e.page(), renamed.array());
        assertThat(page.body()).contains("Saved as version 2");
        EarningDesign design = designs.current(e.program().owner().actor(), e.program().slug(), e.achievementId()).design();
        assertThat(design.rubric().criteria()).extracting(c -> c.key() + "=" + c.name())
                .containsExactly("facilitation=Running the session", "follow-up-actions=Follow-up actions");
        assertThat(design.assessment().questions()).extracting(Question::id).containsExactly("q1", "q2", "q4");
        assertThat(design.assessment().questions().get(2)).as("an unticked box is a no").isEqualTo(
                new Question.ShortAnswer("q4", "Name one retrospective format.", "sailboat", false, false, ""));
        assertThat(designs.version(e.achievementId(), 1).design().rubric().criteria().get(0).name())
                .as("version 1, as enrolled learners keep it").isEqualTo("Facilitation");
    }

    @Test
    void addAndRemoveButtonsWorkWithoutJavaScriptAndSaveNothing() {
        Editing e = editing("rows");
        long before = versions(e.achievementId());

        WebSession.Page added = e.web().submit(e.page(), e.page(), fullDesign().without("save").add("addCriterion", "1").array());
        assertThat(added.body()).contains("name=\"rubric.criteria[2].name\"", "value=\"Follow-up actions\"")
                .contains("id=\"f-rubric-criteria-2-name\" name=\"rubric.criteria[2].name\" value=\"\" autofocus=\"autofocus\"");

        WebSession.Page level = e.web().submit(e.page(), e.page(), fullDesign().without("save").add("addLevel", "0").array());
        assertThat(level.body()).contains("name=\"rubric.criteria[0].levels[3].name\"", "Level 4 (highest)")
                .doesNotContain("name=\"rubric.criteria[1].levels[3].name\"");

        WebSession.Page removed = e.web().submit(e.page(), e.page(), fullDesign().without("save").add("removeLevel", "0-0").array());
        assertThat(removed.body()).doesNotContain("Lets the loudest voice decide.")
                .as("the level that meets the standard moved to the first place")
                .containsPattern("name=\"rubric\\.criteria\\[0\\]\\.requiredLevel\"\\s+value=\"0\"[^>]*checked");

        WebSession.Page question = e.web().submit(e.page(), e.page(), fullDesign().without("save").add("addQuestion", "truefalse").array());
        assertThat(question.body()).contains("Question 4 · True or false", "name=\"assessment.questions[3].id\" value=\"q4\"");

        WebSession.Page fewer = e.web().submit(e.page(), e.page(), fullDesign().without("save").add("removeQuestion", "0").array());
        assertThat(fewer.body()).doesNotContain("A retrospective looks back").contains("Who should speak");

        assertThat(versions(e.achievementId())).isEqualTo(before);
    }

    @Test
    void invalidInputIsShownBesideEachFieldAndNoVersionIsStored() {
        Editing e = editing("invalid");
        long before = versions(e.achievementId());
        Fields bad = fullDesign().without("rubric.criteria[0].requiredLevel")
                .set("rubric.criteria[1].name", "facilitation")
                .set("assessment.passMarkPercent", "0")
                .set("submission.maxFileMegabytes", "30")
                .set("assessment.questions[2].expected", "(unclosed")
                .set("assessment.attemptLimit", "three");
        WebSession.Page page = e.web().submit(e.page(), e.page(), bad.array());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Please fix the following; nothing was saved.",
                "Choose the level that meets the standard.",
                "Another criterion is already called &quot;facilitation&quot;",
                "The pass mark is a percentage from 1 to 100.",
                "Each file may be 1 to 25 MB.",
                "This is not a valid pattern",
                "Enter a whole number, such as 14.",
                "aria-describedby=\"f-assessment-passMarkPercent-error f-assessment-passMarkPercent-hint\"",
                "href=\"#f-rubric-criteria-0-requiredLevel\"", "id=\"f-rubric-criteria-0-requiredLevel\"",
                "value=\"(unclosed\"", "value=\"30\"", "value=\"three\"", "Upload your retrospective notes.");
        assertThat(versions(e.achievementId())).isEqualTo(before);
    }

    @Test
    void aWorkProductWithoutARubricIsRefused() {
        Editing e = editing("norubric");
        Fields noRubric = fullDesign();
        for (int i = 0; i < 2; i++) {
            noRubric.set("rubric.criteria[" + i + "].name", "");
            for (int j = 0; j < 3; j++) noRubric.set("rubric.criteria[" + i + "].levels[" + j + "].descriptor", "");
        }
        WebSession.Page page = e.web().submit(e.page(), e.page(), noRubric.array());
        assertThat(page.body()).contains("Work products and demonstrations are scored on a rubric");
        assertThat(versions(e.achievementId())).isZero();
    }

    @Test
    void theEditorSaysWhereTheCatalogEntryAndTheDesignDisagree() {
        Editing e = editing("mismatch");
        e.web().submit(e.page(), e.page(), fullDesign().array());
        // The catalog entry lists no requirements at all, while the design asks for three things.
        assertThat(e.web().get(e.page()).body()).contains("The catalog entry and this design do not agree",
                "This design asks for &quot;Assessment&quot;, which the catalog entry&#39;s requirements do not mention.");
        assertThat(e.web().get("/organizations/" + e.program().slug() + "/catalog/" + e.achievementId()).body())
                .contains("How it is earned: rubric, assessment, review", e.page());
    }

    @Test
    void onlyDesignersMayOpenOrSaveTheEditor() {
        Editing e = editing("access");
        long before = versions(e.achievementId());
        var designer = world.member(e.program(), Role.DESIGNER, "Dana Designer", null);
        assertThat(signedIn(designer).get(e.page()).status()).isEqualTo(200);

        for (Role role : List.of(Role.REVIEWER, Role.ISSUER)) {
            WebSession staff = signedIn(world.member(e.program(), role, "Sam " + role.label(), null));
            assertThat(staff.get(e.page()).status()).as(role.label()).isEqualTo(403);
            assertThat(staff.submit("/dashboard", e.page(), fullDesign().array()).status()).as(role.label()).isEqualTo(403);
        }
        WebSession learner = signedIn(world.person("Lee Learner", null));
        assertThat(learner.get(e.page()).status()).isEqualTo(404);
        assertThat(learner.submit("/dashboard", e.page(), fullDesign().array()).status()).isEqualTo(404);

        EarningWorld.Program other = world.program("elsewhere", EarningWorld.onlyDemonstration());
        WebSession otherOwner = signedIn(other.owner());
        assertThat(otherOwner.get(e.page()).status()).isEqualTo(404);
        assertThat(otherOwner.submit("/dashboard", e.page(), fullDesign().array()).status()).isEqualTo(404);
        // Their own organization's address with this micro-credential's id does not reach it either.
        String mixed = "/organizations/" + other.slug() + "/catalog/" + e.achievementId() + "/earning";
        assertThat(otherOwner.get(mixed).status()).isEqualTo(404);
        assertThat(otherOwner.submit("/dashboard", mixed, fullDesign().array()).status()).isEqualTo(404);

        assertThat(versions(e.achievementId())).isEqualTo(before);
    }
}
