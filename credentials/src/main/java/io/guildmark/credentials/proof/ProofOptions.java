package io.guildmark.credentials.proof;

import jakarta.json.JsonValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The options of a new proof (Data Integrity 1.0 "Proofs"): who signs ({@code verificationMethod}), why
 * ({@code proofPurpose}, default {@code assertionMethod}), when ({@code created}, kept to whole seconds), an
 * optional {@code @context} for the proof object, and the optional {@code domain} and {@code challenge}.
 *
 * @param verificationMethod must not be {@code null}
 * @param created must not be {@code null}
 */
public record ProofOptions(String verificationMethod, String proofPurpose, Instant created, JsonValue context,
        String domain, String challenge) {

    public static final String ASSERTION_METHOD = "assertionMethod";

    public ProofOptions {
        Objects.requireNonNull(verificationMethod, "verificationMethod");
        Objects.requireNonNull(created, "created");
        if (verificationMethod.isBlank()) {
            throw new IllegalArgumentException("verificationMethod must not be blank");
        }
        proofPurpose = proofPurpose == null ? ASSERTION_METHOD : proofPurpose;
        created = created.truncatedTo(ChronoUnit.SECONDS);
    }

    /** An {@code assertionMethod} proof created at {@code created}. */
    public static ProofOptions assertion(String verificationMethod, Instant created) {
        return new ProofOptions(verificationMethod, ASSERTION_METHOD, created, null, null, null);
    }

    public ProofOptions withContext(JsonValue proofContext) {
        return new ProofOptions(verificationMethod, proofPurpose, created, proofContext, domain, challenge);
    }

    public ProofOptions withDomainAndChallenge(String newDomain, String newChallenge) {
        return new ProofOptions(verificationMethod, proofPurpose, created, context, newDomain, newChallenge);
    }
}
