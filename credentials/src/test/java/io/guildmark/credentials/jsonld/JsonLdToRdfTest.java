package io.guildmark.credentials.jsonld;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLdToRdfTest {

    static JsonObject resource(String path) {
        try (InputStream in = JsonLdToRdfTest.class.getResourceAsStream(path)) {
            return Json.createReader(in).readObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String path) {
        try (InputStream in = JsonLdToRdfTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void canonicalizesTheOpenBadgesVectorLikeTheImplementationGuide() throws JsonLdError {
        JsonObject signed = resource("/vectors/examples/linked-data-proof-ob.signed.json");
        JsonObject unsigned = Json.createObjectBuilder(signed).remove("proof").build();

        String canonical = RdfCanonicalizer.canonicalize(JsonLdToRdf.toRdf(unsigned));

        assertThat(canonical).isEqualTo(text("/vectors/obv3p0/document-canon.txt"));
    }

    @Test
    void undefinedTermIsAnError() {
        JsonObject doc = Json.createObjectBuilder()
                .add("@context", Json.createObjectBuilder().add("name", "https://schema.org/name"))
                .add("name", "x").add("nickname", "y").build();

        assertThatThrownBy(() -> JsonLdToRdf.toRdf(doc))
                .isInstanceOfSatisfying(JsonLdError.class,
                        e -> assertThat(e.getCode()).isEqualTo(JsonLdErrorCode.UNDEFINED_TERM));
    }

    @Test
    void relativeTypeIsAnError() {
        JsonObject doc = Json.createObjectBuilder()
                .add("@context", Json.createObjectBuilder().add("name", "https://schema.org/name"))
                .add("@id", "urn:example:1").add("@type", "Unknown").add("name", "x").build();

        assertThatThrownBy(() -> JsonLdToRdf.toRdf(doc))
                .isInstanceOfSatisfying(JsonLdError.class,
                        e -> assertThat(e.getCode()).isEqualTo(JsonLdErrorCode.UNDEFINED_TERM));
    }

    @Test
    void unbundledContextIsReportedByUrl() {
        JsonObject doc = Json.createObjectBuilder()
                .add("@context", "https://example.com/not-bundled.jsonld").add("name", "x").build();

        assertThatThrownBy(() -> JsonLdToRdf.toRdf(doc))
                .satisfies(e -> assertThat(JsonLdToRdf.unknownContext(e)).isNotNull()
                        .extracting(UnknownContextException::url)
                        .isEqualTo("https://example.com/not-bundled.jsonld"));
    }

    @Test
    void threadsExpandConcurrentlyWithTheSameResult() throws Exception {
        JsonObject signed = resource("/vectors/examples/linked-data-proof-ob.signed.json");
        JsonObject unsigned = Json.createObjectBuilder(signed).remove("proof").build();
        String expected = text("/vectors/obv3p0/document-canon.txt");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> RdfCanonicalizer.canonicalize(JsonLdToRdf.toRdf(unsigned))));
            }
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
