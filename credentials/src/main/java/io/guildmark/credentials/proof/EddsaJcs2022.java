package io.guildmark.credentials.proof;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import org.erdtman.jcs.JsonCanonicalizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The {@code eddsa-jcs-2022} cryptosuite's transformation and hashing (Data Integrity EdDSA Cryptosuites v1.0 §3.3):
 * Ed25519 over the JSON Canonicalization Scheme (RFC 8785) form of the document and of its proof configuration, no
 * JSON-LD processing. {@link EddsaRdfc2022#verify} checks proofs of this suite with it, so that a credential secured
 * either way (or a proof set mixing both) verifies. {@link #sign} is offered for the VC-API issuer's
 * {@code options.cryptosuite}; the platform's own badges stay {@code eddsa-rdfc-2022}. Stateless.
 */
public final class EddsaJcs2022 {

    private static final JsonProvider JSON = JsonProvider.provider();

    public static final String CRYPTOSUITE = "eddsa-jcs-2022";

    private EddsaJcs2022() {
    }

    /**
     * Adds an {@code eddsa-jcs-2022} proof (EdDSA §3.3.1 "Create Proof (eddsa-jcs-2022)"): the proof carries the
     * document's {@code @context}, as the algorithm says. Any proof already on the document stays and is not signed
     * over (a proof set); {@code proof} becomes an array.
     *
     * @throws ProofException when the document has no JCS form (a number beyond IEEE 754 double range)
     */
    public static JsonObject sign(JsonObject unsecured, ProofOptions options, Ed25519KeyPair key) {
        JsonValue existing = unsecured.get("proof");
        JsonObject document = existing == null ? unsecured : JSON.createObjectBuilder(unsecured).remove("proof").build();
        JsonObjectBuilder proof = JSON.createObjectBuilder(EddsaRdfc2022.proofOf(options)).add("cryptosuite", CRYPTOSUITE);
        if (document.containsKey("@context")) {
            proof.add("@context", document.get("@context"));
        }
        JsonObject unsigned = proof.build();
        return EddsaRdfc2022.withProof(document, existing, unsigned, key.sign(hashData(document, unsigned)));
    }

    /** The transformed document (EdDSA §3.3.3 "Transformation (eddsa-jcs-2022)"): its JCS form. */
    public static String canonicalDocument(JsonObject unsecured) {
        return jcs(unsecured);
    }

    /**
     * The canonical proof configuration (EdDSA §3.3.5): the proof options without {@code proofValue}, with the
     * document's {@code @context}, in JCS form.
     */
    public static String canonicalProofConfig(JsonObject unsecured, JsonObject proofOptions) {
        return jcs(EddsaRdfc2022.proofConfig(unsecured, proofOptions));
    }

    /**
     * The data to sign (EdDSA §3.3.4 "Hashing"): SHA-256 of the canonical proof configuration followed by SHA-256 of
     * the canonical document. As in §3.3.2 "Verify Proof", a proof with its own {@code @context} (which the caller
     * has checked starts the document's) stands for the document's.
     */
    static byte[] hashData(JsonObject unsecured, JsonObject proofOptions) {
        JsonObject document = proofOptions.containsKey("@context")
                ? JSON.createObjectBuilder(unsecured).add("@context", proofOptions.get("@context")).build()
                : unsecured;
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] data = new byte[64];
        System.arraycopy(sha256.digest(canonicalProofConfig(document, proofOptions).getBytes(StandardCharsets.UTF_8)),
                0, data, 0, 32);
        System.arraycopy(sha256.digest(canonicalDocument(document).getBytes(StandardCharsets.UTF_8)), 0, data, 32, 32);
        return data;
    }

    private static String jcs(JsonObject object) {
        try {
            // JSON-P writes numbers as parsed; RFC 8785 §3.2.2.3 wants ECMAScript's shortest form, which the
            // canonicalizer computes (Java 17's Double.toString is not always the shortest).
            return new JsonCanonicalizer(object.toString()).getEncodedString();
        } catch (IOException | RuntimeException e) {
            throw new ProofException(ProofResult.Code.CANONICALIZATION_FAILED,
                    "The document has no JCS (RFC 8785) form: " + e.getMessage(), e);
        }
    }
}
