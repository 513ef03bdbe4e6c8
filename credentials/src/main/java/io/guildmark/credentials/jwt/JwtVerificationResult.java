package io.guildmark.credentials.jwt;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link VcJwt#verify}: the credential (when the token could be decoded) and every failure found.
 *
 * @param credential the credential carried by the token, or {@code null} if the token could not be decoded
 * @param algorithm  the {@code alg} header, or {@code null}
 * @param keyId      the {@code kid} header, or {@code null}
 * @param failures   empty when the token verifies
 */
public record JwtVerificationResult(JsonObject credential, String algorithm, String keyId, List<Failure> failures) {

    /** Stable failure codes. */
    public enum Code {
        /** Not a compact JWS, or its header or payload is not a JSON object. */
        MALFORMED,
        /** {@code alg} is {@code none}, an HMAC, or anything other than RS256, ES256 and EdDSA. */
        UNSUPPORTED_ALGORITHM,
        /** The header names critical extensions ({@code crit}) this verifier doesn't process, or has a private jwk. */
        UNSUPPORTED_HEADER,
        /** The header has neither {@code kid} nor {@code jwk}. */
        MISSING_KEY_REFERENCE,
        /** The issuer's keys could not be resolved (DID not resolvable). */
        KEY_NOT_RESOLVED,
        /** The key is not among the issuer's keys. */
        KEY_NOT_FOUND,
        /** The key has been retired by the issuer. */
        KEY_RETIRED,
        /** The key was revoked or has expired. */
        KEY_REVOKED,
        /** The key does not belong to the credential's issuer, or does not fit the algorithm. */
        KEY_NOT_TRUSTED,
        /** The signature does not verify. */
        INVALID_SIGNATURE,
        /** A required claim ({@code iss}, {@code sub}, {@code nbf}, {@code jti}, {@code exp}) is missing. */
        MISSING_CLAIM,
        /** A claim disagrees with the credential. */
        CLAIM_MISMATCH,
        /** {@code nbf}/validFrom is in the future. */
        NOT_YET_VALID,
        /** {@code exp}/validUntil has passed. */
        EXPIRED
    }

    /** One failure. */
    public record Failure(Code code, String message) {
    }

    public JwtVerificationResult {
        failures = List.copyOf(failures);
    }

    public boolean isValid() {
        return failures.isEmpty() && credential != null;
    }

    public Optional<JsonObject> credentialIfDecoded() {
        return Optional.ofNullable(credential);
    }

    public boolean has(Code code) {
        return failures.stream().anyMatch(f -> f.code() == code);
    }

    /** Failures other than the two time checks: whether the token itself (signature, key, claims) holds. */
    public List<Failure> signatureFailures() {
        return failures.stream().filter(f -> f.code() != Code.NOT_YET_VALID && f.code() != Code.EXPIRED).toList();
    }
}
