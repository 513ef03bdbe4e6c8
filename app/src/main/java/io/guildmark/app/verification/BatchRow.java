package io.guildmark.app.verification;

import java.time.Instant;

import io.guildmark.credentials.holder.HolderProofResult;
import io.guildmark.credentials.verify.Check;
import io.guildmark.credentials.verify.CheckStatus;
import io.guildmark.credentials.verify.VerificationReport;
import org.jspecify.annotations.Nullable;

/**
 * One line of a batch check's table: one badge of one candidate, with the verdict and the reason in the words of the
 * single {@code /verify} page ({@link ReportView#summary}).
 *
 * @param position        where the badge came in the batch, from 1
 * @param candidateName   the candidate the employer's CSV named, else the recipient name the badge gives (a claim
 *                        unless verified), else null
 * @param candidateEmail  the candidate's e-mail from the CSV, compared with the badge's recipient
 * @param verdict         {@code verified}, {@code revoked}, {@code not-verified}, or {@code refused} (an address the
 *                        platform does not fetch from)
 * @param recipient       the recipient check's code: {@code MATCH}, {@code MISMATCH}, {@code NOT_REQUESTED},
 *                        {@code NO_EMAIL_IDENTIFIER}…, or {@code NOT_CHECKED} when the badge was never read
 * @param revocation      the status check's code: {@code ACTIVE}, {@code REVOKED}, {@code NO_STATUS}…, or
 *                        {@code NOT_CHECKED}
 * @param expired         the badge's expiry date has passed
 * @param standing        the issuer's standing with this platform in words ({@link IssuerStandings.Standing#words})
 * @param holderBinding   for a credential that came in a presentation, whether its subject is the presentation's
 *                        holder: {@code MATCH}, {@code MISMATCH}, {@code NO_SUBJECT_ID} (the credential names none, e.g.
 *                        an e-mail recipient), {@code NO_HOLDER} (the presentation names none); else {@code NOT_PRESENTED}
 * @param holderProof     the presentation's own proof by its holder: {@code OK}, {@code NONE} (it has none), a
 *                        {@link HolderProofResult.Code} name when it failed, {@value #NOT_FOR_THIS_CHECK} when it
 *                        answers another challenge or domain than the batch's; {@code NOT_PRESENTED} outside a presentation
 */
