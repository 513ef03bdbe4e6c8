package io.guildmark.credentials.proof;

import static io.guildmark.credentials.proof.EddsaRdfc2022ConformanceTest.json;
import static io.guildmark.credentials.proof.EddsaRdfc2022ConformanceTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.apicatalog.jsonld.loader.DocumentLoader;
import io.guildmark.credentials.jsonld.BundledContexts;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The W3C vc-di-eddsa appendix "Representation: eddsa-jcs-2022" and its proof set and chain examples, verified by
 * {@link EddsaRdfc2022#verify} (which checks proofs of either EdDSA cryptosuite).
 */
class EddsaJcs2022ConformanceTest {

    static final String JCS = "/vectors/w3c-eddsa-jcs-2022/";
    static final String CHAINS = "/vectors/w3c-proof-set-chain/";

    final JsonObject signed = json(JCS + "signedJCS.json");
    final JsonObject unsecured = Json.createObjectBuilder(signed).remove("proof").build();
    final Ed25519KeyPair vectorKey = Ed25519KeyPair.fromPrivateKey(Multikey.decodePrivateKey(
            json("/vectors/w3c-eddsa-rdfc-2022/keyPair.json").getString("privateKeyMultibase")));
    final PublicKeyResolver resolver = PublicKeyResolver.fixed(
            signed.getJsonObject("proof").getString("verificationMethod"), vectorKey.publicKey());

    @Test
    void canonicalDocumentIsTheVectorsJcsForm() {
        assertThat(EddsaJcs2022.canonicalDocument(unsecured)).isEqualTo(text(JCS + "canonDocJCS.txt"));
    }

    @Test
    void canonicalProofConfigurationIsTheVectors() {
        assertThat(EddsaJcs2022.canonicalProofConfig(unsecured, json(JCS + "proofConfigJCS.json")))
                .isEqualTo(text(JCS + "proofCanonJCS.txt"));
    }

    @Test
    void hashesAndSignatureAreReproducedByteForByte() throws Exception {
        byte[] hashData = EddsaJcs2022.hashData(unsecured, json(JCS + "proofConfigJCS.json"));
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");

        assertThat(HexFormat.of().formatHex(sha256.digest(text(JCS + "canonDocJCS.txt")
                .getBytes(StandardCharsets.UTF_8)))).isEqualTo(text(JCS + "combinedHashJCS.txt").substring(64));
        assertThat(HexFormat.of().formatHex(hashData)).isEqualTo(text(JCS + "combinedHashJCS.txt"));
        assertThat(vectorKey.sign(hashData)).isEqualTo(Multibase.decode(text(JCS + "sigBTC58JCS.txt")));
    }

    @Test
    void signingTheVectorsDocumentReproducesItsProofExactly() {
        JsonObject config = json(JCS + "proofConfigJCS.json");
        JsonObject resigned = EddsaJcs2022.sign(unsecured, ProofOptions.assertion(config.getString("verificationMethod"),
                java.time.Instant.parse(config.getString("created"))), vectorKey);

        assertThat(resigned.getJsonArray("proof")).containsExactly(signed.getJsonObject("proof"));
    }

    @Test
    void signedVectorVerifies() {
        assertThat(EddsaRdfc2022.create().verify(signed, resolver)).isEqualTo(ProofResult.ok());
        assertThat(EddsaRdfc2022.cached().verify(signed, resolver)).isEqualTo(ProofResult.ok());
    }

    @Test
    void anyChangeToTheDocumentOrItsProofFailsTheSignature() {
        JsonObject renamed = Json.createObjectBuilder(signed).add("name", "Forged").build();
        JsonObject redated = Json.createObjectBuilder(signed).add("proof", Json.createObjectBuilder(
                signed.getJsonObject("proof")).add("created", "2023-02-25T23:36:38Z")).build();
        // JCS keeps what RDF would drop: a member no context defines is still signed
        JsonObject extra = Json.createObjectBuilder(signed).add("undefinedTerm", "added").build();

        for (JsonObject tampered : new JsonObject[] {renamed, redated, extra}) {
            assertThat(EddsaRdfc2022.create().verify(tampered, resolver).code())
                    .isEqualTo(ProofResult.Code.INVALID_SIGNATURE);
        }
    }

    @Test
    void proofContextThatDoesNotStartTheDocumentsIsAMismatch() {
        JsonObject otherContext = Json.createObjectBuilder(signed).add("proof", Json.createObjectBuilder(
                signed.getJsonObject("proof")).add("@context", Json.createArrayBuilder().add("https://example.org/x")))
                .build();

        assertThat(EddsaRdfc2022.create().verify(otherContext, resolver).code())
                .isEqualTo(ProofResult.Code.CONTEXT_MISMATCH);
    }

    @Test
    void numbersAreCanonicalizedAsEcmaScriptWritesThem() {
        JsonObject numbers = Json.createReader(new java.io.StringReader(
                "{\"b\":1.0E+2,\"a\":[0.000001,1e21,-0.0,333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001]}"))
                .readObject();

        assertThat(EddsaJcs2022.canonicalDocument(numbers))
                .isEqualTo("{\"a\":[0.000001,1e+21,0,333333333.3333333,1e+30,4.5,0.002,1e-27],\"b\":100}");
    }

    @Test
    void w3cProofSetVerifies() {
        JsonObject set = json(CHAINS + "signedProofSet2.json");

        assertThat(suite().verify(set, didKeys())).isEqualTo(ProofResult.ok());
    }

    @Test
    void w3cProofChainWithPreviousProofAsArrayAndAsStringVerifies() {
        JsonObject chain = json(CHAINS + "signedProofChain2.json");

        assertThat(chain.getJsonArray("proof").getJsonObject(2).get("previousProof")).isInstanceOf(jakarta.json.JsonArray.class);
        assertThat(chain.getJsonArray("proof").getJsonObject(3).get("previousProof")).isInstanceOf(jakarta.json.JsonString.class);
        assertThat(suite().verify(chain, didKeys())).isEqualTo(ProofResult.ok());
        assertThat(EddsaRdfc2022.cached(new io.guildmark.credentials.jsonld.TemplateToRdf(loader(), 16))
                .verify(chain, didKeys())).isEqualTo(ProofResult.ok());
    }

    @Test
    void w3cProofChainFailsWhenAProofItNamesIsAltered() {
        JsonObject chain = json(CHAINS + "signedProofChain2.json");
        JsonObject secondProof = chain.getJsonArray("proof").getJsonObject(1);
        // the second proof's own signature still verifies over the document; the third proof signed over it
        JsonObject altered = Json.createObjectBuilder(chain).add("proof", Json.createArrayBuilder(chain.getJsonArray("proof"))
                .set(1, Json.createObjectBuilder(secondProof).add("proofPurpose", "assertionMethod")
                        .add("id", "urn:uuid:8cc9022b-6b14-4cf3-8571-74972c5feb55"))).build();

        assertThat(suite().verify(altered, didKeys()).isValid()).isFalse();
    }

    private static DocumentLoader loader() {
        return BundledContexts.loaderWith(Map.of("https://www.w3.org/ns/credentials/examples/v2",
                json("/vectors/w3c-eddsa-rdfc-2022/credentials-examples-v2.jsonld")));
    }

    private static EddsaRdfc2022 suite() {
        return EddsaRdfc2022.create(loader());
    }

    /** The vectors' keys are did:key verification methods: the key is in the identifier. */
    private static PublicKeyResolver didKeys() {
        return vm -> Multikey.decodePublicKey(vm.substring(vm.indexOf('#') + 1));
    }
}
