package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import io.guildmark.app.earning.Enrollment;
import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.earning.Submission;
import io.guildmark.app.earning.Submissions;
import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.pathways.Eligibilities;
import io.guildmark.app.pathways.LearnerPathways;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Finding: "every role, reviewers included, can open the Learners and Awards tabs, which de-anonymize 'blind' review".
 * Reviewers (and assessors, who hold the same role) cannot open those tabs or their APIs, do not see them, and the files
 * they download carry neither the learner's file name nor the author named in the document's metadata.
 */
class ReviewersCannotDeanonymizeBlindReviewIntegrationTest extends IntegrationTest {

    private static final String LEARNER = "Quentin Quokkafield";
    private static final byte[] PDF = pdfByAuthor(LEARNER);
    private static final byte[] DOCX = docxByAuthor(LEARNER);

    @Autowired ApplicationContext context;
    @Autowired Submissions submissions;
    @Autowired Enrollments enrollments;
    @Autowired Awards awards;
    @Autowired Eligibilities eligibilities;
    @Autowired LearnerPathways learnerPathways;

    EarningWorld world;
    EarningWorld.Program program;
    EarningWorld.Person reviewer;
    EarningWorld.Person learner;
    Submission submitted;
    String awardId;

    @BeforeEach
    void aBlindReviewOfANamedLearnersWorkProduct() {
        world = new EarningWorld(context, admin(), baseUrl());
        program = world.program("blindtabs", EarningWorld.only(new EarningDesign.SubmissionDesign("Upload your notes.",
                List.of("pdf", "docx", "text"), 25, 5, true, 2, 1, false, true, 14, null)));
        reviewer = world.member(program, Role.REVIEWER, "Rue Reviewer", null);
        learner = world.person(LEARNER, "Zebrafin Widgets Ltd");
        Enrollment e = world.enroll(learner, program);
        submissions.saveDraft(learner.actor(), e.id(), Map.of("facilitation", "I ran it.", "actions", "We followed up."), false);
        submissions.upload(learner.actor(), e.id(), "Quentin-Quokkafield-retro.pdf", PDF);
        submissions.upload(learner.actor(), e.id(), "Quentin-Quokkafield-actions.docx", DOCX);
        submitted = submissions.submit(learner.actor(), e.id());
        Api.Response awarded = api().withToken(program.apiKey()).post("/api/v1/organizations/" + program.slug() + "/awards", Map.of(
                "achievementId", program.achievementId().toString(), "recipient", Map.of("email", "earlier." + learner.email(), "name", LEARNER)));
        assertThat(awarded.status()).as(awarded.body()).isEqualTo(201);
        awardId = awarded.json().get("id").asText();
    }

    @Test
    void reviewersCannotOpenTheLearnersAndAwardsTabsNorTheirServicesAndDoNotSeeThem() {
        String org = "/organizations/" + program.slug();
        WebSession browser = new WebSession(baseUrl());
        browser.signIn(reviewer.email(), EarningWorld.PASSWORD);
        for (String tab : List.of(org + "/enrollments", org + "/awards")) {
            WebSession.Page page = browser.get(tab);
            assertThat(page.status()).as(tab).isEqualTo(403);
            assertThat(page.body()).as(tab).doesNotContain("Quokkafield");
        }
        String overview = browser.get(org).body();
        assertThat(overview).doesNotContain(org + "/enrollments\"", org + "/awards\"", ">Learners<", ">Awards<")
                .contains(org + "/demonstrations\"");
        assertThatThrownBy(() -> enrollments.forOrganization(reviewer.actor(), program.slug(), Enrollments.Filter.none(), 0, 50))
                .isInstanceOf(Problem.class).satisfies(t -> assertThat(((Problem) t).kind()).isEqualTo(Problem.Kind.FORBIDDEN));
        assertThatThrownBy(() -> awards.list(reviewer.actor(), program.slug(), 10))
                .isInstanceOf(Problem.class).satisfies(t -> assertThat(((Problem) t).kind()).isEqualTo(Problem.Kind.FORBIDDEN));
        assertThatThrownBy(() -> awards.require(reviewer.actor(), UUID.fromString(awardId)))
                .isInstanceOf(Problem.class).satisfies(t -> assertThat(((Problem) t).kind()).isEqualTo(Problem.Kind.FORBIDDEN));
        // Other lists that name learners: who is eligible on a pathway, and a learner's pathway progress.
        assertThatThrownBy(() -> eligibilities.ofPathway(reviewer.actor(), program.slug(), UUID.randomUUID()))
                .isInstanceOf(Problem.class).satisfies(t -> assertThat(((Problem) t).kind()).isEqualTo(Problem.Kind.FORBIDDEN));
        assertThatThrownBy(() -> learnerPathways.progress(reviewer.actor(), program.slug(), learner.email()))
                .isInstanceOf(Problem.class).satisfies(t -> assertThat(((Problem) t).kind()).isEqualTo(Problem.Kind.FORBIDDEN));

        // A designer has no business with learners' names either; staff with award powers keep both tabs.
        var designer = world.member(program, Role.DESIGNER, "Dee Designer", null);
        assertThatThrownBy(() -> awards.list(designer.actor(), program.slug(), 10)).isInstanceOf(Problem.class);
        var issuer = world.member(program, Role.ISSUER, "Ivo Issuer", null);
        WebSession staff = new WebSession(baseUrl());
        staff.signIn(issuer.email(), EarningWorld.PASSWORD);
        assertThat(staff.get(org + "/awards").body()).contains(LEARNER);
        assertThat(staff.get(org + "/enrollments").body()).contains(LEARNER);
        assertThat(staff.get(org).body()).contains(org + "/enrollments\"", org + "/awards\"");
        assertThat(api().withToken(program.apiKey()).get("/api/v1/organizations/" + program.slug() + "/awards").status()).isEqualTo(200);
    }

