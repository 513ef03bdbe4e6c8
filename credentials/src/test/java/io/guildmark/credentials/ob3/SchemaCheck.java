package io.guildmark.credentials.ob3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

/** Validates JSON against the bundled 1EdTech JSON Schemas (draft 2019-09), for tests. */
final class SchemaCheck {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final JsonSchema ACHIEVEMENT_CREDENTIAL = load("achievementcredential.json");

    static final JsonSchema ENDORSEMENT_CREDENTIAL = load("endorsementcredential.json");

    private SchemaCheck() {
    }

    /** The schema's complaints about {@code json}, one line each; empty when valid. */
    static Set<String> errors(JsonSchema schema, JsonObject json) {
        try {
            return schema.validate(MAPPER.readTree(json.toString())).stream()
                    .map(ValidationMessage::getMessage).collect(Collectors.toCollection(java.util.TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema load(String file) {
        try (InputStream in = SchemaCheck.class.getResourceAsStream("/io/guildmark/credentials/schema/" + file)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
