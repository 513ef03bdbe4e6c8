package io.guildmark.app.verification;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.guildmark.credentials.verify.Check;
import io.guildmark.credentials.verify.VerificationReport;
import org.jspecify.annotations.Nullable;

/**
 * A verification report in the words the {@code /verify} page uses.
 *
 * @param verdict  {@code verified}, {@code revoked} or {@code not-verified}
 * @param heading  "Verified", "Revoked" or "Not verified"
 * @param source   what was checked, e.g. "the uploaded file badge.png"
 */
record ReportView(String verdict, String heading, String summary, List<CheckView> checks, List<Fact> details, String source) {

    /** One check: what was checked, its outcome in a word (Passed, Failed, Warning, Skipped) and why. */
    record CheckView(String name, String status, String css, String code, String message) {}

    /** One line of what the credential says. */
    record Fact(String label, String value) {}

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private static final Map<String, String> CHECK_NAMES = Map.of(
            Verification.FETCH, "Fetching the badge",
            Check.FORMAT, "Format",
            Check.SCHEMA, "Open Badges 3.0 structure",
            Check.PROOF, "Signature",
            Check.ISSUER_KEY, "Issuer's key",
            Check.VALID_FROM, "Start date",
            Check.VALID_UNTIL, "Expiry date",
            Check.STATUS, "Revocation",
            Check.RECIPIENT, "Recipient");

    private static final Map<String, String> FORMATS = Map.of(
            "JSON", "a JSON credential",
            "JWT", "a VC-JWT",
            "PNG_JSON", "a PNG image with a JSON credential baked in",
            "PNG_JWT", "a PNG image with a VC-JWT baked in",
            "SVG_JSON", "an SVG image with a JSON credential baked in",
            "SVG_JWT", "an SVG image with a VC-JWT baked in",
            "OB2_JSON", "an Open Badges 2.0 hosted assertion",
            "OB2_JWS", "a signed Open Badges 2.0 assertion",
            "PNG_OB2", "a PNG image with an Open Badges 2.0 assertion baked in",
            "SVG_OB2", "an SVG image with an Open Badges 2.0 assertion baked in");

    static ReportView of(VerificationReport report, String source) {
        String verdict = verdict(report);
        String heading = switch (verdict) {
            case "verified" -> "Verified";
            case "revoked" -> "Revoked";
            default -> "Not verified";
        };
        List<CheckView> checks = report.checks().stream().map(ReportView::check).toList();
        return new ReportView(verdict, heading, report.summary(), checks, facts(report.details()), source);
    }

    /** {@code verified}; {@code revoked} when the status check says the issuer revoked it; else {@code not-verified}. */
    static String verdict(VerificationReport report) {
        if (report.verified()) return "verified";
        boolean revoked = report.check(Check.STATUS).map(c -> "REVOKED".equals(c.code())).orElse(false);
        return revoked ? "revoked" : "not-verified";
    }

    /** The CSS class of the verdict box (see guildmark.css, {@code .verdict}). */
    public String css() {
        return verdict.equals("not-verified") ? "failed" : verdict;
    }

    /** A problem is announced at once (role=alert), a success politely (role=status). */
    public String role() {
        return verdict.equals("verified") ? "status" : "alert";
    }

    private static CheckView check(Check c) {
        String word = switch (c.status()) {
            case PASSED -> "Passed";
            case FAILED -> "Failed";
            case WARNING -> "Warning";
            case SKIPPED -> "Skipped";
        };
        return new CheckView(CHECK_NAMES.getOrDefault(c.check(), c.check()), word,
                c.status().name().toLowerCase(Locale.ROOT), c.code(), c.message());
    }

    private static List<Fact> facts(VerificationReport.Details d) {
        List<Fact> facts = new ArrayList<>();
        String issuer = d.issuerName() != null && d.issuerId() != null ? d.issuerName() + " (" + d.issuerId() + ")"
                : d.issuerName() != null ? d.issuerName() : d.issuerId();
        add(facts, "Issuer", issuer);
        add(facts, "Achievement", d.achievementName());
        add(facts, "Recipient", d.recipientName());
        add(facts, "Valid from", date(d.validFrom()));
        add(facts, "Valid until", d.validUntil() != null ? date(d.validUntil()) : d.format() != null ? "no expiry date" : null);
        add(facts, "Credential", d.credentialId());
        add(facts, "Form", d.format() == null ? null : FORMATS.getOrDefault(d.format(), d.format()));
        return facts;
    }

    private static void add(List<Fact> facts, String label, @Nullable String value) {
        if (value != null && !value.isBlank()) facts.add(new Fact(label, value));
    }

    private static @Nullable String date(@Nullable Instant instant) {
        return instant == null ? null : DATE.format(instant);
    }
}
