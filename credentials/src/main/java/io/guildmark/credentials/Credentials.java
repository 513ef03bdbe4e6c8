package io.guildmark.credentials;

import io.guildmark.credentials.ob3.AchievementCredential;
import io.guildmark.credentials.proof.CredentialSigner;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import io.guildmark.credentials.proof.EddsaRdfc2022;
import io.guildmark.credentials.proof.ProofOptions;
import io.guildmark.credentials.proof.ProofResult;
import io.guildmark.credentials.proof.PublicKeyResolver;
import jakarta.json.JsonObject;

/**
 * The front door for the common cases: sign an Open Badges 3.0 credential with {@code eddsa-rdfc-2022} and check
 * its proof. Everything goes through one shared, thread-safe {@link EddsaRdfc2022#cached()} suite, which gives the
 * same bytes as full JSON-LD processing, faster for credentials of a shape seen before.
 *
 * <pre>{@code
 * Ed25519KeyPair key = Ed25519KeyPair.generate();
 * String vm = "did:web:badges.example.org:issuers:guild#key-1";
 * JsonObject signed = Credentials.sign(credential, ProofOptions.assertion(vm, Instant.now()), key);
 * ProofResult result = Credentials.verifyProof(signed, PublicKeyResolver.fixed(vm, key.publicKey()));
 * }</pre>
 */
public final class Credentials {

    private static final EddsaRdfc2022 SUITE = EddsaRdfc2022.cached();

    private Credentials() {
    }

    /** {@code credential} serialized and signed; {@code proof} is an array. */
    public static JsonObject sign(AchievementCredential credential, ProofOptions options, Ed25519KeyPair key) {
        return SUITE.sign(credential.toJson(), options, key);
    }

    /** {@code document} signed; {@code proof} is an array. */
    public static JsonObject sign(JsonObject document, ProofOptions options, Ed25519KeyPair key) {
        return SUITE.sign(document, options, key);
    }

    /** A signer for bulk issuing with one key (see {@link CredentialSigner}). */
    public static CredentialSigner signer(Ed25519KeyPair key, String verificationMethod) {
        return new CredentialSigner(key, verificationMethod);
    }

    /**
     * Checks the Data Integrity proofs of {@code secured} as {@code assertionMethod} proofs. This is the signature
     * check only; expiry, status and issuer checks are the verifier's ({@code io.guildmark.credentials.verify}).
     */
    public static ProofResult verifyProof(JsonObject secured, PublicKeyResolver resolver) {
        return SUITE.verify(secured, resolver);
    }

    /** Reads an Open Badges 3.0 credential (see {@link AchievementCredential#fromJson(JsonObject)}). */
    public static AchievementCredential read(JsonObject json) {
        return AchievementCredential.fromJson(json);
    }
}
