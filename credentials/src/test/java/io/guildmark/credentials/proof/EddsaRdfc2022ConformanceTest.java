package io.guildmark.credentials.proof;

import com.apicatalog.jsonld.loader.DocumentLoader;
import io.guildmark.credentials.jsonld.BundledContexts;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Published {@code eddsa-rdfc-2022} vectors: the Open Badges 3.0 implementation guide's signed credential and the
 * W3C vc-di-eddsa appendix "Representation: eddsa-rdfc-2022".
 */
class EddsaRdfc2022ConformanceTest {

    static final String W3C = "/vectors/w3c-eddsa-rdfc-2022/";

    record Vector(String id, JsonObject signed, String canonicalDocument, String canonicalProof,
            String publicKeyMultibase, DocumentLoader loader) {

        @Override
        public String toString() {
            return id;
        }

        JsonObject unsecured() {
            return Json.createObjectBuilder(signed).remove("proof").build();
        }

        JsonObject proof() {
            return signed.getJsonObject("proof");
        }
    }

    static Stream<Vector> vectors() {
        DocumentLoader withExamples = BundledContexts.loaderWith(Map.of(
                "https://www.w3.org/ns/credentials/examples/v2", json(W3C + "credentials-examples-v2.jsonld")));
        return Stream.of(
                new Vector("ob3p0-impl-guide-linked-data-proof-ob",
                        json("/vectors/examples/linked-data-proof-ob.signed.json"),
                        text("/vectors/obv3p0/document-canon.txt"), text("/vectors/obv3p0/proof-canon.txt"),
                        "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi", BundledContexts.loader()),
                new Vector("w3c-vc-di-eddsa-rdfc-2022-alumni", json(W3C + "signedDataInt.json"),
                        text(W3C + "canonDocDataInt.txt"), text(W3C + "proofCanonDataInt.txt"),
                        "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", withExamples));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void canonicalDocumentMatchesTheVector(Vector vector) {
        assertThat(EddsaRdfc2022.create(vector.loader()).canonicalDocument(vector.unsecured()))
                .isEqualTo(vector.canonicalDocument());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void canonicalProofConfigurationMatchesTheVector(Vector vector) {
        assertThat(EddsaRdfc2022.create(vector.loader()).canonicalProofConfig(vector.unsecured(), vector.proof()))
                .isEqualTo(vector.canonicalProof());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signatureVerifiesWithTheVectorKey(Vector vector) {
        String vm = vector.proof().getString("verificationMethod");
        PublicKeyResolver resolver = PublicKeyResolver.fixed(vm, Multikey.decodePublicKey(vector.publicKeyMultibase()));

        assertThat(EddsaRdfc2022.create(vector.loader()).verify(vector.signed(), resolver))
                .isEqualTo(ProofResult.ok());
        assertThat(EddsaRdfc2022.cached(new io.guildmark.credentials.jsonld.TemplateToRdf(vector.loader(), 16))
                .verify(vector.signed(), resolver)).isEqualTo(ProofResult.ok());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void tamperedVectorFailsVerification(Vector vector) {
        JsonObject tampered = Json.createObjectBuilder(vector.signed()).add("name", "Forged").build();
        String vm = vector.proof().getString("verificationMethod");
        PublicKeyResolver resolver = PublicKeyResolver.fixed(vm, Multikey.decodePublicKey(vector.publicKeyMultibase()));

        assertThat(EddsaRdfc2022.create(vector.loader()).verify(tampered, resolver).code())
                .isEqualTo(ProofResult.Code.INVALID_SIGNATURE);
    }

    @org.junit.jupiter.api.Test
    void w3cKeyPairDecodesToMatchingKeys() {
        JsonObject keys = json(W3C + "keyPair.json");
        Ed25519KeyPair pair = Ed25519KeyPair.fromPrivateKey(
                Multikey.decodePrivateKey(keys.getString("privateKeyMultibase")));

        assertThat(pair.publicKeyMultibase()).isEqualTo(keys.getString("publicKeyMultibase"));
        assertThat(Multikey.encodePrivateKey(pair.privateKey())).isEqualTo(keys.getString("privateKeyMultibase"));
    }

    @org.junit.jupiter.api.Test
    void w3cVectorHashesAndProofValueAreReproducedByteForByte() throws Exception {
        Vector vector = vectors().filter(v -> v.id().startsWith("w3c")).findFirst().orElseThrow();
        JsonObject keys = json(W3C + "keyPair.json");
        Ed25519KeyPair pair = Ed25519KeyPair.fromPrivateKey(
                Multikey.decodePrivateKey(keys.getString("privateKeyMultibase")));
        EddsaRdfc2022 suite = EddsaRdfc2022.create(vector.loader());
        JsonObject proofConfig = json(W3C + "proofConfigDataInt.json");

        byte[] hashData = suite.hashData(vector.unsecured(), proofConfig);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");

        assertThat(HexFormat.of().formatHex(sha256.digest(vector.canonicalProof().getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(text(W3C + "combinedHashDataInt.txt").substring(0, 64));
        assertThat(HexFormat.of().formatHex(sha256.digest(vector.canonicalDocument().getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(text(W3C + "docHashDataInt.txt"));
        assertThat(HexFormat.of().formatHex(hashData)).isEqualTo(text(W3C + "combinedHashDataInt.txt"));
        assertThat(pair.sign(hashData)).isEqualTo(Multibase.decode(text(W3C + "sigBTC58DataInt.txt")));

        JsonObject signed = suite.sign(vector.unsecured(), ProofOptions.assertion(
                proofConfig.getString("verificationMethod"), Instant.parse(proofConfig.getString("created"))), pair);

        assertThat(signed.getJsonArray("proof")).hasSize(1);
        assertThat(signed.getJsonArray("proof").getJsonObject(0).getString("proofValue"))
                .isEqualTo(text(W3C + "sigBTC58DataInt.txt"));
    }

    static JsonObject json(String path) {
        try (InputStream in = EddsaRdfc2022ConformanceTest.class.getResourceAsStream(path)) {
            return Json.createReader(in).readObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String path) {
        try (InputStream in = EddsaRdfc2022ConformanceTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
