package io.guildmark.app.pathways;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class EligibilityLetterTest {

    @Test
    void theLetterNamesTheLearnerThePathwayAndTheIssuerInTheirOwnScripts() throws Exception {
        byte[] pdf = EligibilityLetter.render(new EligibilityLetter.Content("日本プロジェクトマネジメント協会", "김민준 🎓",
                "Сертификат по управлению проектами", Instant.parse("2026-12-03T10:00:00Z"), "http://localhost/eligibility/abc", true));
        try (var doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("日本プロジェクトマネジメント協会", "김민준", "Сертификат по управлению проектами");
        }
    }
}
