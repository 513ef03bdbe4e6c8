package io.guildmark.credentials.did;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpsControllerResolverTest {

    private static final String ISSUER = "https://example.edu/issuers/565049";

    private static DocumentFetcher serving(String url, DidDocument document) {
        return DocumentFetcher.ofMap(Map.of(URI.create(url), document.toJson().toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static DidDocument profile() {
        return DidDocument.builder(ISSUER)
                .assertionKey(VerificationMethod.ed25519Multikey(ISSUER + "#key-1", ISSUER, DidFixtures.KEY_2026))
                .build();
    }

    @Test
    void keyIdsSplitIntoControllerAndFragment() {
        assertThat(Did.controllerOf(ISSUER + "#key-1")).isEqualTo(ISSUER);
        assertThat(Did.controllerOf("did:web:example.com:issuers:acme#key-1")).isEqualTo("did:web:example.com:issuers:acme");
        assertThat(Did.isKeyId(ISSUER + "#key-1")).isTrue();
        assertThat(Did.isKeyId("http://example.edu/issuers/1#key-1")).isFalse();
        assertThat(Did.isKeyId(ISSUER)).isFalse();
    }

    @Test
    void issuerKeyPublishedAtAnHttpsIdIsFound() throws Exception {
        var resolver = CompositeDidResolver.standard(serving(ISSUER, profile()));

        var key = new AssertionKeys(resolver).assertionMethod(ISSUER + "#key-1");

        assertThat(key.ed25519PublicKey()).isEqualTo(DidFixtures.KEY_2026);
    }

    @Test
    void documentServedUnderAnotherIdIsRefused() {
        var resolver = new HttpsControllerResolver(serving("https://example.edu/issuers/other", profile()));

        assertThatThrownBy(() -> resolver.resolve("https://example.edu/issuers/other#key-1"))
                .isInstanceOfSatisfying(DidResolutionException.class,
                        e -> assertThat(e.code()).isEqualTo(DidResolutionException.Code.ID_MISMATCH));
    }

    @Test
    void plainHttpIsNotResolved() {
        assertThatThrownBy(() -> new HttpsControllerResolver(DocumentFetcher.ofMap(Map.of()))
                .resolve("http://example.edu/issuers/1"))
                .isInstanceOfSatisfying(DidResolutionException.class,
                        e -> assertThat(e.code()).isEqualTo(DidResolutionException.Code.INVALID_DID));
    }
}
