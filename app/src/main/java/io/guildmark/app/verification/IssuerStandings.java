package io.guildmark.app.verification;

import io.guildmark.credentials.verify.VerificationReport;
import org.jspecify.annotations.Nullable;

/**
 * What this platform has checked about an issuer, for the verification report: whether its operator approved the
 * issuer, and which web domain the issuer proved it controls (DIF Well Known DID Configuration). The module that vets
 * organizations answers; verification itself depends on no module, so without an answer every issuer is unchecked.
 */
public interface IssuerStandings {

    /** The standing of the issuer with this id (a DID or URL); {@link Standing#UNCHECKED} for issuers of other platforms. */
    Standing of(String issuerId);

    /**
     * @param approved       the platform's operator approved this issuer (only this platform's own organizations)
     * @param verifiedDomain the domain the issuer proved it controls when last checked, or null
     */
    record Standing(boolean approved, @Nullable String verifiedDomain) {

        public static final Standing UNCHECKED = new Standing(false, null);

        /** The standing in words a hiring manager understands. */
        public String words() {
            if (approved && verifiedDomain != null) return "Approved by this platform; controls " + verifiedDomain;
            if (approved) return "Approved by this platform";
            if (verifiedDomain != null) return "Controls " + verifiedDomain + "; not approved by this platform";
            return "Not checked by this platform";
        }
    }

    /**
     * The standing to report for a verification: only a credential whose issuer's signature held (verified, or
     * revoked by that issuer) speaks for its issuer; anything else only claims an issuer, which earns no standing.
     */
    static Standing forReport(@Nullable IssuerStandings standings, VerificationReport report) {
        String issuer = report.details().issuerId();
        if (standings == null || issuer == null || !signedByIssuer(report)) return Standing.UNCHECKED;
        return standings.of(issuer);
    }

    /** The same rule for a standing already read (with the versions of the issuer's documents, {@link OwnDocumentVersions}). */
    static Standing forReport(Standing issuers, VerificationReport report) {
        return report.details().issuerId() != null && signedByIssuer(report) ? issuers : Standing.UNCHECKED;
    }

    private static boolean signedByIssuer(VerificationReport report) {
        return report.verified() || "revoked".equals(ReportView.verdict(report));
    }
}
