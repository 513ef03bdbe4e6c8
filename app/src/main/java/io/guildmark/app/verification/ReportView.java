package io.guildmark.app.verification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.guildmark.credentials.verify.Check;
import io.guildmark.credentials.verify.CheckStatus;
import io.guildmark.credentials.verify.VerificationReport;
import org.jspecify.annotations.Nullable;

/**
 * A verification report in the words the {@code /verify} page uses: plain sentences with dates as people write them
 * ("3 December 2026"); key ids, codes and raw timestamps only in each check's details.
 *
 * <p>When the credential is not verified, what it says about itself (issuer, achievement, recipient) is only a claim:
 * those lines are marked {@code claimed} and the page greys them and labels them "claimed, not verified". When its
 * signature or issuer key could not be confirmed, the checks that passed only on the credential's own word (dates,
 * status) are shown as "Not confirmed", never green.
 *
 * @param verdict   {@code verified}, {@code revoked} or {@code not-verified}
 * @param heading   "Verified", "Revoked" or "Not verified"
 * @param issuer    who the credential names as its issuer (a claim unless verified); its own block on the page, so
 *                  the issuer's standing can sit next to it
 * @param source    what was checked, e.g. "the uploaded file badge.png"
 * @param recipientChecked whether a recipient e-mail was compared (the page offers the check when it was not)
 */
