package io.guildmark.credentials.ob3;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.List;

/**
 * The {@code @context} of OB 3.0 credentials: VC Data Model 2.0 first, the newest OB 3.0 context second, as the
 * JSON Schema requires, and the OB extensions context third when a 1EdTech type ({@code 1EdTechRevocationList},
 * {@code 1EdTechJsonSchemaValidator2019}, …) is used: without it such a type would fall to VC 2.0's
 * issuer-dependent vocabulary instead of its 1EdTech IRI. The Bitstring Status List terms are part of VC 2.0's
 * context, so they need no entry of their own.
 */
public final class Contexts {

    public static final String VC_V2 = "https://www.w3.org/ns/credentials/v2";

    public static final String OB_V3P0 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    public static final String OB_EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";

    private Contexts() {
    }

    static JsonArray of(boolean extensions) {
        JsonArrayBuilder context = JsonFields.JSON.createArrayBuilder().add(VC_V2).add(OB_V3P0);
        if (extensions) {
            context.add(OB_EXTENSIONS);
        }
        return context.build();
    }

    /** Checks that a credential's @context starts with VC 2.0 and an OB 3.0 context. */
    static void check(JsonObject json) {
        JsonValue value = json.get("@context");
        List<JsonValue> context = value instanceof JsonArray array ? array : value == null ? List.of() : List.of(value);
        if (context.size() < 2 || !(context.get(0) instanceof JsonString first) || !VC_V2.equals(first.getString())
                || !(context.get(1) instanceof JsonString second)
                || !second.getString().matches("https://purl\\.imsglobal\\.org/spec/ob/v3p0/context(-3\\.\\d\\.\\d)*\\.json")) {
            throw new IllegalArgumentException("@context must start with " + VC_V2 + " and an OB 3.0 context");
        }
    }
}
