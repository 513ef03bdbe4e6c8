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
        return render(c, new CertificateDesigns.Resolved(CertificateDesigns.DEFAULT, null, null));
    }

    /** The certificate in the organization's design: its layout, colours, logo, signatory and footer. */
    static byte[] render(Content c, CertificateDesigns.Resolved look) {
        CertificateDesigns.Design d = look.design();
        boolean portrait = "modern".equals(d.layout());
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(portrait ? PDRectangle.A4 : new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()));
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
            float[] primary = rgb(d.primaryColor());
            float[] accent = rgb(d.accentColor());
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                float top;
                if (portrait) {
                    // Modern: a band of the primary colour across the top with the logo on a white card, an accent rule below.
                    s.setNonStrokingColor(primary[0], primary[1], primary[2]);
                    s.addRect(0, height - 110, width, 110);
                    s.fill();
                    s.setNonStrokingColor(accent[0], accent[1], accent[2]);
                    s.addRect(0, height - 118, width, 8);
                    s.fill();
                    if (look.logo() != null) {
                        s.setNonStrokingColor(1f, 1f, 1f);
                        s.addRect(40, height - 95, 150, 80);
                        s.fill();
                        image(doc, s, look.logo(), "logo", 45, height - 90, 140, 70);
                    }
                    image(doc, s, c.badgePng(), "badge", width / 2 - 70, height - 290, 140, 140);
                    top = height - 330;
                } else {
                    // Classic: a frame in the primary colour, a thin accent frame inside, the logo top left.
                    s.setStrokingColor(primary[0], primary[1], primary[2]);
                    s.setLineWidth(6);
                    s.addRect(24, 24, width - 48, height - 48);
                    s.stroke();
                    s.setStrokingColor(accent[0], accent[1], accent[2]);
                    s.setLineWidth(1.5f);
                    s.addRect(34, 34, width - 68, height - 68);
                    s.stroke();
                    if (look.logo() != null) image(doc, s, look.logo(), "logo", 50, height - 120, 140, 70);
                    image(doc, s, c.badgePng(), "badge", width / 2 - 60, height - 200, 120, 120);
                    top = height - 240;
                }
                centered(s, regular, 14, c.issuerName() + " certifies that", width, top);
                centered(s, bold, 30, c.recipientName(), width, top - 45);
                centered(s, regular, 14, "has earned the " + (c.achievementType() == null ? "credential" : words(c.achievementType())), width, top - 80);
                centered(s, bold, 24, c.achievementName(), width, top - 120);
                String dates = "Issued " + DATE.format(c.issuedOn()) + (c.validUntil() == null ? "" : " · valid until " + DATE.format(c.validUntil()));
                centered(s, regular, 12, dates, width, top - 155);
                if (c.revoked()) centered(s, bold, 16, "REVOKED BY THE ISSUER", width, top - 185);
                s.setStrokingColor(accent[0], accent[1], accent[2]);
                s.setLineWidth(1);
                s.moveTo(width / 2 - 80, top - 170);
                s.lineTo(width / 2 + 80, top - 170);
                s.stroke();
                signatory(doc, s, regular, bold, look, portrait ? 60 : 70, portrait ? 230 : 120);
                PDImageXObject qr = LosslessFactory.createFromImage(doc, PdfDrawing.qrCode(c.badgeUrl()));
                s.drawImage(qr, width - 170, 70, 110, 110);
                regular.show(s, "Scan or open to verify:", 9, width - 170, 184);
                regular.show(s, regular.fit(c.badgeUrl(), 9, width - 250), 9, 60, 74);
                regular.show(s, regular.fit("This certificate mirrors an Open Badges 3.0 credential signed by " + c.issuerName() + ".", 9, width - 250), 9, 60, 88);
                if (d.footer() != null) {
                    float size = regular.sizeToFit(d.footer(), 9, 6, width - 120);
                    regular.showCentred(s, regular.fit(d.footer(), size, width - 120), size, width / 2, 46);
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The signature image above a rule, the signatory's name and title below it; nothing when none is set. */
    private static void signatory(PDDocument doc, PDPageContentStream s, PdfFonts.Face regular, PdfFonts.Face bold,
            CertificateDesigns.Resolved look, float x, float y) throws IOException {
        CertificateDesigns.Design d = look.design();
        if (d.signatoryName() == null && look.signature() == null) return;
        if (look.signature() != null) image(doc, s, look.signature(), "signature", x, y + 6, 180, 50);
        s.setStrokingColor(0.3f, 0.3f, 0.3f);
        s.setLineWidth(0.8f);
        s.moveTo(x, y);
        s.lineTo(x + 200, y);
        s.stroke();
        if (d.signatoryName() != null) {
            float size = bold.sizeToFit(d.signatoryName(), 11, 7, 220);
            bold.show(s, bold.fit(d.signatoryName(), size, 220), size, x, y - 14);
        }
        if (d.signatoryTitle() != null) {
            float size = regular.sizeToFit(d.signatoryTitle(), 9, 6, 220);
            regular.show(s, regular.fit(d.signatoryTitle(), size, 220), size, x, y - 27);
        }
    }

    /** Draws an image inside the box, keeping its proportions; an image PDFBox cannot read is left out. */
    private static void image(PDDocument doc, PDPageContentStream s, byte[] bytes, String name, float x, float y, float boxWidth, float boxHeight)
            throws IOException {
        PDImageXObject image;
        try {
            image = PDImageXObject.createFromByteArray(doc, bytes, name);
        } catch (IOException | IllegalArgumentException e) {
            return;
        }
        float f = Math.min(boxWidth / image.getWidth(), boxHeight / image.getHeight());
        float w = image.getWidth() * f;
        float h = image.getHeight() * f;
        s.drawImage(image, x + (boxWidth - w) / 2, y + (boxHeight - h) / 2, w, h);
    }

    private static float[] rgb(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return new float[] {((v >> 16) & 0xff) / 255f, ((v >> 8) & 0xff) / 255f, (v & 0xff) / 255f};
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
