package io.guildmark.credentials.jsonld;

import com.apicatalog.jsonld.JsonLdError;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundledContextsTest {

    @Test
    void servesEveryIndexedContext() throws JsonLdError {
        assertThat(BundledContexts.urls()).contains(
                "https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
                "https://w3id.org/openbadges/v2");
        for (String url : BundledContexts.urls()) {
            assertThat(BundledContexts.loader().loadDocument(URI.create(url), null).getJsonContent())
                    .as(url).isPresent();
        }
    }

    @Test
    void knowsWhichUrlsAreBundled() {
        assertThat(BundledContexts.isBundled("https://www.w3.org/ns/credentials/v2")).isTrue();
        assertThat(BundledContexts.isBundled("https://www.w3.org/ns/credentials/v2/")).isFalse();
        assertThat(BundledContexts.isBundled("https://example.com/context.json")).isFalse();
    }

    @Test
    void refusesAnUnbundledUrlNamingIt() {
        assertThatThrownBy(() -> BundledContexts.loader()
                .loadDocument(URI.create("https://example.com/evil-context.json"), null))
                .isInstanceOf(JsonLdError.class)
                .hasMessageContaining("https://example.com/evil-context.json")
                .hasCauseInstanceOf(UnknownContextException.class);
    }
}
