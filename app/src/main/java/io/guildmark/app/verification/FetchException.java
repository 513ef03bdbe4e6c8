package io.guildmark.app.verification;

import java.io.IOException;

/** A document that was not fetched, and why in plain words; {@link #reason()} is a stable code. */
final class FetchException extends IOException {

    enum Reason {
        INVALID_URL, UNSUPPORTED_SCHEME, UNKNOWN_HOST, ADDRESS_NOT_ALLOWED, TOO_MANY_REDIRECTS, TIMEOUT, TOO_LARGE,
        HTTP_ERROR, UNREACHABLE
    }

    private final Reason reason;

    FetchException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    FetchException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
