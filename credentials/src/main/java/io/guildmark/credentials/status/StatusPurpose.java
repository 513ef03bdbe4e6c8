package io.guildmark.credentials.status;

import java.util.Locale;
import java.util.Optional;

/** The {@code statusPurpose} values this library acts on (Bitstring Status List). */
public enum StatusPurpose {
    /** Set bit: the credential is revoked, for good. */
    REVOCATION,
    /** Set bit: the credential is suspended; the issuer may clear the bit again. */
    SUSPENSION;

    /** The JSON value, {@code revocation} or {@code suspension}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<StatusPurpose> fromValue(String value) {
        for (var p : values()) {
            if (p.value().equals(value)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
