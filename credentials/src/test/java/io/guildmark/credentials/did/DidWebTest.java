package io.guildmark.credentials.did;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class DidWebTest {

    @Test
    void didWithPathMapsToDidJsonUnderThatPath() throws Exception {
        assertThat(DidWeb.toUrl("did:web:example.com:issuers:acme"))
                .isEqualTo(URI.create("https://example.com/issuers/acme/did.json"));
    }

    @Test
    void bareDomainMapsToWellKnown() throws Exception {
        assertThat(DidWeb.toUrl("did:web:w3c-ccg.github.io"))
                .isEqualTo(URI.create("https://w3c-ccg.github.io/.well-known/did.json"));
    }

    @Test
    void percentEncodedPortIsKeptAndHttpsIsTheDefault() throws Exception {
        assertThat(DidWeb.toUrl("did:web:localhost%3A8080:issuers:acme"))
                .isEqualTo(URI.create("https://localhost:8080/issuers/acme/did.json"));
    }

    @Test
    void httpIsUsedOnlyForLoopbackAndOnlyWhenAllowed() throws Exception {
        assertThat(DidWeb.toUrl("did:web:localhost%3A8080:issuers:acme", true))
                .isEqualTo(URI.create("http://localhost:8080/issuers/acme/did.json"));
        assertThat(DidWeb.toUrl("did:web:example.com:issuers:acme", true).getScheme()).isEqualTo("https");
    }

    @Test
    void urlMapsBackToTheDid() {
        assertThat(DidWeb.fromUrl(URI.create("https://example.com/issuers/acme/did.json")))
                .isEqualTo("did:web:example.com:issuers:acme");
        assertThat(DidWeb.fromUrl(URI.create("http://localhost:8080/issuers/acme/did.json")))
                .isEqualTo("did:web:localhost%3A8080:issuers:acme");
        assertThat(DidWeb.fromUrl(URI.create("https://example.com/.well-known/did.json")))
                .isEqualTo("did:web:example.com");
    }

    @Test
    void pathTraversalIsRefused() {
        assertThatThrownBy(() -> DidWeb.toUrl("did:web:example.com:..:admin"))
                .isInstanceOf(DidResolutionException.class);
        assertThatThrownBy(() -> DidWeb.toUrl("did:web:example.com%2Fevil"))
                .isInstanceOf(DidResolutionException.class);
    }
}
