package io.guildmark.app.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.earning.EarningDesigns;
import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.earning.model.Question;
import io.guildmark.app.earning.model.Rubric;
import io.guildmark.app.organizations.Members;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.EmailAddress;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;

/**
 * People, associations and micro-credentials with earning designs, made through the application's own services, for
 * tests of earning. Every call makes new, unique data.
 */
public final class EarningWorld {

    public static final String PASSWORD = "correct horse battery staple";

    /** A person with an account; {@code actor} is how services see them signed in. */
    public record Person(UUID id, String email, String name, Actor.Person actor) {}

    /** An association with an owner, an API key and one published micro-credential with the given design. */
    public record Program(String slug, UUID organizationId, String apiKey, Person owner, UUID achievementId) {}

    private final ApplicationContext context;
    private final Api admin;
    private final String baseUrl;

    public EarningWorld(ApplicationContext context, Api admin, String baseUrl) {
        this.context = context;
        this.admin = admin;
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Person person(String name, @Nullable String employer) {
        Accounts accounts = context.getBean(Accounts.class);
        String email = Fixtures.uniqueEmail(name.toLowerCase().replaceAll("[^a-z]", ""));
        var user = accounts.createVerified(name, EmailAddress.of(email), PASSWORD, false);
        if (employer != null) accounts.setEmployer(user.id(), employer);
        return new Person(user.id(), user.email(), name, new Actor.Person(user.id(), user.email(), false));
    }

    /** A new member of the program's association with a role. */
    public Person member(Program program, Role role, String name, @Nullable String employer) {
        Person person = person(name, employer);
        context.getBean(Members.class).add(program.organizationId(), person.id(), role);
        return person;
    }

    public Program program(String stem, EarningDesign design) {
        String slug = Fixtures.createOrganization(admin, stem);
        String key = Fixtures.createApiKey(admin, slug);
        UUID orgId = context.getBean(Organizations.class).findBySlug(slug).orElseThrow().id();
        Person owner = person("Olive Owner", null);
        context.getBean(Members.class).add(orgId, owner.id(), Role.OWNER);
        UUID achievementId = UUID.fromString(Catalog.publishedMicroCredential(admin.withToken(key), slug, "Run a " + stem + " retrospective"));
        Program program = new Program(slug, orgId, key, owner, achievementId);
        design(program, program.achievementId(), design);
        return program;
    }

    /** Another published micro-credential of the program's association, with its own design. */
    public UUID anotherMicroCredential(Program program, String name, EarningDesign design) {
        UUID id = UUID.fromString(Catalog.publishedMicroCredential(admin.withToken(program.apiKey()), program.slug(), name));
        design(program, id, design);
        return id;
    }

    public void design(Program program, UUID achievementId, EarningDesign design) {
        EarningDesign resolved = design.rubric() == null && (design.submission() != null || design.demonstration() != null)
                ? new EarningDesign(rubric(achievementId), design.assessment(), design.submission(), design.demonstration(),
                        design.completion(), design.prerequisites())
                : design;
        context.getBean(EarningDesigns.class).save(program.owner().actor(), program.slug(), achievementId, resolved);
    }

    public Enrollment enroll(Person learner, Program program) {
        return context.getBean(Enrollments.class).enroll(learner.actor(), program.achievementId());
    }

    /** Two criteria, each with the levels beginning, meets, exemplary; "meets" meets the standard. */
    public Rubric rubric(UUID achievementId) {
        List<Rubric.Level> levels = List.of(new Rubric.Level("beginning", "Beginning", "Not yet at the standard."),
                new Rubric.Level("meets", "Meets", "At the association's standard."),
                new Rubric.Level("exemplary", "Exemplary", "A model for others."));
        return new Rubric(baseUrl + "/achievements/" + achievementId + "/rubric",
                List.of(new Rubric.Criterion("facilitation", "Facilitation", levels, "meets"),
                        new Rubric.Criterion("actions", "Follow-up actions", levels, "meets")));
    }

    public static EarningDesign.SubmissionDesign submissionDefaults() {
        return new EarningDesign.SubmissionDesign("Upload your retrospective notes and answer for each criterion.",
                List.of("pdf", "png", "jpeg", "text"), 25, 5, true, 2, 1, false, true, 14, null);
    }

    public static EarningDesign.AssessmentDesign assessmentDefaults() {
        return new EarningDesign.AssessmentDesign(List.of(
                new Question.TrueFalse("q1", "A retrospective looks back at how the team worked.", true, "It reviews the way of working, not only the product."),
                new Question.SingleChoice("q2", "Who should speak in a retrospective?", List.of("Only the lead", "Everyone on the team"), "Everyone on the team", "Every voice counts."),
                new Question.MultipleChoice("q3", "Which are retrospective formats?", List.of("Start-stop-continue", "Sailboat", "Gantt chart"),
                        java.util.Set.of("Start-stop-continue", "Sailboat"), "A Gantt chart is a schedule."),
                new Question.ShortAnswer("q4", "How many steps does Derby and Larsen's structure have? (a number)", "5|five", true, true, "Set the stage, gather data, generate insights, decide what to do, close.")),
                4, 75, 2, 24, null);
    }

    public static EarningDesign only(EarningDesign.AssessmentDesign assessment) {
        return new EarningDesign(null, assessment, null, null, null, List.of());
    }

    public static EarningDesign only(EarningDesign.SubmissionDesign submission) {
        return new EarningDesign(null, null, submission, null, null, List.of());
    }

    public static EarningDesign onlyCompletion(String courseCode) {
        return new EarningDesign(null, null, null, null, new EarningDesign.CompletionDesign(courseCode), List.of());
    }

    public static EarningDesign onlyDemonstration() {
        return new EarningDesign(null, null, null, new EarningDesign.DemonstrationDesign("Facilitate a retrospective while an assessor observes."),
                null, List.of());
    }

}
