package io.guildmark.app.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfFontsTest {

    private static final List<String> NAMES = List.of(
            "Zoë Ångström-Nuñez",        // Latin with diacritics
            "Αλέξανδρος Παπαδόπουλος",   // Greek
            "Анна Кузнецова",            // Cyrillic
            "王小明",                     // Chinese
            "山田太郎",                   // Japanese kanji
            "さくら カタカナ",              // Japanese kana
            "김민준",                     // Korean
            "محمد عبد الله",              // Arabic, right to left and joined
            "דוד לוי",                    // Hebrew, right to left
            "Priya 🎓✨ Patel",           // emoji
            "Ugarit \uD800\uDF80 tablet");   // U+10380 UGARITIC LETTER ALPA: in no bundled font

    @Test
    void aDocumentDrawsNamesInEveryScriptWithTheBundledFontsAndAPlaceholderForTheRest() throws Exception {
        byte[] pdf = document(NAMES, true);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            for (String name : List.of("Zoë Ångström-Nuñez", "Αλέξανδρος Παπαδόπουλος", "Анна Кузнецова", "王小明", "山田太郎", "김민준")) {
                assertThat(text).contains(name);
            }
            assertThat(text).contains("Ugarit □ tablet");
            assertThat(fontNames(doc)).anyMatch(n -> n.contains("DejaVuSans")).anyMatch(n -> n.contains("DroidSansFallback"))
                    .anyMatch(n -> n.contains("NotoEmoji")).anyMatch(n -> n.contains("NanumSquare"));
        }
    }

    @Test
    void aLatinOnlyDocumentEmbedsNoFallbackFont() throws Exception {
        try (PDDocument doc = Loader.loadPDF(document(List.of("Pat Printer"), false))) {
            assertThat(fontNames(doc)).allMatch(n -> n.contains("DejaVuSans"));
        }
    }

    @Test
    void rightToLeftTextIsDrawnRightToLeftAndArabicLettersAreJoined() {
        assertThat(PdfFonts.visual("דוד לוי")).isEqualTo(new StringBuilder("דוד לוי").reverse().toString());
        String arabic = PdfFonts.visual("محمد");
        assertThat(arabic.codePoints()).allMatch(c -> c >= 0xFE70 && c <= 0xFEFF); // presentation forms: joined glyphs
        assertThat(arabic.codePointCount(0, arabic.length())).isEqualTo(4);
        assertThat(PdfFonts.visual("Jane Doe")).isEqualTo("Jane Doe");
        assertThat(PdfFonts.visual("Tab\there")).isEqualTo("Tab here");
    }

    @Test
    void wrappingKeepsEveryCharacterAndBreaksAWordWithoutSpacesWhereItMust() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PdfFonts.Face face = PdfFonts.of(doc).regular();
            String chinese = "中华人民共和国国家标准项目管理专业人员能力评价要求与认证规范说明";
            List<String> lines = face.wrap(chinese, 12, 100);
            assertThat(lines).hasSizeGreaterThan(1);
            assertThat(String.join("", lines)).isEqualTo(chinese);
            for (String line : lines) assertThat(face.width(line, 12)).isLessThanOrEqualTo(100);
            List<String> words = face.wrap("Certificate in Project Practice for Cascadia", 12, 120);
            assertThat(String.join(" ", words)).isEqualTo("Certificate in Project Practice for Cascadia");
        }
    }

    @Test
    void fittingShrinksBeforeItCutsAndCutsOnlyWithAnEllipsis() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PdfFonts.Face face = PdfFonts.of(doc).bold();
            String name = "Maximiliana Fernández de la Concepción 王";
            float size = face.sizeToFit(name, 30, 15, 420);
            assertThat(size).isLessThan(30).isGreaterThanOrEqualTo(15);
            assertThat(face.width(name, size)).isLessThanOrEqualTo(420);
            String cut = face.fit(name, 30, 150);
            assertThat(cut).endsWith("…");
            assertThat(face.width(cut, 30)).isLessThanOrEqualTo(150);
            assertThat(face.fit("Pat", 30, 150)).isEqualTo("Pat");
        }
    }

    private static byte[] document(List<String> lines, boolean bold) throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            PdfFonts fonts = PdfFonts.of(doc);
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                float y = 740;
                for (String line : lines) {
                    fonts.regular().show(s, line, 14, 40, y);
                    if (bold) fonts.bold().show(s, line, 14, 320, y);
                    y -= 24;
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static List<String> fontNames(PDDocument doc) throws Exception {
        List<String> names = new ArrayList<>();
        for (PDPage page : doc.getPages()) {
            for (COSName name : page.getResources().getFontNames()) {
                PDFont font = page.getResources().getFont(name);
                names.add(font.getName());
            }
        }
        return names;
    }
}
