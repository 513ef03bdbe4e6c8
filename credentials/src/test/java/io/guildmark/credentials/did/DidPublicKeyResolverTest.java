package io.guildmark.credentials.did;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guildmark.credentials.proof.EddsaRdfc2022;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import io.guildmark.credentials.proof.KeyResolutionException;
import io.guildmark.credentials.proof.ProofOptions;
import io.guildmark.credentials.proof.ProofResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DidPublicKeyResolverTest {

    private static final String ISSUER = DidFixtures.ACME;
    private static final Ed25519KeyPair OLD_KEY = Ed25519KeyPair.generate();
    private static final Ed25519KeyPair NEW_KEY = Ed25519KeyPair.generate();
    private final EddsaRdfc2022 suite = EddsaRdfc2022.create();

    private static JsonObject credential() {
        return Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder().add("https://www.w3.org/ns/credentials/v2")
                        .add("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"))
                .add("id", "urn:uuid:0b7d3c1e-5f7a-4c44-9a55-8b1f0c2d3e4f")
                .add("type", Json.createArrayBuilder().add("VerifiableCredential").add("OpenBadgeCredential"))
                .add("issuer", Json.createObjectBuilder().add("id", ISSUER)
                        .add("type", Json.createArrayBuilder().add("Profile")).add("name", "Acme Guild"))
                .add("validFrom", "2026-01-15T09:30:00Z")
                .add("credentialSubject", Json.createObjectBuilder().add("id", "did:example:learner")
                        .add("type", Json.createArrayBuilder().add("AchievementSubject"))
                        .add("achievement", Json.createObjectBuilder().add("id", "https://example.com/achievements/1")
                                .add("type", Json.createArrayBuilder().add("Achievement")).add("name", "Welding")
                                .add("description", "Welds").add("criteria",
                                        Json.createObjectBuilder().add("narrative", "Weld."))))
                .build();
    }

    private JsonObject signedWith(Ed25519KeyPair key, String fragment) {
        return suite.sign(credential(), ProofOptions.assertion(ISSUER + fragment, Instant.parse("2026-01-15T09:30:00Z")),
                key);
    }

    private static DidDocument rotated(boolean oldKeyStillAnAssertionMethod) {
        var old = VerificationMethod.ed25519Multikey(ISSUER + "#key-1", ISSUER, OLD_KEY.publicKey());
        var builder = DidDocument.builder(ISSUER)
                .assertionKey(VerificationMethod.ed25519Multikey(ISSUER + "#key-2", ISSUER, NEW_KEY.publicKey()));
        return (oldKeyStillAnAssertionMethod ? builder.assertionKey(old) : builder.verificationMethod(old)).build();
    }

    private static DidPublicKeyResolver resolverFor(DidDocument document) {
        return new DidPublicKeyResolver(DidWebResolver.https(DidFixtures.serving(document)));
    }

    @Test
    void credentialSignedWithTheCurrentKeyVerifies() {
        assertThat(suite.verify(signedWith(NEW_KEY, "#key-2"), resolverFor(rotated(false))).isValid()).isTrue();
    }

    @Test
    void credentialSignedWithTheOldKeyStillVerifiesWhileTheOldKeyIsListed() {
        assertThat(suite.verify(signedWith(OLD_KEY, "#key-1"), resolverFor(rotated(true))).isValid()).isTrue();
    }

    @Test
    void credentialSignedWithARetiredKeyFailsWithKeyRetired() {
        var resolver = resolverFor(rotated(false));

        var result = suite.verify(signedWith(OLD_KEY, "#key-1"), resolver);

        assertThat(result.code()).isEqualTo(ProofResult.Code.KEY_NOT_FOUND);
        assertThat(result.message()).contains("retired");
        assertThatThrownBy(() -> resolver.ed25519PublicKey(ISSUER + "#key-1"))
                .isInstanceOfSatisfying(KeyResolutionException.class, e -> assertThat(DidPublicKeyResolver.codeOf(e))
                        .contains(DidResolutionException.Code.KEY_RETIRED));
    }

    @Test
    void implementationGuideMultikeyResolvesThroughDidKey() throws Exception {
        var did = "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";
        var key = new DidPublicKeyResolver(new DidKeyResolver())
                .ed25519PublicKey(did + "#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi");

        assertThat(java.util.HexFormat.of().formatHex(key)).startsWith("4bdeafde").endsWith("4cc5a5");
    }
}
