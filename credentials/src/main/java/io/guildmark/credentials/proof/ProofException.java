package io.guildmark.credentials.proof;

/** Signing failed; {@link #code()} says why, with the same codes a verifier reports. */
public final class ProofException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProofResult.Code code;

    public ProofException(ProofResult.Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ProofResult.Code code() {
        return code;
    }
}
