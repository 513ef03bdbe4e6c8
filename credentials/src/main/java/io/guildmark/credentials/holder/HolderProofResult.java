package io.guildmark.credentials.holder;

import java.util.Objects;

/**
 * The outcome of checking a proof of control: valid (with the DID proven and the key that signed), or a coded failure
 * with a message for people. A failed check is a value, not an exception.
 *
 * @param did                the DID the proof is about, once it could be read, else {@code null}
 * @param verificationMethod the key that signed, once it could be read, else {@code null}
 * @param format             {@code jwt}, {@code vp-jwt} or {@code vp-data-integrity}, once known, else {@code null}
 */
public record HolderProofResult(Code code, String message, String did, String verificationMethod, String format) {

    /** Why a proof was refused (or {@link #OK}); stable names. */
    public enum Code {
        OK,
        /** Not a compact JWS or a JSON presentation, or a required member missing or of the wrong type. */
        MALFORMED,
        /** Longer than {@link HolderProofVerifier#MAX_PROOF_LENGTH}. */
        TOO_LARGE,
        /** A JWS algorithm other than EdDSA or ES256, or a Data Integrity cryptosuite other than eddsa-rdfc-2022. */
        UNSUPPORTED_ALGORITHM,
        /** The proof names two different DIDs (e.g. {@code iss} and the presentation's {@code holder}). */
        DID_MISMATCH,
        /** The DID document could not be resolved (unsupported method, refused or failed fetch, invalid document). */
        DID_NOT_RESOLVED,
        /** The signing key is not a verification method of the DID's document. */
        KEY_NOT_IN_DOCUMENT,
        /** The key belongs to another DID, or is listed neither under authentication nor assertionMethod. */
        KEY_NOT_AUTHORIZED,
        /** The key is marked revoked or expired in the DID document. */
        KEY_REVOKED,
        /** The signature does not match the key named. */
        INVALID_SIGNATURE,
        /** The proof answers another challenge (nonce). */
        WRONG_CHALLENGE,
        /** The proof is meant for another verifier ({@code aud} or {@code domain}). */
        WRONG_AUDIENCE,
        /** The proof's own lifetime ({@code exp}, or the Data Integrity proof's {@code expires}) is over. */
        EXPIRED,
        /** The proof says it was made in the future ({@code iat} or {@code nbf} beyond the allowed clock skew). */
        NOT_YET_VALID
    }

    public HolderProofResult {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    static HolderProofResult ok(String did, String verificationMethod, String format) {
        return new HolderProofResult(Code.OK, "The proof shows control of " + did, did, verificationMethod, format);
    }

    static HolderProofResult failure(Code code, String message) {
        return new HolderProofResult(code, message, null, null, null);
    }

    public boolean isValid() {
        return code == Code.OK;
    }
}
