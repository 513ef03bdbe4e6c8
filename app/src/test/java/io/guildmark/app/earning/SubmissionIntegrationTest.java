package io.guildmark.app.earning;

import static io.guildmark.app.earning.PeerReviewFixture.design;
import static io.guildmark.app.earning.PeerReviewFixture.pdf;
import static io.guildmark.app.earning.PeerReviewFixture.responses;
import static io.guildmark.app.earning.PeerReviewFixture.review;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** A learner's work product: draft, files checked by their bytes, submit, feedback, resubmission, and the badge it earns. */
class SubmissionIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired Submissions submissions;
    @Autowired Reviews reviews;
    @Autowired Enrollments enrollments;
    @Autowired GuildmarkSettings settings;

    EarningWorld world;

    @BeforeEach
    void world() {
        world = new EarningWorld(context, admin(), baseUrl());
    }

    record Learning(EarningWorld.Program program, EarningWorld.Person learner, Enrollment enrollment, EarningWorld.Person reviewer) {}

    private Learning learning(String stem, EarningDesign.SubmissionDesign design) {
        EarningWorld.Program program = world.program(stem, EarningWorld.only(design));
        EarningWorld.Person reviewer = world.member(program, Role.REVIEWER, "Rhea Reviewer", "Harbor Consulting");
        EarningWorld.Person learner = world.person("Lars Learner", "Ocean Logistics");
        return new Learning(program, learner, world.enroll(learner, program), reviewer);
    }

    private Learning learning(String stem) {
        return learning(stem, design(1, 2, List.of("pdf", "png", "text"), 25));
    }

    private long storedFiles() {
        Path folder = settings.dataDir().resolve("files").resolve(Submissions.FILE_FOLDER);
        if (!Files.isDirectory(folder)) return 0;
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Review openReview(UUID submissionId) {
        return db.sql("select * from reviews where submission_id = ? and state = 'assigned'").param(submissionId).query(Review::row).single();
    }

    private Submission.State state(UUID submissionId) {
        return Submission.State.of(db.sql("select state from submissions where id = ?").param(submissionId).query(String.class).single());
    }

    private static Problem.Kind kind(Throwable t) {
        return ((Problem) t).kind();
    }

    @Test
    void aDraftIsKeptAsTheLearnerWritesAndShownOnTheirPage() {
        Learning l = learning("draft");
        submissions.saveDraft(l.learner().actor(), l.enrollment().id(), Map.of("facilitation", "I opened with a check-in."), false);
        submissions.saveDraft(l.learner().actor(), l.enrollment().id(),
                Map.of("facilitation", "I opened with a check-in and a timeline.", "actions", "Three actions, each with an owner."), true);

        Submissions.Workspace w = submissions.workspace(l.learner().actor(), l.enrollment().id());
        assertThat(w.current().submission().state()).isEqualTo(Submission.State.DRAFT);
        assertThat(w.current().submission().evidencePublic()).isTrue();
        assertThat(w.criteria()).extracting(SubmissionViews.CriterionView::response)
                .containsExactly("I opened with a check-in and a timeline.", "Three actions, each with an owner.");
        assertThat(count("submissions where enrollment_id = '" + l.enrollment().id() + "'")).isEqualTo(1);

        var session = PeerReviewFixture.Session.signedIn(baseUrl(), l.learner().email(), EarningWorld.PASSWORD);
        var page = session.get("/learning/" + l.enrollment().id() + "/submission");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("I opened with a check-in and a timeline.", "Save draft", "Submit for review", "Follow-up actions");
        assertThat(page.body()).as("autosave while typing").contains("hx-post=\"/learning/" + l.enrollment().id() + "/submission/autosave\"");
    }

    @Test
    void anAcceptedFileIsStoredWithTheTypeReadFromItsBytes() {
        Learning l = learning("upload");
        long before = storedFiles();
        var session = PeerReviewFixture.Session.signedIn(baseUrl(), l.learner().email(), EarningWorld.PASSWORD);
        String page = "/learning/" + l.enrollment().id() + "/submission";

        var uploaded = session.upload(page, page + "/files", "retro-notes.pdf", "application/pdf", pdf("notes"));

        assertThat(uploaded.status()).isEqualTo(200);
        assertThat(uploaded.body()).contains("Uploaded &quot;retro-notes.pdf&quot;", "retro-notes.pdf");
        assertThat(db.sql("select content_type from submission_files f join submissions s on s.id = f.submission_id where s.enrollment_id = ?")
                .param(l.enrollment().id()).query(String.class).single()).isEqualTo("application/pdf");
        assertThat(storedFiles()).isEqualTo(before + 1);
    }

    @Test
    void aPdfThatIsReallyAPngOrAProgramIsRefusedBeforeAnythingIsStored() {
        Learning l = learning("disguise");
        long rows = count("submission_files");
        long files = storedFiles();

        assertThatThrownBy(() -> submissions.upload(l.learner().actor(), l.enrollment().id(), "report.pdf", PeerReviewFixture.png()))
                .isInstanceOf(Problem.class).hasMessageContaining("report.pdf").hasMessageContaining("PNG image")
                .satisfies(t -> assertThat(kind(t)).isEqualTo(Problem.Kind.UNSUPPORTED_MEDIA));
        assertThatThrownBy(() -> submissions.upload(l.learner().actor(), l.enrollment().id(), "notes.pdf", PeerReviewFixture.program()))
                .isInstanceOf(Problem.class).hasMessageContaining("a program").hasMessageContaining("Accepted: PDF document");

        var session = PeerReviewFixture.Session.signedIn(baseUrl(), l.learner().email(), EarningWorld.PASSWORD);
        String page = "/learning/" + l.enrollment().id() + "/submission";
        var refused = session.upload(page, page + "/files", "invoice.pdf", "application/pdf", PeerReviewFixture.program());
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("a program", "which this work product does not accept");

        assertThat(count("submission_files")).isEqualTo(rows);
        assertThat(storedFiles()).isEqualTo(files);
    }

    @Test
    void aFileOver25MegabytesIsRefused() {
        Learning l = learning("big");
        byte[] big = new byte[26 * 1024 * 1024];
        byte[] head = pdf("big");
        System.arraycopy(head, 0, big, 0, head.length);
        long files = storedFiles();

        assertThatThrownBy(() -> submissions.upload(l.learner().actor(), l.enrollment().id(), "big.pdf", big))
                .isInstanceOf(Problem.class).hasMessageContaining("larger than 25 MB")
                .satisfies(t -> assertThat(kind(t)).isEqualTo(Problem.Kind.PAYLOAD_TOO_LARGE));
        var session = PeerReviewFixture.Session.signedIn(baseUrl(), l.learner().email(), EarningWorld.PASSWORD);
        String page = "/learning/" + l.enrollment().id() + "/submission";
        var refused = session.upload(page, page + "/files", "big.pdf", "application/pdf", big);
        assertThat(refused.status()).as("refused by the upload limit before the page is reached").isEqualTo(413);
        assertThat(storedFiles()).isEqualTo(files);
    }

    @Test
    void aKindOfFileTheDesignDoesNotAcceptIsRefusedAndTheDesignsOwnLimitApplies() {
        Learning l = learning("kinds", design(1, 2, List.of("pdf"), 1));
        assertThatThrownBy(() -> submissions.upload(l.learner().actor(), l.enrollment().id(), "photo.png", PeerReviewFixture.png()))
                .isInstanceOf(Problem.class).hasMessageContaining("a PNG image").hasMessageContaining("Accepted: PDF document.");
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        System.arraycopy(pdf("x"), 0, twoMegabytes, 0, pdf("x").length);
        assertThatThrownBy(() -> submissions.upload(l.learner().actor(), l.enrollment().id(), "long.pdf", twoMegabytes))
                .isInstanceOf(Problem.class).hasMessageContaining("larger than 1 MB");
        assertThat(submissions.workspace(l.learner().actor(), l.enrollment().id()).current() == null
                || submissions.workspace(l.learner().actor(), l.enrollment().id()).current().files().isEmpty()).isTrue();
    }

    @Test
    void submittingFreezesTheWorkProductAndASecondSubmitIsAnsweredClearly() {
        Learning l = learning("freeze");
        var learner = l.learner().actor();
        UUID enrollmentId = l.enrollment().id();
        submissions.saveDraft(learner, enrollmentId, responses("My retrospective"), false);
        var file = submissions.upload(learner, enrollmentId, "notes.pdf", pdf("notes"));

        Submission submitted = submissions.submit(learner, enrollmentId);

        assertThat(submitted.state()).isEqualTo(Submission.State.IN_REVIEW);
        assertThat(submitted.submittedAt()).isNotNull();
        assertThatThrownBy(() -> submissions.saveDraft(learner, enrollmentId, responses("Changed"), false))
                .isInstanceOf(Problem.class).hasMessageContaining("cannot be changed");
        assertThatThrownBy(() -> submissions.upload(learner, enrollmentId, "more.pdf", pdf("more")))
                .isInstanceOf(Problem.class).hasMessageContaining("cannot be changed");
        assertThatThrownBy(() -> submissions.removeFile(learner, enrollmentId, file.id()))
                .isInstanceOf(Problem.class).hasMessageContaining("cannot be changed");
        assertThatThrownBy(() -> submissions.submit(learner, enrollmentId))
                .isInstanceOf(Problem.class).hasMessageContaining("submitted on").hasMessageContaining("cannot be changed or submitted again")
                .satisfies(t -> assertThat(((Problem) t).code()).isEqualTo("already-submitted"));

        Submission now = db.sql("select * from submissions where id = ?").param(submitted.id()).query(Submission::row).single();
        assertThat(now.responses()).isEqualTo(responses("My retrospective"));
        assertThat(count("submission_files where submission_id = '" + submitted.id() + "'")).isEqualTo(1);
        assertThat(count("reviews where submission_id = '" + submitted.id() + "'")).isEqualTo(1);
        assertThat(Mailbox.await(l.learner().email(), "Submitted: your work product").body()).contains("/learning/" + enrollmentId + "/submission");
    }

    @Test
    void anIncompleteDraftCannotBeSubmitted() {
        Learning l = learning("incomplete");
        assertThatThrownBy(() -> submissions.submit(l.learner().actor(), l.enrollment().id()))
                .isInstanceOf(Problem.class).hasMessageContaining("nothing to submit");
        submissions.saveDraft(l.learner().actor(), l.enrollment().id(), Map.of("facilitation", "Only this."), false);
        assertThatThrownBy(() -> submissions.submit(l.learner().actor(), l.enrollment().id()))
                .isInstanceOf(Problem.class).hasMessageContaining("Follow-up actions");
        assertThat(submissions.workspace(l.learner().actor(), l.enrollment().id()).current().submission().state()).isEqualTo(Submission.State.DRAFT);
    }

    @Test
    void submittingAfterTheDeadlineIsRefusedAndNothingChanges() {
        Learning l = learning("deadline");
        submissions.saveDraft(l.learner().actor(), l.enrollment().id(), responses("Late work"), false);
        db.sql("update enrollments set deadline_at = ? where id = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(1))), l.enrollment().id()).update();

        assertThatThrownBy(() -> submissions.submit(l.learner().actor(), l.enrollment().id()))
                .isInstanceOf(Problem.class).hasMessageContaining("The deadline to submit was")
                .satisfies(t -> assertThat(((Problem) t).code()).isEqualTo("past-deadline"));
        assertThat(submissions.workspace(l.learner().actor(), l.enrollment().id()).current().submission().state()).isEqualTo(Submission.State.DRAFT);
        assertThat(count("reviews r join submissions s on s.id = r.submission_id where s.enrollment_id = '" + l.enrollment().id() + "'")).isZero();
    }

    @Test
    void noWorkIsPossibleWhilePaymentIsDueOrAfterWithdrawing() {
        Learning l = learning("unpaid");
        db.sql("update enrollments set payment = 'due', price_minor = 4900, currency = 'USD' where id = ?").param(l.enrollment().id()).update();
        assertThatThrownBy(() -> submissions.saveDraft(l.learner().actor(), l.enrollment().id(), responses("Eager"), false))
                .isInstanceOf(Problem.class).hasMessageContaining("Payment of 49.00 USD is due");
        db.sql("update enrollments set payment = 'none', state = 'withdrawn' where id = ?").param(l.enrollment().id()).update();
        assertThatThrownBy(() -> submissions.upload(l.learner().actor(), l.enrollment().id(), "notes.pdf", pdf("notes")))
                .isInstanceOf(Problem.class).hasMessageContaining("withdrew");
        assertThat(count("submissions where enrollment_id = '" + l.enrollment().id() + "'")).isZero();
    }

    @Test
    void notYetThenAResubmissionThatMeetsIssuesTheBadgeWithEvidenceAndTheRubricResult() {
        Learning l = learning("loop");
        var learner = l.learner().actor();
        UUID enrollmentId = l.enrollment().id();
        submissions.saveDraft(learner, enrollmentId, responses("First try"), true);
        submissions.upload(learner, enrollmentId, "notes.pdf", pdf("first"));
        Submission first = submissions.submit(learner, enrollmentId);

        reviews.complete(l.reviewer().actor(), openReview(first.id()).id(), review("beginning", "not_yet"));

        assertThat(state(first.id())).isEqualTo(Submission.State.NOT_YET);
        assertThat(Mailbox.await(l.learner().email(), "Feedback on your work product").body()).contains("/learning/" + enrollmentId + "/submission");
        Submissions.Workspace feedback = submissions.workspace(learner, enrollmentId);
        assertThat(feedback.mayResubmit()).isTrue();
        assertThat(feedback.current().reviews()).singleElement().satisfies(r -> {
            assertThat(r.meets()).isFalse();
            assertThat(r.criteria()).extracting(SubmissionViews.ReviewFeedback::feedback).contains("On facilitation: the work is at beginning.");
        });

        Submission second = submissions.resubmit(learner, enrollmentId);
        assertThat(second.round()).isEqualTo(2);
        assertThat(second.responses()).isEqualTo(responses("First try"));
        assertThat(count("submission_files where submission_id = '" + second.id() + "'")).as("files carried over").isEqualTo(1);
        submissions.saveDraft(learner, enrollmentId, responses("Second try, with the feedback"), true);
        submissions.submit(learner, enrollmentId);
        reviews.complete(l.reviewer().actor(), openReview(second.id()).id(), review("meets", "meets"));

        assertThat(state(second.id())).isEqualTo(Submission.State.MEETS);
        Enrollment awarded = enrollments.find(enrollmentId).orElseThrow();
        assertThat(awarded.state()).isEqualTo(Enrollment.State.AWARDED);
        Api.Response fetched = api().get("/credentials/" + awarded.awardId(), "application/vc+ld+json");
        JsonObject credential = Json.createReader(new StringReader(fetched.body())).readObject();
        List<JsonObject> evidence = credential.getJsonArray("evidence").stream().map(JsonValue::asJsonObject).toList();
        assertThat(evidence).anySatisfy(e -> {
            assertThat(e.getString("name")).isEqualTo("Work product");
            assertThat(e.getString("id", e.getString("url", ""))).isEqualTo(baseUrl() + "/evidence/" + second.id());
        });
        var results = credential.getJsonObject("credentialSubject").getJsonArray("result");
        assertThat(results).hasSize(2);
        assertThat(results.getJsonObject(0).getString("achievedLevel")).endsWith("criterion-facilitation-level-meets");
        assertThat(results.getJsonObject(0).getString("status")).isEqualTo("Completed");
        assertThat(Mailbox.await(l.learner().email(), "You earned").body()).contains("/credentials/" + awarded.awardId());

        Submissions.Workspace done = submissions.workspace(learner, enrollmentId);
        assertThat(done.earlier()).singleElement().satisfies(r -> assertThat(r.reviews()).hasSize(1));
        assertThat(api().get("/evidence/" + second.id()).body()).contains("Second try, with the feedback");
    }

    @Test
    void resubmissionsStopAtTheDesignsLimit() {
        Learning l = learning("limit", design(1, 0, List.of("pdf"), 25));
        submissions.saveDraft(l.learner().actor(), l.enrollment().id(), responses("Only chance"), false);
        Submission first = submissions.submit(l.learner().actor(), l.enrollment().id());
        reviews.complete(l.reviewer().actor(), openReview(first.id()).id(), review("beginning", "not_yet"));

        assertThat(submissions.workspace(l.learner().actor(), l.enrollment().id()).mayResubmit()).isFalse();
        assertThatThrownBy(() -> submissions.resubmit(l.learner().actor(), l.enrollment().id()))
                .isInstanceOf(Problem.class).hasMessageContaining("No resubmissions are left");
        assertThat(count("submissions where enrollment_id = '" + l.enrollment().id() + "'")).isEqualTo(1);
    }
}