record BatchRow(int position, @Nullable String candidateName, @Nullable String candidateEmail, String source, String verdict,
        String reason, String recipient, String revocation, boolean expired, @Nullable Instant validUntil,
        @Nullable String achievement, @Nullable String issuerName, @Nullable String issuerId, String standing,
        @Nullable String credentialId, String holderBinding, String holderProof) {

    static final String REFUSED = "refused";
    static final String NOT_CHECKED = "NOT_CHECKED";
    static final String NOT_PRESENTED = "NOT_PRESENTED";
    /** The holder's proof answers another challenge or domain than the batch's: made for another check. */
    static final String NOT_FOR_THIS_CHECK = "NOT_FOR_THIS_CHECK";

    /** The holder binding of a credential (see the record's parameters), from the item and its presentation's proof. */
    record Holder(String binding, String proof) {

        static final Holder NONE = new Holder(NOT_PRESENTED, NOT_PRESENTED);

        static Holder of(BatchInput.@Nullable Presented presented, @Nullable HolderProofResult proof) {
            return of(presented, proof, false);
        }

        /**
         * With a batch challenge ({@code challenged}), a proof made for another challenge or site is
         * {@value #NOT_FOR_THIS_CHECK}: signed by the holder perhaps, but for someone else's check (replayed).
         */
        static Holder of(BatchInput.@Nullable Presented presented, @Nullable HolderProofResult proof, boolean challenged) {
            if (presented == null) return NONE;
            String holder = presented.presentation().holder;
            String subject = presented.subjectId();
            String binding = holder == null ? "NO_HOLDER" : subject == null ? "NO_SUBJECT_ID"
                    : subject.equals(holder) ? "MATCH" : "MISMATCH";
            String code = proof == null ? "NONE" : proof.code().name();
            if (challenged && proof != null && (proof.code() == HolderProofResult.Code.WRONG_CHALLENGE
                    || proof.code() == HolderProofResult.Code.WRONG_AUDIENCE)) {
                code = NOT_FOR_THIS_CHECK;
            }
            return new Holder(binding, code);
        }
    }

    static BatchRow of(int position, BatchInput.Item item, VerificationReport report, IssuerStandings.Standing standing) {
        return of(position, item, report, standing, Holder.NONE);
    }

    static BatchRow of(int position, BatchInput.Item item, VerificationReport report, IssuerStandings.Standing standing, Holder holder) {
        VerificationReport.Details d = report.details();
        BatchInput.Candidate candidate = item.candidate();
        String name = candidate != null ? candidate.name() : d.recipientName();
        String email = candidate != null ? candidate.email() : null;
        String verdict = ReportView.verdict(report);
        String reason = ReportView.summary(report);
        var fetch = report.check(Verification.FETCH);
        if (fetch.isPresent() && fetch.get().status() == CheckStatus.FAILED && "ADDRESS_NOT_ALLOWED".equals(fetch.get().code())) {
            verdict = REFUSED;
            reason = "Refused: private address. " + fetch.get().message();
        }
        String recipient = report.check(Check.RECIPIENT).map(Check::code).orElse(NOT_CHECKED);
        String revocation = report.check(Check.STATUS).map(Check::code).orElse(NOT_CHECKED);
        boolean expired = report.check(Check.VALID_UNTIL).map(c -> "EXPIRED".equals(c.code())).orElse(false);
        return new BatchRow(position, name, email, item.source(), verdict, reason, recipient, revocation, expired, d.validUntil(),
                d.achievementName(), d.issuerName(), d.issuerId(), standing.words(), d.credentialId(), holder.binding(), holder.proof());
    }

    /** A badge that could not even be read (an oversized ZIP entry, a JSON value that is no credential). */
    static BatchRow unreadable(int position, BatchInput.Item item) {
        BatchInput.Candidate candidate = item.candidate();
        return new BatchRow(position, candidate == null ? null : candidate.name(), candidate == null ? null : candidate.email(),
                item.source(), "not-verified", "Not verified: " + item.unreadable(), NOT_CHECKED, NOT_CHECKED, false, null, null,
                null, null, IssuerStandings.Standing.UNCHECKED.words(), null, NOT_PRESENTED, NOT_PRESENTED);
    }

    /** Whether the credential is held by whoever presented it, in words; null outside a presentation. */
    public @Nullable String holderWords() {
        if (holderBinding.equals(NOT_PRESENTED)) return null;
        String proof = switch (holderProof) {
            case "OK" -> "the holder signed the presentation";
            case "NONE" -> "the presentation is not signed by its holder, so this is not proven";
            case "TOO_LARGE" -> "the presentation is too large for its holder's proof to be checked";
            case NOT_FOR_THIS_CHECK -> "holder proof not for this check: the holder signed it for another challenge or site (a presentation "
                    + "replayed from elsewhere), so this is not proven";
            case "UNSUPPORTED_ALGORITHM" -> "the holder's proof uses an algorithm that is not accepted (an unsigned JWT, alg none, is "
                    + "never accepted), so this is not proven";
            default -> "the holder's proof on the presentation failed (" + holderProof.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
        };
        return switch (holderBinding) {
            case "MATCH" -> "Issued to the presentation's holder; " + proof;
            case "MISMATCH" -> "Issued to someone other than the presentation's holder; " + proof;
            case "NO_SUBJECT_ID" -> "The badge names no subject id to compare with the holder; " + proof;
            default -> "The presentation names no holder";
        };
    }

    public boolean verified() {
        return verdict.equals("verified");
    }

    public boolean revoked() {
        return verdict.equals("revoked") || revocation.equals("REVOKED");
    }

    /** The heading of the verdict cell. */
    public String verdictWords() {
        return switch (verdict) {
            case "verified" -> "Verified";
            case "revoked" -> "Revoked";
            case REFUSED -> "Refused";
            default -> "Not verified";
        };
    }

    /** The CSS class of the verdict cell, as on the single page ({@code .check}). */
    public String css() {
        return verified() ? "passed" : "failed";
    }

    /** Whether the badge was issued to the candidate's e-mail, in words. */
    public String recipientWords() {
        return switch (recipient) {
            case "MATCH" -> "Matches " + candidateEmail;
            case "MISMATCH" -> "Issued to someone else, not " + candidateEmail;
            case "NO_EMAIL_IDENTIFIER" -> "The badge names no e-mail to compare";
            case "NOT_REQUESTED" -> "Not checked (no e-mail given)";
            case NOT_CHECKED -> "Not checked";
            default -> "Not confirmed (" + recipient.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
        };
    }

    /** Revocation in words. */
    public String revocationWords() {
        return switch (revocation) {
            case "ACTIVE" -> "Not revoked";
            case "REVOKED" -> "Revoked by its issuer";
            case "NO_STATUS" -> "The badge has no revocation list";
            case NOT_CHECKED -> "Not checked";
            default -> "Could not be checked";
        };
    }

    /** Expiry in words: "Expired on 3 December 2026", "Valid until …", "No expiry date". */
    public String expiryWords() {
        if (validUntil == null) return credentialId == null && achievement == null ? "Unknown" : "No expiry date";
        String day = ReportView.DATE.format(validUntil);
        return expired ? "Expired on " + day : "Valid until " + day;
    }
}
