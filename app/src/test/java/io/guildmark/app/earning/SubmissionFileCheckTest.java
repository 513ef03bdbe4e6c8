package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.shared.Problem;
import org.junit.jupiter.api.Test;

/** Uploaded files are judged by their bytes, with the name only allowed to agree; and how two reviews become one level per criterion. */
class SubmissionFileCheckTest {

    static final List<String> ALL = List.of("pdf", "png", "jpeg", "text", "docx");

    static SubmissionFileType check(String name, byte[] content, List<String> accepted) {
        EarningDesign.SubmissionDesign design = PeerReviewFixture.design(1, 1, accepted, 25);
        return Submissions.check(name, content, design, SubmissionFileType.accepted(accepted));
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyFileKindADesignerMayChooseIsOneTheUploadCheckKnows() {
        for (String id : io.guildmark.app.earning.model.EarningDesign.FILE_TYPES) {
            org.assertj.core.api.Assertions.assertThat(SubmissionFileType.ofId(id)).as(id).isPresent();
        }
    }

    @Test
    void aFileIsAcceptedAsTheKindItsBytesAre() {
        assertThat(check("notes.pdf", PeerReviewFixture.pdf("x"), ALL)).isEqualTo(SubmissionFileType.PDF);
        assertThat(check("board.png", PeerReviewFixture.png(), ALL)).isEqualTo(SubmissionFileType.PNG);
        assertThat(check("notes.txt", text("Plain notes\nwith two lines"), ALL)).isEqualTo(SubmissionFileType.TEXT);
        assertThat(check("no-extension", PeerReviewFixture.pdf("x"), ALL)).isEqualTo(SubmissionFileType.PDF);
    }

    @Test
    void aNameThatDisagreesWithTheBytesIsRefusedEvenWhenBothKindsAreAccepted() {
        assertThatThrownBy(() -> check("report.pdf", PeerReviewFixture.png(), ALL)).isInstanceOf(Problem.class)
                .hasMessageContaining("its content is a PNG image");
        assertThatThrownBy(() -> check("photo.png", PeerReviewFixture.pdf("x"), ALL)).isInstanceOf(Problem.class)
                .hasMessageContaining("its content is a PDF document");
    }

    @Test
    void programsWebPagesAndSvgAreNeverAccepted() {
        assertThatThrownBy(() -> check("setup.pdf", PeerReviewFixture.program(), ALL)).isInstanceOf(Problem.class).hasMessageContaining("a program");
        assertThatThrownBy(() -> check("page.txt", text("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), ALL))
                .isInstanceOf(Problem.class).hasMessageContaining("web page");
        assertThatThrownBy(() -> check("logo.png", text("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), ALL))
                .isInstanceOf(Problem.class).hasMessageContaining("SVG");
    }

    @Test
    void aZipIsAWordDocumentOnlyWhenNamedSoAndWordDocumentsAreAccepted() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("[Content_Types].xml"));
            out.write(text("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"));
            out.closeEntry();
        }
        assertThat(check("essay.docx", zip.toByteArray(), ALL)).isEqualTo(SubmissionFileType.DOCX);
        assertThatThrownBy(() -> check("essay.zip", zip.toByteArray(), ALL)).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> check("essay.docx", zip.toByteArray(), List.of("pdf"))).isInstanceOf(Problem.class)
                .hasMessageContaining("Accepted: PDF document");
    }

    @Test
    void emptyAndOversizedFilesAreRefused() {
        assertThatThrownBy(() -> check("empty.pdf", new byte[0], ALL)).isInstanceOf(Problem.class).hasMessageContaining("empty");
        EarningDesign.SubmissionDesign small = PeerReviewFixture.design(1, 1, ALL, 1);
        assertThatThrownBy(() -> Submissions.check("big.pdf", new byte[1024 * 1024 + 1], small, SubmissionFileType.accepted(ALL)))
                .isInstanceOf(Problem.class).hasMessageContaining("larger than 1 MB");
    }

    @Test
    void fileNamesKeepNoFoldersOrControlCharacters() {
        assertThat(Submissions.safeName("../../etc/passwd.pdf")).isEqualTo("passwd.pdf");
        assertThat(Submissions.safeName("C:\\Users\\lena\\notes.pdf")).isEqualTo("notes.pdf");
        assertThat(Submissions.safeName("a\"b\r\nc.pdf")).isEqualTo("abc.pdf");
        assertThat(Submissions.safeName("  ")).isEqualTo("file");
        assertThat(Submissions.safeName("x".repeat(300) + ".pdf")).hasSize(255).endsWith(".pdf");
    }

    @Test
    void aDecisionClaimsPerCriterionNoMoreThanTheLowestLevelAmongReviewersWhoAgree() {
        var rubric = RubricTest.rubric();
        Review high = completed(Map.of("safety", "exceeds", "quality", "meets"), "meets");
        Review low = completed(Map.of("safety", "meets", "quality", "exceeds"), "meets");
        Review dissent = completed(Map.of("safety", "beginning", "quality", "beginning"), "not_yet");

        assertThat(Reviews.lowest(rubric, List.of(high, low, dissent), true)).isEqualTo(Map.of("safety", "meets", "quality", "meets"));
        assertThat(Reviews.lowest(rubric, List.of(high, low, dissent), false)).isEqualTo(Map.of("safety", "beginning", "quality", "beginning"));
    }

    private static Review completed(Map<String, String> levels, String verdict) {
        Instant now = Instant.now();
        return new Review(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), false, Review.State.COMPLETED, now, now,
                null, levels, Map.of(), null, verdict, now, null);
    }
}
