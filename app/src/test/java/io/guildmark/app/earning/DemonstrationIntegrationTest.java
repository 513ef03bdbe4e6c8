package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Skills demonstrations recorded by assessors: checked, told to the learner, and awarding the badge on "meets". */
class DemonstrationIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Demonstrations demonstrations;
    @Autowired Enrollments enrollments;

    EarningWorld world;
    EarningWorld.Program program;
    EarningWorld.Person assessor;
    EarningWorld.Person learner;
    Enrollment enrollment;

    @BeforeEach
    void aLearnerWaitingForADemonstration() {
        world = new EarningWorld(context, admin(), baseUrl());
        program = world.program("demo", EarningWorld.onlyDemonstration());
        assessor = world.member(program, Role.REVIEWER, "Asa Assessor", null);
        learner = world.person("Dee Demonstrator", null);
        enrollment = world.enroll(learner, program);
    }

    private static Demonstrations.Form form(String mode, String videoUrl, String level, String verdict) {
        return new Demonstrations.Form(mode, videoUrl, LocalDate.now().toString(), Map.of("facilitation", level, "actions", level),
                "Kept time well; every voice was heard.", verdict);
    }

    @Test
    void anAssessorRecordsADemonstrationThatMeetsAndTheBadgeIsIssued() {
        var session = PeerReviewFixture.Session.signedIn(baseUrl(), assessor.email(), EarningWorld.PASSWORD);
        var waiting = session.get("/organizations/" + program.slug() + "/demonstrations");
        assertThat(waiting.status()).isEqualTo(200);
        assertThat(waiting.body()).contains("Dee Demonstrator");

        var recorded = session.post("/organizations/" + program.slug() + "/demonstrations/" + enrollment.id(),
                "/organizations/" + program.slug() + "/demonstrations/" + enrollment.id(),
                "mode", "video", "videoUrl", "https://video.example.org/retro-42", "observedOn", LocalDate.now().toString(),
                "level.facilitation", "exemplary", "level.actions", "meets", "notes", "Clear and calm.", "verdict", "meets");

        assertThat(recorded.status()).isEqualTo(200);
        assertThat(recorded.body()).contains("Observation recorded (meets the standard)");
        assertThat(db.sql("select mode from demonstrations where enrollment_id = ?").param(enrollment.id()).query(String.class).single()).isEqualTo("video");
        assertThat(enrollments.find(enrollment.id()).orElseThrow().state()).isEqualTo(Enrollment.State.AWARDED);
        Mailbox.await(learner.email(), "Your skills demonstration meets the standard");
        Mailbox.await(learner.email(), "You earned");
        assertThat(session.get("/organizations/" + program.slug() + "/demonstrations").body()).doesNotContain("Dee Demonstrator");
    }

    @Test
    void notYetIsRecordedAndTheLearnerMayBeObservedAgain() {
        demonstrations.record(assessor.actor(), program.slug(), enrollment.id(), form("in_person", "", "beginning", "not_yet"));
        assertThat(Mailbox.await(learner.email(), "Feedback on your skills demonstration").body()).contains("/learning/" + enrollment.id());
        assertThat(demonstrations.waiting(assessor.actor(), program.slug(), io.guildmark.app.earning.Demonstrations.Filter.none(), 0, 50).items()).anySatisfy(c -> {
            assertThat(c.enrollment().id()).isEqualTo(enrollment.id());
            assertThat(c.observations()).hasSize(1);
        });
        demonstrations.record(assessor.actor(), program.slug(), enrollment.id(), form("in_person", "", "meets", "meets"));
        assertThat(enrollments.find(enrollment.id()).orElseThrow().state()).isEqualTo(Enrollment.State.AWARDED);
    }

    @Test
    void badObservationsAreRefusedAndNothingIsStored() {
        assertThatThrownBy(() -> demonstrations.record(assessor.actor(), program.slug(), enrollment.id(), form("in_person", "", "beginning", "meets")))
                .isInstanceOf(Problem.class).hasMessageContaining("below it");
        assertThatThrownBy(() -> demonstrations.record(assessor.actor(), program.slug(), enrollment.id(),
                form("video", "javascript:alert(1)", "meets", "meets"))).isInstanceOf(Problem.class).hasMessageContaining("https://");
        assertThatThrownBy(() -> demonstrations.record(assessor.actor(), program.slug(), enrollment.id(),
                form("video", "ftp://files.example.org/retro.mp4", "meets", "meets"))).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> demonstrations.record(assessor.actor(), program.slug(), enrollment.id(),
                new Demonstrations.Form("in_person", "", LocalDate.now().plusDays(5).toString(), Map.of("facilitation", "meets", "actions", "meets"), "", "meets")))
                .isInstanceOf(Problem.class).hasMessageContaining("future");
        assertThatThrownBy(() -> demonstrations.record(assessor.actor(), program.slug(), enrollment.id(),
                new Demonstrations.Form("in_person", "", "yesterday", Map.of("facilitation", "meets"), "", "perhaps")))
                .isInstanceOf(Problem.class).satisfies(t -> assertThat(((Problem) t).fieldErrors()).extracting(Problem.FieldError::field)
                        .contains("observedOn", "level.actions", "verdict"));
        assertThat(count("demonstrations where enrollment_id = '" + enrollment.id() + "'")).isZero();
    }

    @Test
    void onlyTheOrganizationsReviewersAndAdminsMayRecord() {
        var designer = world.member(program, Role.DESIGNER, "Dan Designer", null);
        assertThatThrownBy(() -> demonstrations.record(designer.actor(), program.slug(), enrollment.id(), form("in_person", "", "meets", "meets")))
                .isInstanceOf(Problem.class).satisfies(t -> assertThat(((Problem) t).kind()).isEqualTo(Problem.Kind.FORBIDDEN));
        var elsewhere = world.program("demoelse", EarningWorld.onlyDemonstration());
        assertThatThrownBy(() -> demonstrations.record(elsewhere.owner().actor(), program.slug(), enrollment.id(), form("in_person", "", "meets", "meets")))
                .isInstanceOf(Problem.class).satisfies(t -> assertThat(((Problem) t).kind()).isEqualTo(Problem.Kind.NOT_FOUND));
        assertThatThrownBy(() -> demonstrations.record(elsewhere.owner().actor(), elsewhere.slug(), enrollment.id(), form("in_person", "", "meets", "meets")))
                .isInstanceOf(Problem.class).satisfies(t -> assertThat(((Problem) t).kind()).isEqualTo(Problem.Kind.NOT_FOUND));
        assertThat(count("demonstrations where enrollment_id = '" + enrollment.id() + "'")).isZero();
    }
    @Test
    void theQueuePagesWithATotalSearchesAndFiltersInTheDatabaseAndShowsNoOtherOrganizationsLearners() {
        for (int i = 0; i < 24; i++) world.enroll(world.person("Queue Learner " + (char) ('a' + i), null), program);
        UUID other = world.anotherMicroCredential(program, "Lead a safety briefing", EarningWorld.onlyDemonstration());
        var briefing = world.person("Bria Briefing", null);
        context.getBean(Enrollments.class).enroll(briefing.actor(), other);
        var elsewhere = world.program("demoqueue", EarningWorld.onlyDemonstration());
        world.enroll(world.person("Ella Elsewhere", null), elsewhere);

        var first = demonstrations.waiting(assessor.actor(), program.slug(), Demonstrations.Filter.none(), 0, 10);
        assertThat(first.total()).isEqualTo(26);
        assertThat(first.items()).hasSize(10);
        assertThat(first.items().get(0).enrollment().id()).as("who has waited longest comes first").isEqualTo(enrollment.id());
        var third = demonstrations.waiting(assessor.actor(), program.slug(), Demonstrations.Filter.none(), 20, 10);
        assertThat(third.items()).hasSize(6).noneMatch(c -> c.enrollment().name().equals("Ella Elsewhere"));

        assertThat(demonstrations.waiting(assessor.actor(), program.slug(), Demonstrations.Filter.parse("queue learner c", null, null), 0, 10).items())
                .extracting(c -> c.enrollment().name()).containsExactly("Queue Learner c");
        assertThat(demonstrations.waiting(assessor.actor(), program.slug(), Demonstrations.Filter.parse("safety briefing", null, null), 0, 10).items())
                .as("a search finds the micro-credential's name").extracting(c -> c.enrollment().name()).containsExactly("Bria Briefing");
        assertThat(demonstrations.waiting(assessor.actor(), program.slug(), Demonstrations.Filter.parse(null, other.toString(), "name"), 0, 10).total())
                .isEqualTo(1);
        assertThatThrownBy(() -> demonstrations.waiting(assessor.actor(), program.slug(),
                Demonstrations.Filter.parse(null, elsewhere.achievementId().toString(), null), 0, 10))
                .isInstanceOf(Problem.class).hasMessageContaining("choose one from the list");

        demonstrations.record(assessor.actor(), program.slug(), enrollment.id(), form("in_person", "", "meets", "meets"));
        assertThat(demonstrations.waiting(assessor.actor(), program.slug(), Demonstrations.Filter.none(), 0, 10).total())
                .as("a demonstration that meets the standard leaves the queue").isEqualTo(25);

        var session = PeerReviewFixture.Session.signedIn(baseUrl(), assessor.email(), EarningWorld.PASSWORD);
        var page = session.get("/organizations/" + program.slug() + "/demonstrations?q=queue&sort=name");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().replaceAll("<[^>]+>", "").replaceAll("\\s+", " ")).contains("Showing 1–24 of 24 learners waiting", "Queue Learner a").doesNotContain("Ella Elsewhere", "Bria Briefing");
        var csv = session.get("/organizations/" + program.slug() + "/demonstrations.csv?q=queue&sort=name");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines().toList()).hasSize(25).first().asString().startsWith("enrolled_at,name,email,micro_credential,times_observed");
        assertThat(csv.body()).contains("Queue Learner a").doesNotContain("Ella Elsewhere");
        assertThat(session.get("/organizations/" + program.slug() + "/demonstrations.csv?credential=" + elsewhere.achievementId()).status())
                .as("a filter that cannot match is refused before the download starts").isEqualTo(400);
        var bad = session.get("/organizations/" + program.slug() + "/demonstrations?credential=not-an-id");
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body().replaceAll("<[^>]+>", "").replaceAll("\\s+", " ")).contains("Choose a micro-credential from the list.", "Showing 1–25 of 25 learners waiting");
        assertThat(PeerReviewFixture.Session.signedIn(baseUrl(), elsewhere.owner().email(), EarningWorld.PASSWORD)
                .get("/organizations/" + program.slug() + "/demonstrations").status()).isIn(403, 404);
    }
}
