package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class LearningPagesIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    EarningWorld world;

    @BeforeEach
    void world() {
        world = new EarningWorld(context, admin(), baseUrl());
    }

    private WebSession signedIn(EarningWorld.Person person) {
        WebSession web = new WebSession(baseUrl());
        web.signIn(person.email(), EarningWorld.PASSWORD);
        return web;
    }

    @Test
    void aVisitorSeesWhatEarningTakesAndALearnerEnrollsFromTheCatalogPage() {
        var program = world.program("offer", EarningWorld.only(EarningWorld.assessmentDefaults()));
        var anonymous = new WebSession(baseUrl()).get("/learning/offer/" + program.achievementId());
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body()).contains("Earn it online", "Assessment", "Enroll");

        var learner = world.person("Ella Enrolls", null);
        WebSession web = signedIn(learner);
        var enrolled = web.submit("/achievements/" + program.achievementId(), "/learning/enroll", "achievementId", program.achievementId().toString());
        assertThat(enrolled.uri().getPath()).startsWith("/learning/");
        assertThat(enrolled.body()).contains("You are enrolled", "Requirements", "Go to the assessment");

        var dashboard = web.get("/learning");
        assertThat(dashboard.body()).contains("Run a offer retrospective", "0 of 1 done");
        assertThat(web.get("/learning/offer/" + program.achievementId()).body()).contains("You are enrolled");
    }

    @Test
    void aMissingPrerequisiteIsExplainedOnTheCatalogPageAndNothingIsEnrolled() {
        var program = world.program("gate", EarningWorld.onlyDemonstration());
        UUID advanced = world.anotherMicroCredential(program, "Coach facilitators",
                new EarningDesign(null, null, null, new EarningDesign.DemonstrationDesign("Coach."), null, List.of(program.achievementId())));
        var learner = world.person("Gus Gate", null);
        WebSession web = signedIn(learner);
        long before = count("enrollments");
        var refused = web.submit("/achievements/" + advanced, "/learning/enroll", "achievementId", advanced.toString());
        assertThat(refused.uri().getPath()).isEqualTo("/achievements/" + advanced);
        assertThat(refused.body()).contains("Earn &quot;Run a gate retrospective&quot; first");
        assertThat(count("enrollments")).isEqualTo(before);
    }

    @Test
    void aSignedOutVisitorWhoEnrollsIsSentToSignIn() {
        var program = world.program("anon", EarningWorld.onlyDemonstration());
        WebSession visitor = new WebSession(baseUrl());
        // The page is shared by every signed-out visitor: its button carries no token and asks with a GET.
        String catalogPage = visitor.get("/achievements/" + program.achievementId(), "text/html").body();
        assertThat(catalogPage).contains("action=\"/learning/enroll\" method=\"get\"").doesNotContain("_csrf");
        assertThat(visitor.get("/learning/offer/" + program.achievementId()).body()).contains("method=\"get\"").doesNotContain("_csrf");
        var page = visitor.get("/learning/enroll?achievementId=" + program.achievementId(), "text/html");
        assertThat(page.uri().getPath()).isEqualTo("/signin");
        assertThat(page.body()).contains("Sign in (or create a free account) to enroll.");

        // Someone signed in who follows such a button goes back to the page, whose form enrolls them: a GET enrolls nobody.
        WebSession learner = signedIn(world.person("Sid Signedin", null));
        assertThat(learner.get("/learning/enroll?achievementId=" + program.achievementId(), "text/html").uri().getPath())
                .isEqualTo("/achievements/" + program.achievementId());
        assertThat(db.sql("select count(*) from enrollments where achievement_id = ?").param(program.achievementId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void anEnrollmentPageIsOnlyItsLearnersAndStaffSeeLearnersAndMarkPayments() {
        var program = world.program("staffview", EarningWorld.onlyDemonstration());
        db.sql("update achievement_versions set definition = replace(definition, '\"currency\"', '\"nonMemberPrice\":2500,\"currency\"') where achievement_id = ?")
                .param(program.achievementId()).update();
        var learner = world.person("Lou Learner", null);
        Enrollment e = world.enroll(learner, program);
        assertThat(signedIn(learner).get("/learning/" + e.id()).body()).contains("Payment of 25.00 USD is due");
        assertThat(signedIn(world.person("Nosy Neighbour", null)).get("/learning/" + e.id()).status()).isEqualTo(404);

        var reviewer = world.member(program, Role.REVIEWER, "Rex Reviewer", null);
        var reviewerView = signedIn(reviewer).get("/organizations/" + program.slug() + "/enrollments");
        // Reviewers do not see who the learners are (blind review); staff who issue do.
        assertThat(reviewerView.status()).isEqualTo(403);
        assertThat(reviewerView.body()).doesNotContain("Lou Learner").doesNotContain("Mark paid");
        var issuer = world.member(program, Role.ISSUER, "Isa Issuer", null);
        assertThat(signedIn(issuer).get("/organizations/" + program.slug() + "/enrollments").body()).contains("Lou Learner");
        var outsider = world.person("Oscar Outsider", null);
        assertThat(signedIn(outsider).get("/organizations/" + program.slug() + "/enrollments").status()).isIn(403, 404);

        var otherProgram = world.program("elsewhere", EarningWorld.onlyDemonstration());
        var stranger = signedIn(otherProgram.owner()).submit("/organizations/" + otherProgram.slug() + "/enrollments",
                "/organizations/" + program.slug() + "/enrollments/" + e.id() + "/paid");
        assertThat(stranger.status()).isIn(403, 404);
        var crossed = signedIn(otherProgram.owner()).submit("/organizations/" + otherProgram.slug() + "/enrollments",
                "/organizations/" + otherProgram.slug() + "/enrollments/" + e.id() + "/paid");
        assertThat(crossed.status()).isEqualTo(404);
        assertThat(db.sql("select payment from enrollments where id = ?").param(e.id()).query(String.class).single()).isEqualTo("due");

        WebSession owner = signedIn(program.owner());
        var paid = owner.submit("/organizations/" + program.slug() + "/enrollments",
                "/organizations/" + program.slug() + "/enrollments/" + e.id() + "/paid");
        assertThat(paid.body()).contains("Marked paid: Lou Learner can start.", "25.00 USD paid");
    }
}
