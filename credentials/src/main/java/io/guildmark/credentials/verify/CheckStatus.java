package io.guildmark.credentials.verify;

/** The outcome of one check. */
public enum CheckStatus {
    PASSED,
    FAILED,
    /** Worth showing, but does not make the credential unverified. */
    WARNING,
    /** Not run: not requested, or not possible because an earlier check failed. */
    SKIPPED
}
