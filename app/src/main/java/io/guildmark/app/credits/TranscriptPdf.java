package io.guildmark.app.credits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.guildmark.app.shared.PdfFonts;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * A printable credit transcript: the learner's standing in each renewal rule (current and past cycles) and every
 * entry of the ledger with its status. Paper proves nothing by itself; the signed CLR transcript does.
 */
final class TranscriptPdf {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final float MARGIN = 50;
    private static final float LINE = 15;

    private final PDDocument doc;
    private final PdfFonts.Face regular;
    private final PdfFonts.Face bold;
    private PDPageContentStream stream;
    private float y;

    private TranscriptPdf(PDDocument doc) throws IOException {
        this.doc = doc;
        PdfFonts fonts = PdfFonts.of(doc);
        this.regular = fonts.regular();
        this.bold = fonts.bold();
    }

    static byte[] render(String organizationName, String holderName, String email, LocalDate today, Ledger.OrganizationLedger ledger) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Credit transcript — " + holderName + " — " + organizationName);
            info.setAuthor(organizationName);
            TranscriptPdf pdf = new TranscriptPdf(doc);
            pdf.newPage();
            pdf.write(pdf.bold, 18, "Credit transcript");
            pdf.write(pdf.regular, 11, holderName + " <" + email + ">");
            pdf.write(pdf.regular, 11, organizationName + " · as of " + DAY.format(today));
            pdf.gap();
            if (ledger.standings().isEmpty()) pdf.write(pdf.regular, 10, "No renewal rule of " + organizationName + " applies yet.");
            for (Ledger.RuleStanding standing : ledger.standings()) {
                pdf.write(pdf.bold, 13, standing.rule().name());
                pdf.write(pdf.regular, 10, standing.rule().describe() + "; cycles count from " + DAY.format(standing.anchor()) + ".");
                for (CycleView c : reversed(standing.cycles())) {
                    pdf.write(c.current() ? pdf.bold : pdf.regular, 10, "Cycle " + c.cycleNumber() + " (" + DAY.format(c.start()) + " – "
                            + DAY.format(c.lastDay()) + (c.current() ? ", current" : "") + "): earned " + plain(c.earned()) + " of "
                            + plain(c.required()) + " " + c.creditType() + (c.pending().signum() > 0 ? ", " + plain(c.pending()) + " pending" : "")
                            + (c.met() ? " — met" : " — " + plain(c.remaining()) + " still needed"));
                    c.categories().forEach((name, cat) -> pdf.write(pdf.regular, 9, "      " + name + ": " + plain(cat.earned()) + " of "
                            + plain(cat.required()) + (cat.pending().signum() > 0 ? ", " + plain(cat.pending()) + " pending" : "")));
                }
                pdf.gap();
            }
            pdf.write(pdf.bold, 13, "Entries");
            if (ledger.entries().isEmpty()) pdf.write(pdf.regular, 10, "No credits recorded.");
            for (Ledger.Entry e : ledger.entries()) {
                pdf.write(pdf.regular, 10, DAY.format(e.earnedOn()) + "   " + plain(e.amount()) + " " + e.creditType()
                        + (e.category() == null ? "" : " (" + e.category() + ")") + "   " + status(e) + "   " + e.title());
            }
            pdf.gap();
            pdf.write(pdf.regular, 8, "Approved and earned credits count; pending ones wait for staff approval; rejected ones never count.");
            pdf.write(pdf.regular, 8, "A signed CLR 2.0 version of this transcript can be downloaded from the credit ledger and verified by anyone.");
            pdf.stream.close();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String status(Ledger.Entry e) {
        return switch (e.status()) {
            case EARNED -> e.source() == Ledger.Source.CREDENTIAL ? "credential" : "approved";
            case PENDING -> "pending";
            case REJECTED -> "rejected";
        };
    }

    private void newPage() throws IOException {
        if (stream != null) stream.close();
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        stream = new PDPageContentStream(doc, page);
        y = page.getMediaBox().getHeight() - MARGIN;
    }

    private void gap() {
        y -= LINE / 2;
    }

    /** Writes the text on as many lines as it needs (a long title wraps rather than being cut), starting a page when one is full. */
    private void write(PdfFonts.Face face, float size, String text) {
        try {
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
            for (String line : face.wrap(text, size, width)) {
                if (y < MARGIN + LINE) newPage();
                face.show(stream, line, size, MARGIN, y);
                y -= Math.max(LINE, size * 1.4f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new java.util.ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static String plain(java.math.BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

}
