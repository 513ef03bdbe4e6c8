package io.guildmark.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.earning.EarningDesigns;
import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.earning.model.Question;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.EarningWorld;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** A designer writes how a micro-credential is earned, in a real browser, with the editor's add buttons. */
class DesignEditorBrowserTest extends BrowserTest {

    @Autowired ApplicationContext context;
    @Autowired EarningDesigns designs;

    @Test
    void aDesignerBuildsATwoCriterionRubricWithThreeLevelsAndATrueFalseQuestionAndSavesIt() throws IOException {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        EarningWorld.Program program = world.program("browserdesign", EarningWorld.onlyDemonstration());
        UUID id = UUID.fromString(Catalog.publishedMicroCredential(admin().withToken(program.apiKey()), program.slug(),
                "Facilitate a team retrospective"));
        EarningWorld.Person designer = world.member(program, Role.DESIGNER, "Dana Designer", null);

        open("/signin");
        type("email", designer.email());
        type("password", EarningWorld.PASSWORD);
        click("Sign in");
        waitForText("Dashboard");
        open("/organizations/" + program.slug() + "/catalog/" + id);
        click("How it is earned: rubric, assessment, review");
        waitForText("Not set up yet");
        assertThat(axeViolations()).as("axe-core violations of moderate impact or worse").isEmpty();

        // The first criterion comes with three levels; the second is added with the same level names.
        type("f-rubric-criteria-0-name", "Facilitation");
        type("f-rubric-criteria-0-levels-0-descriptor", "Lets the loudest voice decide.");
        type("f-rubric-criteria-0-levels-1-descriptor", "Every voice is heard.");
        type("f-rubric-criteria-0-levels-2-descriptor", "Others learn from how it is run.");
        click("Add a criterion");
        type("f-rubric-criteria-1-name", "Follow-up actions");
        type("f-rubric-criteria-1-levels-0-descriptor", "No actions agreed.");
        type("f-rubric-criteria-1-levels-1-descriptor", "Actions with owners and dates.");
        type("f-rubric-criteria-1-levels-2-descriptor", "Actions are checked at the next retrospective.");
        find(By.id("f-rubric-criteria-1-requiredLevel-2")).click();
        assertThat(find(By.id("f-rubric-criteria-0-name")).getAttribute("value")).as("kept across the add").isEqualTo("Facilitation");
        scrollTo("table.rubric-editor");
        screenshot("design-editor-rubric");

        click("Add a question: true or false");
        type("f-assessment-questions-0-prompt", "A retrospective is mainly about the product that was built.");
        find(By.id("f-assessment-questions-0-correct-false")).click();
        type("f-assessment-questions-0-feedback", "It looks at how the team worked together.");
        assertThat(find(By.id("f-assessment-enabled")).isSelected()).as("adding a question turns the assessment on").isTrue();
        screenshot("design-editor-filled");
        click("Save a new version");

        waitForText("Saved as version 1");
        assertThat(pageText()).contains("Version 1", "The rubric of version 1", "Every voice is heard.");
        screenshot("design-editor-saved");
        scrollTo("table.rubric");
        screenshot("design-editor-saved-rubric");
        assertThat(axeViolations()).as("axe-core violations of moderate impact or worse").isEmpty();

        EarningDesign design = designs.current(program.owner().actor(), program.slug(), id).design();
        assertThat(design.rubric().criteria()).hasSize(2).allSatisfy(c -> assertThat(c.levels()).extracting(l -> l.name())
                .containsExactly("Beginning", "Meets the standard", "Exemplary"));
        assertThat(design.rubric().criterion("facilitation").requiredLevel()).isEqualTo("meets-the-standard");
        assertThat(design.rubric().criterion("follow-up-actions").requiredLevel()).isEqualTo("exemplary");
        assertThat(design.assessment().questions()).containsExactly(new Question.TrueFalse("q1",
                "A retrospective is mainly about the product that was built.", false, "It looks at how the team worked together."));
        assertThat(design.assessment().passMarkPercent()).as("the default pass mark").isEqualTo(80);
        assertThat(design.methods()).containsExactly(EarningDesign.Method.ASSESSMENT);
    }

    private void scrollTo(String selector) {
        ((JavascriptExecutor) browser).executeScript("document.querySelector(arguments[0]).scrollIntoView()", selector);
    }

    @SuppressWarnings("unchecked")
    private List<String> axeViolations() throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        try (InputStream in = getClass().getResourceAsStream("/axe/axe.min.js")) {
            js.executeScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        browser.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(30));
        return (List<String>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
                   .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical' || v.impact === 'moderate')
                       .map(v => v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
                   .catch(e => done(['axe failed: ' + e]));""");
    }
}
