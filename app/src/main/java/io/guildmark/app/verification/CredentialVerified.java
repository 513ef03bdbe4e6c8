package io.guildmark.app.verification;

import io.guildmark.credentials.verify.VerificationReport;
import org.jspecify.annotations.Nullable;

/**
 * Someone verified a credential on the public verifier (page, API or VC-API): published in memory on each check, for
 * counters that add them up per credential. {@code credentialId} is the credential's own {@code id}, when it had one.
 */
public record CredentialVerified(@Nullable String credentialId, boolean verified) {

    static CredentialVerified of(VerificationReport report) {
        return new CredentialVerified(report.details() == null ? null : report.details().credentialId(), report.verified());
    }
}
