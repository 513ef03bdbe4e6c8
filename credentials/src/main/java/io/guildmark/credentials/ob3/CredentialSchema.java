package io.guildmark.credentials.ob3;

import jakarta.json.JsonObject;

import static io.guildmark.credentials.ob3.JsonFields.*;

/**
 * A JSON Schema the credential claims to conform to (VC Data Model 2.0 "Data Schemas").
 *
 * @param type e.g. {@code 1EdTechJsonSchemaValidator2019}
 */
public record CredentialSchema(String id, String type) {

    /** The 1EdTech OB 3.0 AchievementCredential schema, as the specification's examples name it. */
    public static final CredentialSchema OB_ACHIEVEMENT_CREDENTIAL = new CredentialSchema(
            "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
            "1EdTechJsonSchemaValidator2019");

    public CredentialSchema {
        requireUri(id, "CredentialSchema.id");
        requireText(type, "CredentialSchema.type");
    }

    public boolean needsExtensionsContext() {
        return type.startsWith("1EdTech");
    }

    public JsonObject toJson() {
        return object().add("id", id).add("type", type).build();
    }

    public static CredentialSchema fromJson(JsonObject json) {
        return new CredentialSchema(required(json, "id"), required(json, "type"));
    }
}