record ReportView(String verdict, String heading, String summary, List<CheckView> checks, @Nullable IssuerView issuer, List<Fact> details,
        String source, boolean recipientChecked) {

    /**
     * One check: what was checked, its outcome in a word, the CSS class, and a plain sentence; {@code code} and
     * {@code detail} (the verifier's own words, with key ids and timestamps) go in a disclosure.
     */
    record CheckView(String name, String status, String css, String code, String message, String detail) {}

    /** One line of what the credential says; {@code claimed} when the credential is not verified. */
    record Fact(String label, String value, boolean claimed) {}

    /** The issuer the credential names: its name and identifier; {@code claimed} when not verified. */
    record IssuerView(@Nullable String name, @Nullable String id, boolean claimed) {}

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private static final Pattern INSTANT = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?)?\\b");
    private static final Pattern KEY_ID = Pattern.compile("\\bdid:[a-z0-9]+:[^\\s,;()]+#[^\\s,;()]+");
    /** A key named by an https URL with a fragment; only replaced in messages about keys (a badge address may have one). */
    private static final Pattern HTTPS_KEY_ID = Pattern.compile("\\bhttps?://[^\\s,;()]+#[^\\s,;()]+");

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

    /** The order in which a failure explains a report best: revocation and the signature before structure. */
    private static final List<String> TELLING = List.of(Verification.FETCH, Check.STATUS, Check.ISSUER_KEY, Check.PROOF, Check.VALID_UNTIL,
            Check.VALID_FROM, Check.FORMAT, Check.RECIPIENT, Check.SCHEMA);

    /** Checks whose "passed" rests on the credential's own word, meaningless once its signature is not confirmed. */
    private static final List<String> NEED_AUTHENTICITY = List.of(Check.SCHEMA, Check.VALID_FROM, Check.VALID_UNTIL, Check.STATUS,
            Check.RECIPIENT);

    static ReportView of(VerificationReport report, String source) {
        String verdict = verdict(report);
        String heading = switch (verdict) {
            case "verified" -> "Verified";
            case "revoked" -> "Revoked";
            default -> "Not verified";
        };
        boolean authentic = authentic(report);
        boolean claimed = !report.verified();
        List<CheckView> checks = report.checks().stream().map(c -> check(c, report.details(), authentic)).toList();
        VerificationReport.Details d = report.details();
        IssuerView issuer = d.issuerName() == null && d.issuerId() == null ? null : new IssuerView(d.issuerName(), d.issuerId(), claimed);
        boolean recipientChecked = report.check(Check.RECIPIENT).map(c -> !"NOT_REQUESTED".equals(c.code())).orElse(false);
        return new ReportView(verdict, heading, summary(report), checks, issuer, facts(d, claimed), source, recipientChecked);
    }

    /** {@code verified}; {@code revoked} when the status check says the issuer revoked it; else {@code not-verified}. */
    static String verdict(VerificationReport report) {
        if (report.verified()) return "verified";
        boolean revoked = report.check(Check.STATUS).map(c -> "REVOKED".equals(c.code())).orElse(false);
        return revoked ? "revoked" : "not-verified";
    }

    /** Whether the credential was shown to come from its issuer: its signature and the issuer's key both checked out. */
    static boolean authentic(VerificationReport report) {
        return report.check(Check.PROOF).map(c -> c.status() == CheckStatus.PASSED).orElse(false)
                && report.check(Check.ISSUER_KEY).map(c -> c.status() == CheckStatus.PASSED).orElse(true);
    }

    /** Whether the page should show the credential's claims greyed as "claimed, not verified". */
    public boolean claimed() {
        return !verdict.equals("verified");
    }

    /** The CSS class of the verdict box (see guildmark.css, {@code .verdict}). */
    public String css() {
        return verdict.equals("not-verified") ? "failed" : verdict;
    }

    /** A problem is announced at once (role=alert), a success politely (role=status). */
    public String role() {
        return verdict.equals("verified") ? "status" : "alert";
    }

    /** The one sentence under the verdict: the most telling failure in plain words, or what was verified. */
    static String summary(VerificationReport report) {
        if (report.verified()) return plain(report.summary());
        for (String name : TELLING) {
            for (Check c : report.checks()) {
                if (c.check().equals(name) && c.status() == CheckStatus.FAILED) return message(c, report.details());
            }
        }
        return plain(report.summary());
    }

    private static CheckView check(Check c, VerificationReport.Details d, boolean authentic) {
        String word;
        String css;
        String message = message(c, d);
        if (c.status() == CheckStatus.PASSED && !authentic && NEED_AUTHENTICITY.contains(c.check())) {
            word = "Not confirmed";
            css = "unconfirmed";
            message = "Not confirmed: the badge's signature could not be confirmed, so what it says about this is only its own claim.";
        } else {
            word = switch (c.status()) {
                case PASSED -> "Passed";
                case FAILED -> "Failed";
                case WARNING -> "Warning";
                case SKIPPED -> "Not checked";
            };
            css = c.status().name().toLowerCase(Locale.ROOT);
        }
        return new CheckView(CHECK_NAMES.getOrDefault(c.check(), c.check()), word, css, c.code(), message, c.message());
    }

    /** A check's message in plain words: known outcomes in sentences of their own, others with dates and key ids tidied. */
    static String message(Check c, VerificationReport.Details d) {
        String when = firstDate(c.message());
        String issuer = d.issuerName() != null ? d.issuerName() : "its issuer";
        return switch (c.code()) {
            case "KEY_REVOKED", "KEY_RETIRED" -> "This badge was signed with a key its issuer withdrew"
                    + (when != null ? " on " + when : "") + ", so " + issuer + " no longer vouches for it.";
            case "KEY_EXPIRED" -> "This badge was signed with a key of its issuer that had expired" + (when != null ? " on " + when : "") + ".";
            case "KEY_NOT_FOUND" -> "The key this badge was signed with is not one of " + issuer + "'s keys.";
            case "KEY_NOT_ISSUERS" -> "This badge was signed with a key that does not belong to the issuer it names.";
            case "DID_NOT_RESOLVED" -> "The issuer's identity could not be looked up, so its signature could not be checked.";
            case "KEY_RESOLVED" -> "The key it was signed with is a current key of " + issuer + ".";
            case "INVALID_SIGNATURE" -> "The signature does not match: the badge was changed after it was signed, or "
                    + issuer + " did not sign it.";
            case "REVOKED" -> plain(c.message()).replaceFirst("^The issuer has revoked", issuer.equals("its issuer") ? "The issuer has revoked"
                    : issuer + " has revoked");
            case "EXPIRED" -> "This badge expired on " + orUnknown(date(d.validUntil())) + ".";
            case "NOT_YET_VALID" -> "This badge is not valid until " + orUnknown(date(d.validFrom())) + ".";
            case "NOT_REQUESTED" -> "Not checked: no e-mail address was given to compare with the recipient.";
            default -> c.check().equals(Check.ISSUER_KEY) || c.check().equals(Check.PROOF)
                    ? plain(HTTPS_KEY_ID.matcher(c.message()).replaceAll("a key of the issuer")) : plain(c.message());
        };
    }

    /** Dates as people write them, and no key ids: "Valid since 2026-01-15T09:30:00Z" becomes "Valid since 15 January 2026". */
    static String plain(String message) {
        String text = KEY_ID.matcher(message).replaceAll("a key of the issuer");
        Matcher m = INSTANT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String human;
            try {
                human = DATE.format(LocalDate.parse(m.group(1)).atStartOfDay(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                human = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(human));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static @Nullable String firstDate(String message) {
        Matcher m = INSTANT.matcher(message);
        if (!m.find()) return null;
        try {
            return DATE.format(LocalDate.parse(m.group(1)).atStartOfDay(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String orUnknown(@Nullable String date) {
        return date == null ? "an unknown date" : date;
    }

    private static List<Fact> facts(VerificationReport.Details d, boolean claimed) {
        List<Fact> facts = new ArrayList<>();
        add(facts, "Achievement", d.achievementName(), claimed);
        add(facts, "Recipient", d.recipientName(), claimed);
        add(facts, "Valid from", date(d.validFrom()), claimed);
        add(facts, "Valid until", d.validUntil() != null ? date(d.validUntil()) : d.format() != null ? "no expiry date" : null, claimed);
        add(facts, "Credential", d.credentialId(), claimed);
        add(facts, "Form", d.format() == null ? null : FORMATS.getOrDefault(d.format(), d.format()), false);
        return facts;
    }

    private static void add(List<Fact> facts, String label, @Nullable String value, boolean claimed) {
        if (value != null && !value.isBlank()) facts.add(new Fact(label, value, claimed));
    }

    private static @Nullable String date(@Nullable Instant instant) {
        return instant == null ? null : DATE.format(instant);
    }
}
