package io.guildmark.app.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.credits.model.CreditEntry;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class TranscriptPdfTest {

    @Test
    void theTranscriptPrintsEveryNameAndWrapsLongTitlesInsteadOfCuttingThem() throws Exception {
        String longTitle = "项目管理专业人员继续教育课程：风险识别、利益相关者沟通与挣值管理的综合实践（第二部分）";
        var entry = new Ledger.Entry(Ledger.Source.CREDENTIAL, UUID.randomUUID(), longTitle, LocalDate.of(2026, 5, 1),
                new BigDecimal("10"), "PDU", null, CreditEntry.Status.EARNED, null);
        byte[] pdf = TranscriptPdf.render("Ассоциация 🎓", "محمد عبد الله", "m@example.org", LocalDate.of(2026, 12, 3),
                new Ledger.OrganizationLedger(null, List.of(), List.of(), List.of(entry)));
        try (var doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc).replace("\n", "").replace("\r", "");
            assertThat(text).contains("Ассоциация", "风险识别", "（第二部分）");
        }
    }
}
