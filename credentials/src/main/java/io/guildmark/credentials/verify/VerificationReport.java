package io.guildmark.credentials.verify;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@link Verifier#verify}: whether the credential is verified, every check in order, a one-sentence
 * summary and the details a page shows.
 *
 * @param verified   true only if the proof passed and no check failed
 * @param checks     in the order they ran: format, schema, proof, issuerKey, validFrom, validUntil, status, recipient
 * @param summary    plain language, e.g. "Verified: Welding issued by Acme Guild to Jane Doe on 2026-01-15."
 * @param details    what the credential says, as far as it could be read
 * @param credential the credential JSON (from the JWT payload or the image), or {@code null} if none could be read
 */
public record VerificationReport(boolean verified, List<Check> checks, String summary, Details details,
                                 JsonObject credential) {

    /** What the credential says. Members are {@code null} when absent. */
    public record Details(String credentialId, String issuerId, String issuerName, String achievementName,
                          String recipientName, Instant validFrom, Instant validUntil, String format) {

        static final Details EMPTY = new Details(null, null, null, null, null, null, null, null);
    }

    public VerificationReport {
        checks = List.copyOf(checks);
    }

    /** The check with this name, if it ran. */
    public Optional<Check> check(String name) {
        return checks.stream().filter(c -> c.check().equals(name)).findFirst();
    }
}
