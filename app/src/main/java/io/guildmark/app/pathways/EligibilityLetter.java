package io.guildmark.app.pathways;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.guildmark.app.shared.PdfDrawing;
import io.guildmark.app.shared.PdfFonts;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;

/**
 * A letter confirming certification eligibility. Its proof is not the paper but the record it points at: the
 * verification address and QR code open the live record on the platform, which shows whether it still holds. (A signed
 * credential would be more machinery than an exam provider needs to check one fact.)
 */
final class EligibilityLetter {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private EligibilityLetter() {}

    record Content(String issuerName, String learnerName, String pathwayName, Instant recordedOn, String verifyUrl, boolean valid) {}

    static byte[] render(Content c) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Certification eligibility — " + c.learnerName());
            info.setAuthor(c.issuerName());
            info.setSubject("Eligibility letter; verify at " + c.verifyUrl());
            info.setKeywords(c.verifyUrl());
            PdfFonts fonts = PdfFonts.of(doc);
            PdfFonts.Face regular = fonts.regular();
            PdfFonts.Face bold = fonts.bold();
            float width = page.getMediaBox().getWidth();
            float height = page.getMediaBox().getHeight();
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                float y = height - 90;
                y = paragraph(s, bold, 20, c.issuerName(), 60, y, width - 120) + 20 * 1.5f;
                y -= 50;
                bold.show(s, "Confirmation of certification eligibility", 16, 60, y);
                y -= 40;
                regular.show(s, "Date of record: " + DATE.format(c.recordedOn()), 12, 60, y);
                y -= 36;
                y = paragraph(s, regular, 12, "This letter confirms that " + c.learnerName() + " has completed every requirement of the pathway \""
                        + c.pathwayName() + "\" of " + c.issuerName() + " and is therefore eligible to sit the certification exam.", 60, y, width - 120);
                y -= 12;
                y = paragraph(s, regular, 12, "The requirements are met by verifiable Open Badges 3.0 credentials issued by " + c.issuerName()
                        + ". The record of this eligibility is kept by " + c.issuerName() + " on Guildmark; it is valid only as long as the"
                        + " record at the address below says so.", 60, y, width - 120);
                if (!c.valid()) {
                    y -= 20;
                    bold.show(s, "THIS ELIGIBILITY HAS BEEN WITHDRAWN BY THE ISSUER", 14, 60, y);
                }
                PDRectangle box = new PDRectangle(60, 90, 140, 140);
                s.drawImage(LosslessFactory.createFromImage(doc, PdfDrawing.qrCode(c.verifyUrl())), box.getLowerLeftX(), box.getLowerLeftY(), 140, 140);
                bold.show(s, "Verify this letter:", 11, 220, 200);
                regular.show(s, "scan the code, or open the address below it", 10, 220, 184);
                regular.show(s, regular.fit(c.verifyUrl(), 9, width - 120), 9, 60, 70);
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes words across lines that fit the width; answers the baseline below the last line. */
    private static float paragraph(PDPageContentStream s, PdfFonts.Face face, float size, String text, float x, float y, float width) throws IOException {
        for (String line : face.wrap(text, size, width)) {
            face.show(s, line, size, x, y);
            y -= size * 1.5f;
        }
        return y;
    }
}
