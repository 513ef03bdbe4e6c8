package io.guildmark.app.issuing;

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
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.jspecify.annotations.Nullable;

/**
 * A printable certificate of a credential: who earned what from whom, when, and a QR code that opens the live badge
 * page, where anyone sees whether it still holds. The paper proves nothing by itself; the QR code leads to the proof.
 */
final class CertificatePdf {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private static final float SMALLEST = 0.5f;

    private CertificatePdf() {}

    record Content(String issuerName, String recipientName, String achievementName, @Nullable String achievementType,
            Instant issuedOn, @Nullable Instant validUntil, String badgeUrl, byte[] badgePng, boolean revoked) {}

    static byte[] render(Content c) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()));
            doc.addPage(page);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(c.achievementName() + " — " + c.recipientName());
            info.setAuthor(c.issuerName());
            info.setSubject("Certificate of an Open Badges 3.0 credential: " + c.badgeUrl());
            PdfFonts fonts = PdfFonts.of(doc);
            PdfFonts.Face regular = fonts.regular();
            PdfFonts.Face bold = fonts.bold();
            float width = page.getMediaBox().getWidth();
            float height = page.getMediaBox().getHeight();
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                s.setStrokingColor(0.11f, 0.30f, 0.85f);
                s.setLineWidth(6);
                s.addRect(24, 24, width - 48, height - 48);
                s.stroke();
                PDImageXObject badge = PDImageXObject.createFromByteArray(doc, c.badgePng(), "badge");
                s.drawImage(badge, width / 2 - 60, height - 200, 120, 120);
                centered(s, regular, 14, c.issuerName() + " certifies that", width, height - 240);
                centered(s, bold, 30, c.recipientName(), width, height - 285);
                centered(s, regular, 14, "has earned the " + (c.achievementType() == null ? "credential" : words(c.achievementType())), width, height - 320);
                centered(s, bold, 24, c.achievementName(), width, height - 360);
                String dates = "Issued " + DATE.format(c.issuedOn()) + (c.validUntil() == null ? "" : " · valid until " + DATE.format(c.validUntil()));
                centered(s, regular, 12, dates, width, height - 395);
                if (c.revoked()) centered(s, bold, 16, "REVOKED BY THE ISSUER", width, height - 425);
                PDImageXObject qr = LosslessFactory.createFromImage(doc, PdfDrawing.qrCode(c.badgeUrl()));
                s.drawImage(qr, width - 170, 48, 110, 110);
                regular.show(s, "Scan or open to verify:", 9, width - 330, 120);
                regular.show(s, regular.fit(c.badgeUrl(), 9, width - 250), 9, 60, 60);
                regular.show(s, regular.fit("This certificate mirrors an Open Badges 3.0 credential signed by " + c.issuerName() + ".", 9, width - 250), 9, 60, 74);
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String words(String camelCase) {
        return camelCase.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).replace("micro credential", "micro-credential");
    }

    /**
     * One line centred on the page: names are never cut while they fit at {@value #SMALLEST} of their size; only a
     * name longer than that (hundreds of characters) ends in an ellipsis.
     */
    private static void centered(PDPageContentStream s, PdfFonts.Face face, float size, String text, float pageWidth, float y) throws IOException {
        float room = pageWidth - 120;
        float fitted = face.sizeToFit(text, size, size * SMALLEST, room);
        face.showCentred(s, face.fit(text, fitted, room), fitted, pageWidth / 2, y);
    }
}
