package io.guildmark.credentials.jwt;

/** The key named by a VC-JWT could not be found or may not be used; {@link #code()} says why. */
public class JwtKeyResolutionException extends Exception {

    /** Why the key could not be used. */
    public enum Code {
        /** The issuer's DID (or other key source) could not be resolved. */
        NOT_RESOLVED,
        /** The key is not published by the issuer. */
        KEY_NOT_FOUND,
        /** The key is no longer an assertion method of the issuer. */
        KEY_RETIRED,
        /** The key was revoked or has expired. */
        KEY_REVOKED,
        /** The key is of a type that can't verify JWTs. */
        UNSUPPORTED_KEY
    }

    private final Code code;

    public JwtKeyResolutionException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public JwtKeyResolutionException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