    @Test
    void filesReachReviewersUnderNeutralNamesWithoutTheAuthorInTheirMetadataAndNamesAppearNowhere() throws IOException {
        List<UUID> files = db.sql("select id from submission_files where submission_id = ? order by uploaded_at, id").param(submitted.id())
                .query(UUID.class).list();
        assertThat(files).hasSize(2);
        for (UUID fileId : files) {
            Submissions.Download copy = submissions.download(Optional.of(reviewer.actor()), submitted.id(), fileId);
            assertThat(copy.fileName()).matches("File [12]\\.(pdf|docx)").doesNotContain("Quentin", "Quokkafield");
            assertThat(new String(copy.content(), StandardCharsets.ISO_8859_1)).doesNotContain("Quokkafield");
            if (copy.fileName().endsWith(".pdf")) {
                try (PDDocument doc = Loader.loadPDF(copy.content())) {
                    assertThat(doc.getDocumentInformation().getAuthor()).isNull();
                    assertThat(doc.getNumberOfPages()).as("the content is intact").isEqualTo(1);
                }
            } else {
                assertThat(unzipped(copy.content(), "docProps/core.xml")).doesNotContain("Quokkafield");
                assertThat(unzipped(copy.content(), "word/document.xml")).as("the content is intact").contains("Follow-up actions");
            }
            // The learner and staff get their own file as uploaded.
            Submissions.Download original = submissions.download(Optional.of(learner.actor()), submitted.id(), fileId);
            assertThat(original.fileName()).contains("Quokkafield");
            assertThat(original.content()).isIn(PDF, DOCX);
        }

        UUID reviewId = db.sql("select id from reviews where submission_id = ?").param(submitted.id()).query(UUID.class).single();
        WebSession browser = new WebSession(baseUrl());
        browser.signIn(reviewer.email(), EarningWorld.PASSWORD);
        for (String page : List.of("/reviews", "/reviews/" + reviewId, "/evidence/" + submitted.id())) {
            assertThat(browser.get(page).body()).as(page).doesNotContain("Quentin", "Quokkafield", learner.email(), "Zebrafin");
        }
        assertThat(Mailbox.await(reviewer.email(), "A work product to review").body()).doesNotContain("Quentin", "Quokkafield", learner.email());
    }

    static byte[] pdfByAuthor(String author) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.getDocumentInformation().setAuthor(author);
            doc.getDocumentInformation().setTitle("Retrospective by " + author);
            doc.save(out, org.apache.pdfbox.pdfwriter.compress.CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small Word document whose core properties name its author. */
    static byte[] docxByAuthor(String author) {
        Map<String, String> parts = Map.of(
                "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                        + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>",
                "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
                        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>",
                "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                        + "<w:body><w:p><w:r><w:t>Follow-up actions</w:t></w:r></w:p></w:body></w:document>",
                "docProps/core.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>" + author + "</dc:creator><cp:lastModifiedBy>" + author
                        + "</cp:lastModifiedBy></cp:coreProperties>");
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (String name : List.of("[Content_Types].xml", "_rels/.rels", "word/document.xml", "docProps/core.xml")) {
                    zip.putNextEntry(new ZipEntry(name));
                    zip.write(parts.get(name).getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unzipped(byte[] zip, String part) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(part)) return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("No " + part + " in the file");
    }
}
