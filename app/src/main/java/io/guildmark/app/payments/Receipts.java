package io.guildmark.app.payments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.guildmark.app.notifications.Mailer;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.PdfFonts;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.springframework.stereotype.Component;

/**
 * The receipt of a paid order: a one-page PDF, attached to an e-mail with its figures (sent through the platform's mail
 * outbox when the payment is confirmed) and downloadable from the buyer's account.
 */
@Component
class Receipts {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Organizations organizations;
    private final Mailer mailer;
    private final GuildmarkSettings settings;

    Receipts(Organizations organizations, Mailer mailer, GuildmarkSettings settings) {
        this.organizations = organizations;
        this.mailer = mailer;
        this.settings = settings;
    }

    /** The lines of the receipt, label and amount, as both the PDF and the e-mail show them. */
    static List<String[]> lines(Order order) {
        Quote q = order.quote();
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {(q.quantity() > 1 ? q.quantity() + " × " : "") + order.itemName(),
                q.quantity() > 1 ? q.formatted(q.subtotalMinor()) + " (" + q.formatted(q.unitPriceMinor()) + " each)" : q.formatted(q.subtotalMinor())});
        if (q.discountMinor() > 0) lines.add(new String[] {"Discount" + (order.discountCode() == null ? "" : " (" + order.discountCode() + ")"),
                "-" + q.formatted(q.discountMinor())});
        if (q.taxRateBps() > 0) lines.add(new String[] {q.taxLabel() + " " + q.rate() + (q.taxInclusive() ? " (included)" : ""), q.formatted(q.taxMinor())});
        lines.add(new String[] {"Total", q.formatted(q.totalMinor())});
        if (order.refundedMinor() > 0) lines.add(new String[] {"Refunded", "-" + q.formatted(order.refundedMinor())});
        return lines;
    }

    static String method(Order order) {
        return switch (order.method()) {
            case STRIPE -> "Card, through Stripe" + (order.paymentIntentId() == null ? "" : " (payment " + order.paymentIntentId() + ")");
            case OFFLINE -> "Recorded by the association (invoice or another payment method)";
            case FREE -> "Covered in full by the discount";
        };
    }

    void send(Order order) {
        Organization org = organizations.findById(order.organizationId()).orElseThrow();
        StringBuilder body = new StringBuilder();
        body.append("Thank you for your purchase from ").append(org.name()).append(".\n\n");
        body.append("Receipt for order ").append(order.number()).append('\n');
        for (String[] line : lines(order)) body.append(line[0]).append(": ").append(line[1]).append('\n');
        body.append("Paid: ").append(order.paidAt() == null ? "" : DATE.format(order.paidAt())).append('\n');
        body.append("Payment: ").append(method(order)).append("\n\n");
        if (order.kind() == Order.Kind.SEATS) {
            body.append("Assign the seats to your staff by e-mail from your order: ").append(settings.url("/account/orders/" + order.id())).append("\n\n");
        }
        body.append("The PDF receipt is attached, and in your account: ").append(settings.url("/account/orders/" + order.id() + "/receipt.pdf")).append('\n');
        mailer.send(EmailAddress.of(order.buyerEmail()), "Your receipt from " + org.name() + " (order " + order.number() + ")", body.toString(),
                new Mailer.Attachment("receipt-" + order.number() + ".pdf", "application/pdf", pdf(order)));
    }

    byte[] pdf(Order order) {
        Organization org = organizations.findById(order.organizationId()).orElseThrow();
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Receipt " + order.number() + " — " + org.name());
            info.setAuthor(org.name());
            PdfFonts fonts = PdfFonts.of(doc);
            PdfFonts.Face regular = fonts.regular();
            PdfFonts.Face bold = fonts.bold();
            float width = page.getMediaBox().getWidth();
            float right = width - 60;
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                float y = page.getMediaBox().getHeight() - 80;
                bold.show(s, bold.fit(org.name(), 18, width - 120), 18, 60, y);
                y -= 22;
                if (org.email() != null) regular.show(s, regular.fit(org.email(), 10, width - 120), 10, 60, y);
                y -= 40;
                bold.show(s, order.state() == Order.State.REFUNDED ? "Receipt (refunded)" : "Receipt", 16, 60, y);
                y -= 26;
                for (String[] fact : new String[][] {{"Order", order.number()},
                        {"Paid", order.paidAt() == null ? "" : DATE.format(order.paidAt())},
                        {"Billed to", order.buyerName() + " <" + order.buyerEmail() + ">"},
                        {"Payment", method(order)}}) {
                    regular.show(s, fact[0], 11, 60, y);
                    regular.show(s, regular.fit(fact[1], 11, right - 160), 11, 160, y);
                    y -= 18;
                }
                if (order.refundedAt() != null) {
                    regular.show(s, "Refunded", 11, 60, y);
                    regular.show(s, DATE.format(order.refundedAt()), 11, 160, y);
                    y -= 18;
                }
                y -= 20;
                List<String[]> lines = lines(order);
                for (int i = 0; i < lines.size(); i++) {
                    boolean total = i == lines.size() - 1;
                    PdfFonts.Face face = total ? bold : regular;
                    String amount = lines.get(i)[1];
                    face.show(s, face.fit(lines.get(i)[0], 11, right - 60 - face.width(amount, 11) - 20), 11, 60, y);
                    face.show(s, amount, 11, right - face.width(amount, 11), y);
                    y -= total ? 18 : 16;
                }
                y -= 30;
                regular.show(s, regular.fit("Online copy: " + settings.url("/account/orders/" + order.id() + "/receipt.pdf"), 9, width - 120), 9, 60, y);
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
