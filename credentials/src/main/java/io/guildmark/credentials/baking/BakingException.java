package io.guildmark.credentials.baking;

/** An image could not be baked or read; {@link #reason()} says why in a stable code. */
public class BakingException extends Exception {

    /** Why baking or extraction failed. */
    public enum Reason {
        /** The input is larger than the configured maximum. */
        TOO_LARGE,
        /** The input is not a PNG (wrong signature) or not an SVG document. */
        UNSUPPORTED_FORMAT,
        /** The PNG is truncated or its chunk structure is broken. */
        CORRUPT_IMAGE,
        /** A PNG chunk's CRC does not match its contents. */
        CRC_MISMATCH,
        /** Compressed text inflates beyond the cap. */
        DECOMPRESSION_LIMIT,
        /** The SVG uses a DTD or external entities, or is not well-formed XML. */
        UNSAFE_XML,
        /** The payload can't be baked (empty, or not matching the format). */
        INVALID_PAYLOAD
    }

    private final Reason reason;

    public BakingException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public BakingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
