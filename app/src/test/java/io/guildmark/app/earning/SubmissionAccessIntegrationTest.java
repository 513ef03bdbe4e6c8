package io.guildmark.app.earning;

import static io.guildmark.app.earning.PeerReviewFixture.design;
import static io.guildmark.app.earning.PeerReviewFixture.pdf;
import static io.guildmark.app.earning.PeerReviewFixture.responses;
import static io.guildmark.app.earning.PeerReviewFixture.review;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.guildmark.app.organizations.Role;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Who may see what of a work product, over real HTTP: the learner only their own, a reviewer only what is assigned to
 * them, staff only their own organization's, anyone only public evidence that met the standard; and the API by key.
 */
class SubmissionAccessIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Submissions submissions;
    @Autowired Reviews reviews;

    EarningWorld world;
    EarningWorld.Program program;
    EarningWorld.Person learner;
    EarningWorld.Person reviewer;
    EarningWorld.Person otherReviewer;
    Enrollment enrollment;
    Submission submission;
    UUID fileId;
    UUID reviewId;

    /** A learner who submitted a work product with a PDF, assigned to one of the association's two reviewers. */
    @BeforeEach
    void aSubmittedWorkProduct() {
        world = new EarningWorld(context, admin(), baseUrl());
        program = world.program("access", EarningWorld.only(design(1, 2, List.of("pdf"), 25)));
        var a = world.member(program, Role.REVIEWER, "Ari Assigned", null);
        var b = world.member(program, Role.REVIEWER, "Bea Bystander", null);
        learner = world.person("Liv Private", null);
        enrollment = world.enroll(learner, program);
        submissions.saveDraft(learner.actor(), enrollment.id(), responses("Confidential retrospective"), false);
        submissions.upload(learner.actor(), enrollment.id(), "liv-notes.pdf", pdf("notes"));
        submission = submissions.submit(learner.actor(), enrollment.id());
        Review assigned = db.sql("select * from reviews where submission_id = ?").param(submission.id()).query(Review::row).single();
        reviewId = assigned.id();
        reviewer = assigned.reviewerId().equals(a.id()) ? a : b;
        otherReviewer = reviewer == a ? b : a;
        fileId = db.sql("select id from submission_files where submission_id = ?").param(submission.id()).query(UUID.class).single();
    }

    private PeerReviewFixture.Session as(EarningWorld.Person person) {
        return PeerReviewFixture.Session.signedIn(baseUrl(), person.email(), EarningWorld.PASSWORD);
    }

    private String fileUrl() {
        return "/submissions/" + submission.id() + "/files/" + fileId;
    }

    @Test
    void aLearnerSeesOnlyTheirOwnWorkProduct() {
        assertThat(as(learner).get("/learning/" + enrollment.id() + "/submission").status()).isEqualTo(200);
        var stranger = as(world.person("Sly Stranger", null));
        var page = stranger.get("/learning/" + enrollment.id() + "/submission");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).doesNotContain("Confidential retrospective");
        assertThat(stranger.post("/reviews", "/learning/" + enrollment.id() + "/submission", "action", "save", "response.facilitation", "Hijacked")
                .status()).isEqualTo(404);
        assertThat(Submission.map(db.sql("select responses from submissions where id = ?").param(submission.id()).query(String.class).single()))
                .isEqualTo(submission.responses());
    }

    @Test
    void aReviewerOpensOnlyTheReviewsAssignedToThem() {
        assertThat(as(reviewer).get("/reviews/" + reviewId).status()).isEqualTo(200);
        var bystander = as(otherReviewer);
        assertThat(bystander.get("/reviews/" + reviewId).status()).isEqualTo(404);
        assertThat(bystander.post("/reviews", "/reviews/" + reviewId, "level.facilitation", "meets", "level.actions", "meets",
                "feedback.facilitation", "x", "feedback.actions", "y", "verdict", "meets").status()).isEqualTo(404);
        assertThat(db.sql("select state from reviews where id = ?").param(reviewId).query(String.class).single()).isEqualTo("assigned");
        assertThat(bystander.get("/organizations/" + program.slug() + "/submissions").status())
                .as("the reviewer role does not open staff oversight").isEqualTo(403);
    }

    @Test
    void staffOfAnotherOrganizationFindNothing() {
        var elsewhere = world.program("elsewhere", EarningWorld.onlyDemonstration());
        var foreignStaff = as(elsewhere.owner());
        assertThat(foreignStaff.get("/organizations/" + program.slug() + "/submissions").status()).isEqualTo(404);
        assertThat(foreignStaff.get("/organizations/" + program.slug() + "/submissions/" + submission.id()).status()).isEqualTo(404);
        assertThat(foreignStaff.get("/organizations/" + elsewhere.slug() + "/submissions/" + submission.id()).status()).isEqualTo(404);
        assertThat(foreignStaff.get(fileUrl()).status()).isEqualTo(404);
        var own = as(program.owner()).get("/organizations/" + program.slug() + "/submissions/" + submission.id());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).contains("Liv Private", "Confidential retrospective", reviewer.name());
        var list = as(program.owner()).get("/organizations/" + program.slug() + "/submissions");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Liv Private", "In review", reviewer.name());
    }

    @Test
    void filesAreDownloadedOnlyByTheLearnerItsReviewersAndStaffAsAttachments() {
        var mine = as(learner).get(fileUrl());
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(mine.header("Content-Disposition")).startsWith("attachment").contains("liv-notes.pdf");
        assertThat(mine.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(mine.bytes()).isEqualTo(pdf("notes"));

        assertThat(as(reviewer).get(fileUrl()).status()).isEqualTo(200);
        assertThat(as(program.owner()).get(fileUrl()).status()).isEqualTo(200);
        assertThat(as(otherReviewer).get(fileUrl()).status()).isEqualTo(404);
        assertThat(as(world.person("Nosy Neighbor", null)).get(fileUrl()).status()).isEqualTo(404);
        assertThat(new PeerReviewFixture.Session(baseUrl()).get(fileUrl()).status()).isEqualTo(404);
        assertThat(as(learner).get("/submissions/" + submission.id() + "/files/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void evidenceIsPrivateUntilTheLearnerMakesItPublicAndItMeetsTheStandard() {
        var anonymous = new PeerReviewFixture.Session(baseUrl());
        var closed = anonymous.get("/evidence/" + submission.id());
        assertThat(closed.status()).isEqualTo(403);
        assertThat(closed.body()).contains("This evidence is private").doesNotContain("Confidential retrospective").doesNotContain("liv-notes");
        assertThat(as(learner).get("/evidence/" + submission.id()).body()).contains("Confidential retrospective", "liv-notes.pdf");

        submissions.setEvidencePublic(learner.actor(), submission.id(), true);
        assertThat(anonymous.get("/evidence/" + submission.id()).status()).as("public, but not yet met").isEqualTo(403);

        reviews.complete(reviewer.actor(), reviewId, review("meets", "meets"));

        var open = anonymous.get("/evidence/" + submission.id());
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.body()).contains("Confidential retrospective", "Meets the standard", "liv-notes.pdf");
        assertThat(anonymous.get(fileUrl()).status()).isEqualTo(200);
        submissions.setEvidencePublic(learner.actor(), submission.id(), false);
        assertThat(anonymous.get(fileUrl()).status()).isEqualTo(404);
    }

    @Test
    void theApiListsWorkProductsToTheirOwnOrganizationsKeyOnly() {
        Api key = api().withToken(program.apiKey());
        Api.Response all = key.get("/api/v1/organizations/" + program.slug() + "/submissions");
        assertThat(all.status()).isEqualTo(200);
        var item = all.json().get("items").get(0);
        assertThat(item.get("id").asText()).isEqualTo(submission.id().toString());
        assertThat(item.get("achievementId").asText()).isEqualTo(program.achievementId().toString());
        assertThat(item.get("round").asInt()).isEqualTo(1);
        assertThat(item.get("state").asText()).isEqualTo("in_review");
        assertThat(item.get("reviewers").asInt()).isEqualTo(1);
        assertThat(item.get("submittedAt").asText()).isNotBlank();

        assertThat(key.get("/api/v1/organizations/" + program.slug() + "/submissions?state=meets").json().get("items")).isEmpty();
        Api.Response bad = key.get("/api/v1/organizations/" + program.slug() + "/submissions?state=lost");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");

        var elsewhere = world.program("apielse", EarningWorld.onlyDemonstration());
        assertThat(api().withToken(elsewhere.apiKey()).get("/api/v1/organizations/" + program.slug() + "/submissions").status()).isEqualTo(404);
        assertThat(api().get("/api/v1/organizations/" + program.slug() + "/submissions").status()).isEqualTo(401);
    }
}
