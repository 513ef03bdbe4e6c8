package io.guildmark.credentials.jsonld;

import com.apicatalog.jsonld.JsonLdError;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The template path yields the straightforward path's dataset on the 1EdTech examples, however their strings vary. */
class TemplateToRdfTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"basicOpenBadgeCredential.json", "fullOpenBadge.json", "endorsement.json",
        "achievementAlignmentCase.json", "achievementAlignmentCe.json", "skillAssertionCase.json",
        "skillAssertionCtdl.json", "linked-data-proof-ob.signed.json"})
    void templatesReproduceTheStraightforwardDatasetForVariedValues(String file) throws JsonLdError {
        JsonObject example = JsonLdToRdfTest.resource("/vectors/examples/" + file);
        TemplateToRdf templates = new TemplateToRdf(BundledContexts.loader(), 64);

        for (UnaryOperator<String> variation : java.util.List.<UnaryOperator<String>>of(s -> s, s -> s + "x",
                s -> s + "/ü", s -> s.toUpperCase(java.util.Locale.ROOT), s -> "urn:x:" + s.length())) {
            JsonObject varied = (JsonObject) vary(example, variation);
            assertThat(RdfCanonicalizer.canonicalize(templates.toRdf(varied)))
                    .isEqualTo(RdfCanonicalizer.canonicalize(JsonLdToRdf.toRdf(varied)));
        }
        assertThat(templates.templateHits()).isPositive();
    }

    /** Applies {@code variation} to every string value except contexts and types. */
    static JsonValue vary(JsonValue value, UnaryOperator<String> variation) {
        if (value instanceof JsonObject object) {
            JsonObjectBuilder builder = Json.createObjectBuilder();
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                boolean keep = entry.getKey().equals("@context") || entry.getKey().equals("type");
                builder.add(entry.getKey(), keep ? entry.getValue() : vary(entry.getValue(), variation));
            }
            return builder.build();
        }
        if (value instanceof jakarta.json.JsonArray array) {
            JsonArrayBuilder builder = Json.createArrayBuilder();
            array.forEach(item -> builder.add(vary(item, variation)));
            return builder.build();
        }
        if (value instanceof JsonString string) {
            return Json.createValue(variation.apply(string.getString()));
        }
        return value;
    }
}
