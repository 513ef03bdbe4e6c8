package io.guildmark.credentials.proof;

import java.util.Objects;

/**
 * The outcome of verifying a Data Integrity proof: valid, or a coded failure with a message for people.
 * A failed check is a value, not an exception.
 */
public record ProofResult(Code code, String message) {

    /** Why a proof did not verify (or {@link #OK}). */
    public enum Code {
        OK,
        /** No proof, or a proof member missing or of the wrong JSON type, or an undecodable proofValue. */
        MALFORMED_PROOF,
        /** Not a {@code DataIntegrityProof} with cryptosuite {@code eddsa-rdfc-2022} or {@code eddsa-jcs-2022}. */
        UNSUPPORTED_CRYPTOSUITE,
        /** The proof's purpose is not the one the verifier expects. */
        PROOF_PURPOSE_MISMATCH,
        /** The proof's {@code @context} is not a prefix of the document's (Data Integrity 1.0 "Verify Proof"). */
        CONTEXT_MISMATCH,
        /** The verification method could not be resolved to an Ed25519 key. */
        KEY_NOT_FOUND,
        /** The document names a JSON-LD context that is not bundled. */
        UNKNOWN_CONTEXT,
        /** A term or type does not expand to an IRI (safe mode), so the signature would not cover it. */
        UNDEFINED_TERM,
        /** JSON-LD processing or RDFC-1.0 canonicalization failed otherwise. */
        CANONICALIZATION_FAILED,
        /** The signature does not match the canonical document and proof configuration. */
        INVALID_SIGNATURE
    }

    private static final ProofResult OK = new ProofResult(Code.OK, "The proof is valid");

    public ProofResult {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static ProofResult ok() {
        return OK;
    }

    public static ProofResult failure(Code code, String message) {
        if (code == Code.OK) {
            throw new IllegalArgumentException("A failure needs a failure code");
        }
        return new ProofResult(code, message);
    }

    public boolean isValid() {
        return code == Code.OK;
    }
}
