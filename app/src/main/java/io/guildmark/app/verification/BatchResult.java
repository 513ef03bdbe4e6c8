package io.guildmark.app.verification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.shared.CsvDownload;
import io.guildmark.app.shared.PdfFonts;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A finished batch check as one table grouped by candidate, and its downloads: CSV (every cell formula-escaped) and a
 * PDF report.
 */
record BatchResult(UUID id, String label, Instant checkedAt, List<Candidate> candidates, int total, int verified) {

    /** One candidate and their badges; {@code name} and {@code email} null when nothing named them. */
    record Candidate(@Nullable String name, @Nullable String email, List<BatchRow> badges) {

        public String heading() {
            if (name != null && email != null && !name.equals(email)) return name + " <" + email + ">";
            if (name != null) return name;
            if (email != null) return email;
            return "Candidate not named";
        }

        public long verified() {
            return badges.stream().filter(BatchRow::verified).count();
        }
    }

    static final List<String> CSV_HEADER = List.of("candidate_name", "candidate_email", "source", "verified", "verdict", "reason",
            "recipient_match", "expiry", "valid_until", "revocation", "achievement", "issuer", "issuer_id", "issuer_standing",
            "credential_id", "holder_binding", "holder_proof", "holder");

    /** The rows grouped by candidate (their CSV e-mail, else their name), candidates in order of their first badge. */
    static BatchResult of(UUID id, String label, Instant checkedAt, List<BatchRow> rows) {
        Map<String, List<BatchRow>> groups = new LinkedHashMap<>();
        for (BatchRow row : rows) {
            String key = row.candidateEmail() != null ? "e:" + row.candidateEmail().toLowerCase(Locale.ROOT)
                    : row.candidateName() != null ? "n:" + row.candidateName() : "";
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        List<Candidate> candidates = new ArrayList<>();
        groups.forEach((key, badges) -> {
            BatchRow first = badges.get(0);
            candidates.add(new Candidate(first.candidateName(), first.candidateEmail(), List.copyOf(badges)));
        });
        int verified = (int) rows.stream().filter(BatchRow::verified).count();
        return new BatchResult(id, label, checkedAt, List.copyOf(candidates), rows.size(), verified);
    }

    /** The day, as people write it. */
    public String checkedOn() {
        return ReportView.DATE.format(checkedAt);
    }

    public int notVerified() {
        return total - verified;
    }

    ResponseEntity<StreamingResponseBody> csv() {
        return CsvDownload.of("verification-" + checkedAt.toString().substring(0, 10) + ".csv", CSV_HEADER, out -> {
            for (Candidate c : candidates) {
                for (BatchRow r : c.badges()) {
                    out.row(r.candidateName(), r.candidateEmail(), r.source(), r.verified() ? "yes" : "no", r.verdict(), r.reason(),
                            r.recipientWords(), r.expiryWords(), r.validUntil(), r.revocationWords(), r.achievement(), r.issuerName(),
                            r.issuerId(), r.standing(), r.credentialId(), r.holderBinding(), r.holderProof(), r.holderWords());
                }
            }
        });
    }

    ResponseEntity<byte[]> pdf() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"verification-" + checkedAt.toString().substring(0, 10) + ".pdf\"")
                .body(new Report(this).render());
    }

    /** The printable report: a heading with the counts, then each candidate with a short block per badge. */
    private static final class Report {

        private static final float MARGIN = 50;
        private static final float LINE = 14;

        private final BatchResult result;
        private PDDocument doc;
        private PdfFonts.Face regular;
        private PdfFonts.Face bold;
        private PDPageContentStream stream;
        private float y;

        Report(BatchResult result) {
            this.result = result;
        }

        byte[] render() {
            try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                doc = document;
                doc.getDocumentInformation().setTitle("Batch verification — " + ReportView.DATE.format(result.checkedAt()));
                PdfFonts fonts = PdfFonts.of(doc);
                regular = fonts.regular();
                bold = fonts.bold();
                newPage();
                write(bold, 18, "Batch verification report");
                write(regular, 10, "Checked " + ReportView.DATE.format(result.checkedAt()) + " · " + result.label());
                write(regular, 10, result.total() + " credentials: " + result.verified() + " verified, " + result.notVerified()
                        + " not verified.");
                gap();
                for (Candidate c : result.candidates()) {
                    write(bold, 13, c.heading() + " — " + c.verified() + " of " + c.badges().size() + " verified");
                    for (BatchRow r : c.badges()) {
                        write(bold, 10, r.verdictWords() + ": " + (r.achievement() != null ? r.achievement() : r.source()));
                        if (!r.verified()) write(regular, 9, "    " + r.reason());
                        write(regular, 9, "    Issuer: " + (r.issuerName() != null ? r.issuerName() : r.issuerId() != null ? r.issuerId() : "unknown")
                                + " (" + r.standing() + ")");
                        write(regular, 9, "    Recipient: " + r.recipientWords() + " · " + r.expiryWords() + " · " + r.revocationWords());
                        if (r.holderWords() != null) write(regular, 9, "    Holder: " + r.holderWords());
                        write(regular, 8, "    From " + r.source());
                    }
                    gap();
                }
                write(regular, 8, "Each badge was checked as the /verify page checks one: its signature, its issuer's key, its dates and its "
                        + "revocation status. A claim of a badge that did not verify is only a claim.");
                stream.close();
                doc.save(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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

        private void write(PdfFonts.Face face, float size, String text) throws IOException {
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
            for (String line : face.wrap(text, size, width)) {
                if (y < MARGIN + LINE) newPage();
                face.show(stream, line, size, MARGIN, y);
                y -= Math.max(LINE, size * 1.4f);
            }
        }
    }
}
