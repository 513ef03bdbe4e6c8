package io.guildmark.credentials.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import io.guildmark.credentials.InputLimits;
import jakarta.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Validates OB 3.0 documents against the bundled 1EdTech JSON Schemas (draft 2019-09). The schemas' {@code $id}s are
 * mapped to classpath copies and every other remote reference is refused, so validation never touches the network.
 * Compiled schemas are cached; all methods are thread safe.
 *
 * <p>Note that this schema build requires an array for every property of multiplicity [0..*], including
 * {@code proof} and {@code type}: a credential with a single proof object fails with {@code /proof} "object found,
 * array expected" although the data model allows it.
 */
public final class Ob3Schemas {

    private static final String BASE = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/";
    private static final String CLASSPATH = "classpath:io/guildmark/credentials/schema/";
    private static final String ACHIEVEMENT_CREDENTIAL = BASE + "ob_v3p0_achievementcredential-jsonschema1.json";
    private static final String ENDORSEMENT_CREDENTIAL = BASE + "ob_v3p0_endorsementcredential-jsonschema1.json";
    private static final String PROFILE = BASE + "ob_v3p0_profile-jsonschema1.json";

    private static final ObjectMapper MAPPER = InputLimits.jackson2Mapper();

    // Initialization-on-demand holder: the schemas are compiled once, on first use, by the class loader's lock.
    private static final class Holder {
        static final JsonSchema ACHIEVEMENT = load(ACHIEVEMENT_CREDENTIAL);
        static final JsonSchema ENDORSEMENT = load(ENDORSEMENT_CREDENTIAL);
        static final JsonSchema PROFILE_SCHEMA = load(PROFILE);

        private static JsonSchema load(String id) {
            var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909, builder -> builder
                    .schemaMappers(mappers -> mappers.mappings(Map.of(
                            ACHIEVEMENT_CREDENTIAL, CLASSPATH + "achievementcredential.json",
                            ENDORSEMENT_CREDENTIAL, CLASSPATH + "endorsementcredential.json",
                            PROFILE, CLASSPATH + "profile.json")))
                    // Only classpath resources (our schemas and the library's bundled meta-schemas) may be loaded.
                    .schemaLoaders(loaders -> loaders.values(list -> list.add(0, new AllowSchemaLoader(
                            iri -> iri.toString().startsWith("classpath:") || iri.toString().startsWith("resource:"))))));
            var config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
            return factory.getSchema(SchemaLocation.of(id), config);
        }
    }

    private Ob3Schemas() {
    }

    /** Validates an {@code AchievementCredential} / {@code OpenBadgeCredential}. Empty means valid. */
    public static List<SchemaError> validateAchievementCredential(JsonObject credential) {
        return validate(Holder.ACHIEVEMENT, credential);
    }

    /** Validates an {@code EndorsementCredential}. Empty means valid. */
    public static List<SchemaError> validateEndorsementCredential(JsonObject credential) {
        return validate(Holder.ENDORSEMENT, credential);
    }

    /** Validates a {@code Profile} (issuer). Empty means valid. */
    public static List<SchemaError> validateProfile(JsonObject profile) {
        return validate(Holder.PROFILE_SCHEMA, profile);
    }

    private static List<SchemaError> validate(JsonSchema schema, JsonObject document) {
        try {
            var node = MAPPER.readTree(document.toString());
            return schema.validate(node).stream()
                    .map(Ob3Schemas::toError)
                    .sorted(Comparator.comparing(SchemaError::pointer).thenComparing(SchemaError::message))
                    .toList();
        } catch (JsonProcessingException e) {
            return List.of(new SchemaError("", "the document is not JSON: " + e.getOriginalMessage(), "parse"));
        }
    }

    private static SchemaError toError(ValidationMessage m) {
        var pointer = m.getInstanceLocation().toString();
        var message = m.getMessage();
        // getMessage() starts with the location; keep only the explanation.
        int colon = message.indexOf(": ");
        if (colon >= 0 && message.substring(0, colon).equals(pointer)) {
            message = message.substring(colon + 2);
        }
        return new SchemaError(pointer, message, m.getType());
    }
}
