package io.guildmark.credentials.verify;

import io.guildmark.credentials.status.StatusResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The one-sentence summary of a report, in plain language. */
final class Summaries {

    private Summaries() {
    }

    static String summary(boolean verified, List<Check> checks, VerificationReport.Details d, StatusResult status) {
        if (verified) {
            var s = new StringBuilder("Verified: ").append(orElse(d.achievementName(), "the credential"))
                    .append(" issued by ").append(orElse(d.issuerName(), orElse(d.issuerId(), "an unnamed issuer")));
            if (d.recipientName() != null) {
                s.append(" to ").append(d.recipientName());
            }
            if (d.validFrom() != null) {
                s.append(" on ").append(date(d.validFrom()));
            }
            s.append('.');
            checks.stream().filter(c -> c.status() == CheckStatus.WARNING).findFirst()
                    .ifPresent(w -> s.append(" Note: ").append(w.message()));
            return s.toString();
        }
        var failed = checks.stream().filter(c -> c.status() == CheckStatus.FAILED).toList();
        // The most telling reason first: revocation and expiry matter more to a reader than schema details.
        for (var name : List.of(Check.STATUS, Check.PROOF, Check.ISSUER_KEY, Check.VALID_UNTIL, Check.VALID_FROM,
                Check.FORMAT, Check.RECIPIENT, Check.RELATED_RESOURCE, Check.SCHEMA)) {
            for (var c : failed) {
                if (c.check().equals(name)) {
                    return "Not verified: " + reason(c, d, status);
                }
            }
        }
        var skipped = checks.stream().filter(c -> c.check().equals(Check.PROOF)).findFirst();
        return "Not verified: " + skipped.map(c -> lower(c.message())).orElse("the credential could not be checked.");
    }

    private static String reason(Check c, VerificationReport.Details d, StatusResult status) {
        switch (c.code()) {
            case "REVOKED" -> {
                var s = new StringBuilder("the credential was revoked by its issuer");
                if (status != null && status.listDate() != null) {
                    s.append(" (status list of ").append(date(status.listDate())).append(')');
                }
                if (status != null && status.reason() != null) {
                    s.append(": ").append(status.reason());
                }
                return s.append('.').toString();
            }
            case "SUSPENDED" -> {
                return "the credential is suspended by its issuer.";
            }
            case "EXPIRED" -> {
                return "the credential expired on " + date(d.validUntil()) + ".";
            }
            case "NOT_YET_VALID" -> {
                return "the credential is not valid until " + date(d.validFrom()) + ".";
            }
            case "INVALID_SIGNATURE" -> {
                return "the signature does not match; the credential was altered or not issued by "
                        + orElse(d.issuerName(), orElse(d.issuerId(), "its issuer")) + ".";
            }
            case "KEY_RETIRED" -> {
                return "it was signed with a key the issuer has retired.";
            }
            case "KEY_REVOKED" -> {
                return "it was signed with a key the issuer has revoked.";
            }
            case "DID_NOT_RESOLVED" -> {
                return "the issuer's identity (" + orElse(d.issuerId(), "its DID") + ") could not be resolved.";
            }
            default -> {
                return lower(c.message());
            }
        }
    }

    private static String date(Instant instant) {
        return instant == null ? "an unknown date" : instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String lower(String message) {
        if (message.length() > 1 && Character.isUpperCase(message.charAt(0)) && !Character.isUpperCase(message.charAt(1))) {
            return Character.toLowerCase(message.charAt(0)) + message.substring(1);
        }
        return message;
    }
}
