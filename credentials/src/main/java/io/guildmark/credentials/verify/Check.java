package io.guildmark.credentials.verify;

import java.util.Objects;

/**
 * One line of a verification report.
 *
 * @param check   stable name: {@code format}, {@code schema}, {@code proof}, {@code issuerKey}, {@code validFrom},
 *                {@code validUntil}, {@code status}, {@code recipient}, {@code relatedResource} (see {@link Verifier} for the codes)
 * @param status  the outcome
 * @param code    stable code, e.g. {@code VALID}, {@code EXPIRED}, {@code KEY_RETIRED}
 * @param message a sentence for people
 */
public record Check(String check, CheckStatus status, String code, String message) {

    public static final String FORMAT = "format";
    public static final String SCHEMA = "schema";
    public static final String PROOF = "proof";
    public static final String ISSUER_KEY = "issuerKey";
    public static final String VALID_FROM = "validFrom";
    public static final String VALID_UNTIL = "validUntil";
    public static final String STATUS = "status";
    public static final String RECIPIENT = "recipient";
    /** Only in reports of credentials that name a {@code relatedResource}. */
    public static final String RELATED_RESOURCE = "relatedResource";

    public Check {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    static Check passed(String check, String code, String message) {
        return new Check(check, CheckStatus.PASSED, code, message);
    }

    static Check failed(String check, String code, String message) {
        return new Check(check, CheckStatus.FAILED, code, message);
    }

    static Check warning(String check, String code, String message) {
        return new Check(check, CheckStatus.WARNING, code, message);
    }

    static Check skipped(String check, String code, String message) {
        return new Check(check, CheckStatus.SKIPPED, code, message);
    }
}
