package io.guildmark.credentials.did;

/** A DID, or a key inside its document, could not be resolved; {@link #code()} says why. */
public class DidResolutionException extends Exception {

    /** Why resolution failed; stable names, shown by verifiers. */
    public enum Code {
        /** The string is not a syntactically valid DID or DID URL (DID Core §3.1). */
        INVALID_DID,
        /** No resolver is configured for the DID method. */
        METHOD_NOT_SUPPORTED,
        /** The DID document does not exist at its address. */
        NOT_FOUND,
        /** The DID document could not be fetched (network, size, scheme). */
        FETCH_FAILED,
        /** The fetched document is not a valid DID document. */
        INVALID_DOCUMENT,
        /** The document's {@code id} is not the DID that was resolved (DID Core §7.1). */
        ID_MISMATCH,
        /** The verification method is not in the DID document. */
        KEY_NOT_FOUND,
        /** The verification method is still listed but is no longer an {@code assertionMethod}: the key was retired. */
        KEY_RETIRED,
        /** The verification method carries a {@code revoked} date in the past. */
        KEY_REVOKED,
        /** The verification method carries an {@code expires} date in the past. */
        KEY_EXPIRED,
        /** The verification method's key type is not one this library reads. */
        UNSUPPORTED_KEY_TYPE
    }

    private final Code code;

    public DidResolutionException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public DidResolutionException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
