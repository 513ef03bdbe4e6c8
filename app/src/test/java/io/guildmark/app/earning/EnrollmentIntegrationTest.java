package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.OutsideVerifier;
import io.guildmark.credentials.schema.Ob3Schemas;
import io.guildmark.credentials.verify.VerificationReport;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class EnrollmentIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Enrollments enrollments;
    @Autowired EarnedAwards earnedAwards;
    @Autowired Awards awards;

    EarningWorld world;

    @BeforeEach
    void world() {
        world = new EarningWorld(context, admin(), baseUrl());
    }

    @Test
    void enrollingTwiceAnswersTheSameEnrollmentAndTheDashboardListsWhatIsNext() {
        var program = world.program("enrol", EarningWorld.only(EarningWorld.assessmentDefaults()));
        var learner = world.person("Lena Learner", null);
        Enrollment first = world.enroll(learner, program);
        Enrollment again = world.enroll(learner, program);
        assertThat(again.id()).isEqualTo(first.id());
        var dashboard = enrollments.dashboard(learner.actor());
        assertThat(dashboard).singleElement().satisfies(v -> {
            assertThat(v.steps()).singleElement().satisfies(s -> assertThat(s.status()).isEqualTo(Progress.Status.TO_DO));
            assertThat(v.next()).contains("assessment");
        });
    }

    @Test
    void aMissingPrerequisiteIsNamedAndNothingIsStored() {
        var program = world.program("prereq", EarningWorld.onlyDemonstration());
        UUID advanced = world.anotherMicroCredential(program, "Coach retrospective facilitators",
                new EarningDesign(null, null, null, new EarningDesign.DemonstrationDesign("Coach someone."), null, List.of(program.achievementId())));
        var learner = world.person("Pia Prereq", null);
        long before = count("enrollments");
        assertThatThrownBy(() -> enrollments.enroll(learner.actor(), advanced))
                .isInstanceOf(Problem.class).hasMessageContaining("Run a prereq retrospective").hasMessageContaining("first");
        assertThat(count("enrollments")).isEqualTo(before);
    }

    @Test
    void aMicroCredentialWithoutAnOnlinePathCannotBeEnrolledIn() {
        var program = world.program("staffonly", EarningWorld.onlyDemonstration());
        UUID staffAwarded = UUID.fromString(io.guildmark.app.support.Catalog.publishedMicroCredential(
                admin().withToken(program.apiKey()), program.slug(), "Awarded by staff"));
        var learner = world.person("Sam Staffonly", null);
        assertThatThrownBy(() -> enrollments.enroll(learner.actor(), staffAwarded)).isInstanceOf(Problem.class)
                .hasMessageContaining("awarded by");
    }

    @Test
    void aPricedEnrollmentWaitsForStaffToMarkItPaidAndOnlyStaffMay() {
        var program = world.program("priced", EarningWorld.onlyDemonstration());
        db.sql("update achievement_versions set definition = replace(definition, '\"currency\"', '\"nonMemberPrice\":4900,\"currency\"') where achievement_id = ?")
                .param(program.achievementId()).update();
        var learner = world.person("Paula Payer", null);
        Enrollment e = world.enroll(learner, program);
        assertThat(e.payment()).isEqualTo(Enrollment.Payment.DUE);
        assertThat(e.price()).isEqualTo("49.00 USD");
        assertThat(enrollments.mine(learner.actor(), e.id()).next()).contains("Payment of 49.00 USD is due");
        assertThatThrownBy(() -> enrollments.markPaid(learner.actor(), program.slug(), e.id())).isInstanceOf(Problem.class);
        var reviewer = world.member(program, Role.REVIEWER, "Rita Reviewer", null);
        assertThatThrownBy(() -> enrollments.markPaid(reviewer.actor(), program.slug(), e.id())).isInstanceOf(Problem.class);
        assertThat(enrollments.markPaid(program.owner().actor(), program.slug(), e.id()).payment()).isEqualTo(Enrollment.Payment.PAID);
    }

    @Test
    void anotherLearnersEnrollmentReadsAsNotFound() {
        var program = world.program("privacy", EarningWorld.onlyDemonstration());
        Enrollment mine = world.enroll(world.person("Mia Mine", null), program);
        var other = world.person("Otto Other", null);
        assertThatThrownBy(() -> enrollments.mine(other.actor(), mine.id())).isInstanceOf(Problem.class)
                .extracting(p -> ((Problem) p).kind()).isEqualTo(Problem.Kind.NOT_FOUND);
    }

    @Test
    void meetingTheLastRequirementIssuesOneBadgeWhoseResultCarriesTheRubricLevels() throws Exception {
        var program = world.program("rubric", EarningWorld.onlyDemonstration());
        var learner = world.person("Rae Rubric", null);
        Enrollment e = world.enroll(learner, program);
        db.sql("""
                insert into demonstrations (id, enrollment_id, assessor_id, mode, observed_on, levels, notes, verdict, recorded_at)
                values (?, ?, ?, 'in_person', ?, '{"facilitation":"exemplary","actions":"meets"}', 'Calm and clear.', 'meets', ?)""")
                .params(UUID.randomUUID(), e.id(), program.owner().id(), java.sql.Date.valueOf(LocalDate.now()),
                        Timestamp.from(java.time.Instant.now())).update();

        var award = earnedAwards.check(e.id());
        assertThat(award).isPresent();
        assertThat(earnedAwards.check(e.id())).as("a second check awards nothing").isEmpty();
        assertThat(enrollments.find(e.id()).orElseThrow().state()).isEqualTo(Enrollment.State.AWARDED);

        Api.Response fetched = api().get("/credentials/" + award.get().id(), "application/vc+ld+json");
        JsonObject credential = Json.createReader(new java.io.StringReader(fetched.body())).readObject();
        assertThat(Ob3Schemas.validateAchievementCredential(credential)).isEmpty();
        var subject = credential.getJsonObject("credentialSubject");
        var descriptions = subject.getJsonObject("achievement").getJsonArray("resultDescription");
        assertThat(descriptions).hasSize(2);
        assertThat(descriptions.getJsonObject(0).getString("resultType")).isEqualTo("RubricCriterionLevel");
        assertThat(descriptions.getJsonObject(0).getString("requiredLevel")).endsWith("criterion-facilitation-level-meets");
        var results = subject.getJsonArray("result");
        assertThat(results.getJsonObject(0).getString("achievedLevel")).endsWith("criterion-facilitation-level-exemplary");
        assertThat(results.getJsonObject(0).getString("status")).isEqualTo("Completed");
        assertThat(credential.getJsonArray("evidence").getJsonObject(0).getString("name")).isEqualTo("Skills demonstration");

        String rubricUrl = descriptions.getJsonObject(0).getString("id").replaceAll("#.*", "");
        assertThat(rubricUrl).startsWith(baseUrl() + "/achievements/" + program.achievementId() + "/rubrics/");
        assertThat(api().get(rubricUrl, "text/html").body()).contains("Facilitation", "Exemplary", "required");
        assertThat(api().get(rubricUrl, "application/json").json().get("resultDescription")).hasSize(2);
        io.guildmark.app.support.Holders.acceptAndMakePublic(context, award.get().id()); // pending badges are private
        assertThat(api().get("/credentials/" + award.get().id(), "text/html").body()).contains("Rubric outcome", "Exemplary",
                "Meets the required level, Meets");

        VerificationReport report = new OutsideVerifier().verifier.verify(fetched.body().getBytes(StandardCharsets.UTF_8),
                "application/vc+ld+json", learner.email());
        assertThat(report.verified()).as(report.checks().toString()).isTrue();
        assertThat(io.guildmark.app.support.Mailbox.await(learner.email(), "You earned").body()).contains("/credentials/" + award.get().id());
    }
}
