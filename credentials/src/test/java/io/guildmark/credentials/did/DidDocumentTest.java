package io.guildmark.credentials.did;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guildmark.credentials.proof.Multikey;
import jakarta.json.Json;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class DidDocumentTest {

    @Test
    void documentSurvivesAJsonRoundTrip() {
        var doc = DidDocument.builder(DidFixtures.ACME)
                .assertionKey(VerificationMethod.ed25519Multikey(DidFixtures.ACME + "#key-1", DidFixtures.ACME,
                        DidFixtures.KEY_2026))
                .assertionKey(VerificationMethod.jsonWebKey(DidFixtures.ACME + "#rsa-1", DidFixtures.ACME,
                        DidFixtures.rsaJwk()))
                .build();

        var parsed = DidDocument.fromJson(doc.toJson());

        assertThat(parsed).isEqualTo(doc);
        assertThat(parsed.isAssertionMethod("#key-1")).isTrue();
        assertThat(parsed.verificationMethod("#rsa-1").orElseThrow().publicKeyJwk()).isEqualTo(DidFixtures.rsaJwk());
    }

    @Test
    void writtenDocumentUsesOnlyBundledContextsPlusAnInlineJwkContext() {
        var doc = DidDocument.builder(DidFixtures.ACME)
                .assertionKey(VerificationMethod.jsonWebKey(DidFixtures.ACME + "#rsa-1", DidFixtures.ACME,
                        DidFixtures.rsaJwk()))
                .build().toJson();

        var context = doc.getJsonArray("@context");
        assertThat(context.getString(0)).isEqualTo("https://www.w3.org/ns/did/v1");
        assertThat(context.getString(1)).isEqualTo("https://w3id.org/security/multikey/v1");
        assertThat(context.getJsonObject(2).getJsonObject("publicKeyJwk").getString("@type")).isEqualTo("@json");
    }

    @Test
    void relativeReferencesAndEmbeddedMethodsAreRead() {
        var json = Json.createReader(new StringReader("""
                {"id":"did:web:example.com",
                 "verificationMethod":[{"id":"#a","type":"Multikey","controller":"did:web:example.com",
                   "publicKeyMultibase":"z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"}],
                 "assertionMethod":["#a",{"id":"did:web:example.com#b","type":"Multikey",
                   "publicKeyMultibase":"z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"}]}
                """)).readObject();

        var doc = DidDocument.fromJson(json);

        assertThat(doc.assertionMethod()).containsExactly("did:web:example.com#a", "did:web:example.com#b");
        assertThat(doc.verificationMethod("did:web:example.com#b")).isPresent();
    }

    @Test
    void publishedJwkWithPrivateKeyIsRefused() {
        var leaked = Json.createObjectBuilder(DidFixtures.rsaJwk()).add("d", "secret").build();

        assertThatThrownBy(() -> VerificationMethod.jsonWebKey(DidFixtures.ACME + "#k", DidFixtures.ACME, leaked))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("private");
    }

    @Test
    void multikeyDecodesToTheImplementationGuideKey() throws Exception {
        var method = new VerificationMethod("did:web:example.edu#k", "Multikey", "did:web:example.edu",
                "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi", null, null, null);

        assertThat(java.util.HexFormat.of().formatHex(method.ed25519PublicKey()))
                .startsWith("4bdeafde").endsWith("4cc5a5");
        assertThat(Multikey.encodePublicKey(method.ed25519PublicKey()))
                .isEqualTo("z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi");
        assertThat(method.publicJwk().orElseThrow().getString("kty")).isEqualTo("OKP");
    }

    @Test
    void documentWhoseIdIsNeitherDidNorHttpsUrlIsRefused() {
        for (var id : new String[] {"http://example.com/issuer", "urn:uuid:1", "https://example.com/issuer#x"}) {
            var json = Json.createObjectBuilder().add("id", id).build();

            assertThatThrownBy(() -> DidDocument.fromJson(json)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
