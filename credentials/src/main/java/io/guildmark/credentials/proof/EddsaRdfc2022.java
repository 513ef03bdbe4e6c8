package io.guildmark.credentials.proof;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.loader.DocumentLoader;
import io.guildmark.credentials.jsonld.BundledContexts;
import io.guildmark.credentials.jsonld.JsonLdToRdf;
import io.guildmark.credentials.jsonld.RdfCanonicalizer;
import io.guildmark.credentials.jsonld.RdfQuad;
import io.guildmark.credentials.jsonld.TemplateToRdf;
import io.guildmark.credentials.jsonld.UnknownContextException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code eddsa-rdfc-2022} cryptosuite (Data Integrity EdDSA Cryptosuites v1.0 §3.3): Ed25519 signatures over
 * the RDFC-1.0 canonical form of a JSON-LD document and of its proof configuration. It signs with this suite only;
 * it verifies {@code eddsa-jcs-2022} proofs too ({@link EddsaJcs2022}), so that a credential secured either way, or a
 * proof set mixing both, verifies with one call.
 *
 * <p>{@link #create()} runs JSON-LD processing for every document; {@link #cached()} gives byte-identical results
 * faster by reusing the JSON-LD processing of earlier documents of the same shape ({@link TemplateToRdf}).
 * Instances are immutable and thread-safe.
 */
public final class EddsaRdfc2022 {

    /** Looked up once: {@code Json.create…} searches for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final String CRYPTOSUITE = "eddsa-rdfc-2022";

    public static final String PROOF_TYPE = "DataIntegrityProof";

    /** XML Schema 1.1 dateTime lexical form (Part 2 §3.3.7). */
    private static final java.util.regex.Pattern DATE_TIME = java.util.regex.Pattern.compile(
            "-?([1-9][0-9]{3,}|0[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]"
                    + ":[0-5][0-9](\\.[0-9]+)?|(24:00:00(\\.0+)?))(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?");

    @FunctionalInterface
    interface RdfSource {
        List<RdfQuad> toRdf(JsonObject document) throws JsonLdError;
    }

    private final RdfSource rdf;

    /** Proofs already found valid, or null when every proof is checked in full. */
    private final ValidProofs validProofs;

    private EddsaRdfc2022(RdfSource rdf) {
        this(rdf, null);
    }

    private EddsaRdfc2022(RdfSource rdf, ValidProofs validProofs) {
        this.rdf = rdf;
        this.validProofs = validProofs;
    }

    /**
     * The same suite, remembering proofs it found valid (at most {@code maxEntries}, each for at most {@code ttl}): a
     * document verified again with the same proof and the same public key is not canonicalized again. The key is
     * still resolved every time, so a key that was retired since fails at once; an altered document or proof is a
     * different entry and is checked in full.
     */
    public EddsaRdfc2022 rememberingValidProofs(int maxEntries, java.time.Duration ttl) {
        return new EddsaRdfc2022(rdf, new ValidProofs(maxEntries, ttl));
    }

    /** JSON-LD processing of every document, contexts from {@link BundledContexts}. */
    public static EddsaRdfc2022 create() {
        return create(BundledContexts.loader());
    }

    /** JSON-LD processing of every document, contexts from {@code loader}. */
    public static EddsaRdfc2022 create(DocumentLoader loader) {
        return new EddsaRdfc2022(document -> JsonLdToRdf.toRdf(document, loader));
    }

    /** Same results as {@link #create()}; documents of a shape seen before skip JSON-LD processing. */
    public static EddsaRdfc2022 cached() {
        return cached(new TemplateToRdf());
    }

    /** Same results as {@link #create(DocumentLoader)}, with the templates of {@code templates}. */
    public static EddsaRdfc2022 cached(TemplateToRdf templates) {
        return new EddsaRdfc2022(templates::toRdf);
    }

    /**
     * Adds a proof (Data Integrity 1.0 "Add Proof", EdDSA §3.3.1 "Create Proof"). Any proof already on the document stays,
     * and is not signed over (a proof set); {@code proof} becomes an array, as the OB 3.0 schema requires.
     *
     * @throws ProofException when the document cannot be canonicalized (unknown context, undefined term, …)
     */
    public JsonObject sign(JsonObject unsecured, ProofOptions options, Ed25519KeyPair key) {
        JsonValue existing = unsecured.get("proof");
        JsonObject document = existing == null ? unsecured : JSON.createObjectBuilder(unsecured).remove("proof").build();
        JsonObject proof = proofOf(options);
        byte[] signature = key.sign(hashData(document, proof));
        return withProof(document, existing, proof, signature);
    }

    /**
     * The document (without proofs) with the proofs it had ({@code existing}: none, one or an array) followed by the
     * new one, signed: {@code proof} becomes an array, as the OB 3.0 schema requires. For both EdDSA suites.
     */
    static JsonObject withProof(JsonObject document, JsonValue existing, JsonObject unsignedProof, byte[] signature) {
        JsonArrayBuilder proofs = JSON.createArrayBuilder();
        if (existing instanceof JsonArray array) {
            array.forEach(proofs::add);
        } else if (existing != null) {
            proofs.add(existing);
        }
        proofs.add(JSON.createObjectBuilder(unsignedProof).add("proofValue", Multibase.encodeBase58Btc(signature)));
        return JSON.createObjectBuilder(document).add("proof", proofs).build();
    }

    /**
     * Adds a proof with an id (Data Integrity 1.0 §4.2 "Add Proof Set/Chain"). When {@code previousProofIds} is not
     * empty, the new proof names those proofs already on {@code secured} ({@code previousProof}, a string for one, an
     * array for several) and signs the document together with them, attesting that it came after them; when empty, it
     * signs the document alone, and a later proof can name it by {@code proofId}.
     *
     * @throws ProofException when a previous proof is not on the document, or the document cannot be canonicalized
     */
    public JsonObject signAfter(JsonObject secured, ProofOptions options, String proofId, List<String> previousProofIds,
            Ed25519KeyPair key) {
        if (proofId == null || proofId.isBlank()) {
            throw new IllegalArgumentException("A proof that others can name needs an id");
        }
        List<JsonObject> all = proofsOf(secured.get("proof"));
        JsonObject document = JSON.createObjectBuilder(secured).remove("proof").build();
        JsonObjectBuilder proof = JSON.createObjectBuilder(proofOf(options)).add("id", proofId);
        JsonObject input = document;
        if (!previousProofIds.isEmpty()) {
            JsonValue previous = previousProofIds.size() == 1 ? JSON.createValue(previousProofIds.get(0))
                    : JSON.createArrayBuilder(previousProofIds).build();
            JsonArray matching = matchingProofs(all, previous);
            if (matching == null) {
                throw new ProofException(ProofResult.Code.MALFORMED_PROOF,
                        "A previous proof " + previous + " is not on the document", null);
            }
            proof.add("previousProof", previous);
            input = JSON.createObjectBuilder(document).add("proof", matching).build();
        }
        JsonObject unsigned = proof.build();
        return withProof(document, JSON.createArrayBuilder(all).build(), unsigned, key.sign(hashData(input, unsigned)));
    }

    /**
     * The most proofs one document may carry to be verified: each costs a key resolution and a canonicalization (a
     * chained proof over the proofs it names, too), so a document with hundreds would cost hundreds of verifications.
     * Real documents carry one, or a few in a set or chain.
     */
    public static final int MAX_PROOFS = 8;

    /** Why a document with {@code count} proofs is not verified. */
    public static String tooManyProofs(int count) {
        return "The document carries " + count + " proofs; at most " + MAX_PROOFS + " are verified.";
    }

    /** Verifies every proof of {@code secured}, each as an {@code assertionMethod} proof. */
    public ProofResult verify(JsonObject secured, PublicKeyResolver resolver) {
        return verify(secured, resolver, ProofOptions.ASSERTION_METHOD);
    }

    /**
     * Verifies every proof of {@code secured} (Data Integrity 1.0 "Verify Proof", EdDSA §3.3.2): the first failure, or ok.
     * {@code proof} may be an object or an array: a proof set (each proof over the document without proofs) or chain
     * (a proof with {@code previousProof} is over the document with the proofs it names, which must be there).
     */
    public ProofResult verify(JsonObject secured, PublicKeyResolver resolver, String expectedProofPurpose) {
        JsonValue proofValue = secured.get("proof");
        List<JsonValue> proofs = new ArrayList<>();
        if (proofValue instanceof JsonObject single) {
            proofs.add(single);
        } else if (proofValue instanceof JsonArray array) {
            proofs.addAll(array);
        }
        if (proofs.isEmpty()) {
            return ProofResult.failure(ProofResult.Code.MALFORMED_PROOF, "The document has no proof");
        }
        if (proofs.size() > MAX_PROOFS) {
            return ProofResult.failure(ProofResult.Code.MALFORMED_PROOF, tooManyProofs(proofs.size()));
        }
        if (proofs.stream().anyMatch(p -> !(p instanceof JsonObject))) {
            return ProofResult.failure(ProofResult.Code.MALFORMED_PROOF, "A proof must be a JSON object");
        }
        List<JsonObject> allProofs = proofsOf(proofValue);
        JsonObject document = JSON.createObjectBuilder(secured).remove("proof").build();
        // Data Integrity 1.0 §4.4 "Verify Proof Sets and Chains": every proof must verify, each over the document
        // with the proofs its previousProof names; a proof without previousProof is over the document alone.
        for (JsonObject proof : allProofs) {
            JsonObject input = document;
            JsonValue previous = proof.get("previousProof");
            if (previous != null) {
                JsonArray matching = matchingProofs(allProofs, previous);
                if (matching == null) {
                    return ProofResult.failure(ProofResult.Code.MALFORMED_PROOF, "The proof's previousProof "
                            + previous + " does not name proofs on the document (each by its id)");
                }
                input = JSON.createObjectBuilder(document).add("proof", matching).build();
            }
            ProofResult result = verifyOne(input, proof, resolver, expectedProofPurpose);
            if (!result.isValid()) {
                return result;
            }
        }
        return ProofResult.ok();
    }

    private static List<JsonObject> proofsOf(JsonValue proofValue) {
        if (proofValue instanceof JsonObject single) {
            return List.of(single);
        }
        List<JsonObject> proofs = new ArrayList<>();
        if (proofValue instanceof JsonArray array) {
            array.forEach(p -> {
                if (p instanceof JsonObject object) {
                    proofs.add(object);
                }
            });
        }
        return proofs;
    }

    /**
     * The proofs {@code previousProof} names (a string or an array of strings, each the {@code id} of another proof),
     * in its order; null when it is of another type, empty, or names a proof that is not there (§4.4 step 4.2.1).
     */
    private static JsonArray matchingProofs(List<JsonObject> allProofs, JsonValue previousProof) {
        List<JsonValue> ids = previousProof instanceof JsonArray array ? array : List.of(previousProof);
        if (ids.isEmpty()) {
            return null;
        }
        JsonArrayBuilder matching = JSON.createArrayBuilder();
        for (JsonValue id : ids) {
            if (!(id instanceof JsonString wanted)) {
                return null;
            }
            JsonObject found = allProofs.stream().filter(p -> wanted.equals(p.get("id"))).findFirst().orElse(null);
            if (found == null) {
                return null;
            }
            matching.add(found);
        }
        return matching.build();
    }

    private ProofResult verifyOne(JsonObject document, JsonObject proof, PublicKeyResolver resolver,
            String expectedProofPurpose) {
        String cryptosuite = string(proof, "cryptosuite");
        boolean jcs = EddsaJcs2022.CRYPTOSUITE.equals(cryptosuite);
        if (!PROOF_TYPE.equals(string(proof, "type")) || !(jcs || CRYPTOSUITE.equals(cryptosuite))) {
            return ProofResult.failure(ProofResult.Code.UNSUPPORTED_CRYPTOSUITE, "Proof type " + proof.get("type")
                    + " with cryptosuite " + proof.get("cryptosuite") + " is not " + PROOF_TYPE + " with "
                    + CRYPTOSUITE + " or " + EddsaJcs2022.CRYPTOSUITE);
        }
        String verificationMethod = string(proof, "verificationMethod");
        String encoded = string(proof, "proofValue");
        String purpose = string(proof, "proofPurpose");
        if (verificationMethod == null || encoded == null || purpose == null) {
            return ProofResult.failure(ProofResult.Code.MALFORMED_PROOF,
                    "A proof needs string members verificationMethod, proofPurpose and proofValue");
        }
        // EdDSA §3.3.5 step 3: created, when present, is an XML Schema dateTime
        if (proof.containsKey("created") && (string(proof, "created") == null
                || !DATE_TIME.matcher(string(proof, "created")).matches())) {
            return ProofResult.failure(ProofResult.Code.MALFORMED_PROOF,
                    "The proof's created must be an XML Schema dateTime string");
        }
        if (!purpose.equals(expectedProofPurpose)) {
            return ProofResult.failure(ProofResult.Code.PROOF_PURPOSE_MISMATCH,
                    "Proof purpose " + purpose + " is not the expected " + expectedProofPurpose);
        }
        // EdDSA §3.3.2 step 3: the signature is base58btc multibase
        byte[] signature;
        try {
            if (!encoded.startsWith("z")) {
                throw new IllegalArgumentException("not base58btc");
            }
            signature = Multibase.decode(encoded);
        } catch (IllegalArgumentException e) {
            return ProofResult.failure(ProofResult.Code.MALFORMED_PROOF,
                    "proofValue is not a base58btc multibase value: " + e.getMessage());
        }
        if (signature.length != Ed25519KeyPair.SIGNATURE_SIZE) {
            return ProofResult.failure(ProofResult.Code.MALFORMED_PROOF,
                    "An Ed25519 signature has 64 bytes, not " + signature.length);
        }
        if (proof.containsKey("@context") && !isPrefix(proof.get("@context"), document.get("@context"))) {
            return ProofResult.failure(ProofResult.Code.CONTEXT_MISMATCH,
                    "The proof's @context does not start the document's @context");
        }
        // When valid proofs are remembered, the key is resolved before the (expensive) hashing, but its failure is
        // still reported after a canonicalization failure, as without the memo.
        byte[] publicKey = null;
        KeyResolutionException keyFailure = null;
        java.nio.ByteBuffer memoKey = null;
        if (validProofs != null) {
            try {
                publicKey = resolver.ed25519PublicKey(verificationMethod);
            } catch (KeyResolutionException e) {
                keyFailure = e;
            }
            if (publicKey != null && publicKey.length == Ed25519KeyPair.KEY_SIZE) {
                memoKey = ValidProofs.key(document, proof, publicKey);
                if (validProofs.contains(memoKey)) {
                    return ProofResult.ok();
                }
            }
        }
        byte[] hash;
        try {
            JsonObject proofConfig = JSON.createObjectBuilder(proof).remove("proofValue").build();
            hash = jcs ? EddsaJcs2022.hashData(document, proofConfig) : hashData(document, proofConfig);
        } catch (ProofException e) {
            return ProofResult.failure(e.code(), e.getMessage());
        }
        if (validProofs == null) {
            try {
                publicKey = resolver.ed25519PublicKey(verificationMethod);
            } catch (KeyResolutionException e) {
                keyFailure = e;
            }
        }
        if (keyFailure != null) {
            return ProofResult.failure(ProofResult.Code.KEY_NOT_FOUND,
                    "Verification method " + verificationMethod + ": " + keyFailure.getMessage());
        }
        if (publicKey == null || publicKey.length != Ed25519KeyPair.KEY_SIZE) {
            return ProofResult.failure(ProofResult.Code.KEY_NOT_FOUND,
                    "Verification method " + verificationMethod + " has no 32-byte Ed25519 key");
        }
        if (!Ed25519KeyPair.verify(publicKey, hash, signature)) {
            return ProofResult.failure(ProofResult.Code.INVALID_SIGNATURE,
                    "The signature does not match the document and proof; the credential was altered or signed "
                            + "by another key");
        }
        if (memoKey != null) {
            validProofs.add(memoKey);
        }
        return ProofResult.ok();
    }

    /**
     * The data to sign (EdDSA §3.3.4 "Hashing"): SHA-256 of the canonical proof configuration followed by
     * SHA-256 of the canonical document, 64 bytes.
     */
    byte[] hashData(JsonObject unsecured, JsonObject proofOptions) {
        String canonicalProofConfig = canonicalProofConfig(unsecured, proofOptions);
        String canonicalDocument = canonicalDocument(unsecured);
        MessageDigest sha256 = sha256();
        byte[] data = new byte[64];
        System.arraycopy(sha256.digest(canonicalProofConfig.getBytes(StandardCharsets.UTF_8)), 0, data, 0, 32);
        System.arraycopy(sha256.digest(canonicalDocument.getBytes(StandardCharsets.UTF_8)), 0, data, 32, 32);
        return data;
    }

    /** The transformed document (EdDSA §3.3.3 "Transformation"): RDFC-1.0 canonical N-Quads. */
    public String canonicalDocument(JsonObject unsecured) {
        return canonicalize(unsecured);
    }

    /**
     * The canonical proof configuration (EdDSA §3.3.5): the proof options without {@code proofValue}, with the
     * document's {@code @context}, as RDFC-1.0 canonical N-Quads.
     */
    public String canonicalProofConfig(JsonObject unsecured, JsonObject proofOptions) {
        if (!PROOF_TYPE.equals(string(proofOptions, "type"))
                || !CRYPTOSUITE.equals(string(proofOptions, "cryptosuite"))) {
            throw new ProofException(ProofResult.Code.UNSUPPORTED_CRYPTOSUITE,
                    "Proof configuration is not " + PROOF_TYPE + "/" + CRYPTOSUITE, null);
        }
        return canonicalize(proofConfig(unsecured, proofOptions));
    }

    /** The proof configuration (EdDSA §3.3.5, both suites): the proof without {@code proofValue}, with the document's {@code @context}. */
    static JsonObject proofConfig(JsonObject unsecured, JsonObject proofOptions) {
        JsonObjectBuilder config = JSON.createObjectBuilder(proofOptions).remove("proofValue");
        JsonValue context = unsecured.get("@context");
        if (context != null) {
            config.add("@context", context);
        } else {
            config.remove("@context");
        }
        return config.build();
    }

    private String canonicalize(JsonObject document) {
        try {
            return RdfCanonicalizer.canonicalize(rdf.toRdf(unwrapInlineContexts(document)));
        } catch (RdfCanonicalizer.CanonicalizationFailed e) {
            throw new ProofException(ProofResult.Code.CANONICALIZATION_FAILED, e.getMessage(), e);
        } catch (JsonLdError e) {
            UnknownContextException unknown = JsonLdToRdf.unknownContext(e);
            if (unknown != null) {
                throw new ProofException(ProofResult.Code.UNKNOWN_CONTEXT, unknown.getMessage(), e);
            }
            if (e.getCode() == JsonLdErrorCode.UNDEFINED_TERM) {
                throw new ProofException(ProofResult.Code.UNDEFINED_TERM,
                        "Safe mode: " + e.getMessage(), e);
            }
            throw new ProofException(ProofResult.Code.CANONICALIZATION_FAILED,
                    "JSON-LD processing failed: " + e.getCode() + " " + e.getMessage(), e);
        }
    }

    /**
     * The document with each inline context of the form {@code {"@context": {…}}} (a context document pasted in
     * whole) replaced by its inner context. jsonld.js, with which most Data Integrity signers canonicalize, reads it
     * so, and the W3C suites' proof chain inputs are signed that way; JSON-LD 1.1 processors such as Titanium stop
     * at it ("keyword redefinition"). Only a map whose one member is {@code @context} is unwrapped: it defines no
     * term, so there is nothing else it could mean.
     */
    static JsonObject unwrapInlineContexts(JsonObject document) {
        JsonValue context = document.get("@context");
        if (context instanceof JsonObject wrapped) {
            JsonValue inner = unwrapped(wrapped);
            return inner == wrapped ? document : JSON.createObjectBuilder(document).add("@context", inner).build();
        }
        if (!(context instanceof JsonArray array) || array.stream().noneMatch(c -> c instanceof JsonObject o
                && unwrapped(o) != o)) {
            return document;
        }
        JsonArrayBuilder contexts = JSON.createArrayBuilder();
        array.forEach(c -> contexts.add(c instanceof JsonObject o ? unwrapped(o) : c));
        return JSON.createObjectBuilder(document).add("@context", contexts).build();
    }

    private static JsonValue unwrapped(JsonObject context) {
        return context.size() == 1 && context.get("@context") instanceof JsonObject inner ? inner : context;
    }

    /** The proof object of new options, without proofValue. */
    static JsonObject proofOf(ProofOptions options) {
        JsonObjectBuilder proof = JSON.createObjectBuilder();
        if (options.context() != null) {
            proof.add("@context", options.context());
        }
        proof.add("type", PROOF_TYPE)
                .add("cryptosuite", CRYPTOSUITE)
                .add("created", DateTimeFormatter.ISO_INSTANT.format(options.created()))
                .add("verificationMethod", options.verificationMethod())
                .add("proofPurpose", options.proofPurpose());
        if (options.domain() != null) {
            proof.add("domain", options.domain());
        }
        if (options.challenge() != null) {
            proof.add("challenge", options.challenge());
        }
        return proof.build();
    }

    private static boolean isPrefix(JsonValue proofContext, JsonValue documentContext) {
        List<JsonValue> prefix = proofContext instanceof JsonArray a ? a : List.of(proofContext);
        List<JsonValue> whole = documentContext instanceof JsonArray a ? a
                : documentContext == null ? List.of() : List.of(documentContext);
        return prefix.size() <= whole.size() && whole.subList(0, prefix.size()).equals(prefix);
    }

    private static String string(JsonObject object, String name) {
        return object.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
