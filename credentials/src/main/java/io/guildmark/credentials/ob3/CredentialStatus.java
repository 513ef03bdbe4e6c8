package io.guildmark.credentials.ob3;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.guildmark.credentials.ob3.JsonFields.*;

/**
 * Where to check whether the credential was revoked or suspended (VC Data Model 2.0 "Status"; OB 3.0
 * Appendix B "CredentialStatus"): an id, a type, and the type's own properties, kept as JSON.
 *
 * @param id required absolute URI
 * @param type required, e.g. {@code BitstringStatusListEntry} or {@code 1EdTechRevocationList}
 * @param properties the other members, in order; never {@code id} or {@code type}
 */
public record CredentialStatus(String id, String type, Map<String, JsonValue> properties) {

    public CredentialStatus {
        requireUri(id, "CredentialStatus.id");
        requireText(type, "CredentialStatus.type");
        properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(properties));
        if (properties.containsKey("id") || properties.containsKey("type")) {
            throw new IllegalArgumentException("id and type are not extra properties");
        }
    }

    /**
     * A W3C Bitstring Status List entry (Bitstring Status List v1.0 "BitstringStatusListEntry"): entry {@code listCredential#index}.
     *
     * @param purpose {@code revocation} or {@code suspension}
     */
    public static CredentialStatus bitstring(String listCredential, long index, String purpose) {
        if (index < 0) {
            throw new IllegalArgumentException("statusListIndex must not be negative");
        }
        Map<String, JsonValue> properties = new LinkedHashMap<>();
        properties.put("statusPurpose", JSON.createValue(requireText(purpose, "statusPurpose")));
        properties.put("statusListIndex", JSON.createValue(Long.toString(index)));
        properties.put("statusListCredential", JSON.createValue(requireUri(listCredential, "statusListCredential")));
        return new CredentialStatus(listCredential + "#" + index, "BitstringStatusListEntry", properties);
    }

    /** Whether the type is one of 1EdTech's, which the OB extensions context defines. */
    public boolean needsExtensionsContext() {
        return type.startsWith("1EdTech");
    }

    public JsonObject toJson() {
        var json = object().add("id", id).add("type", type);
        properties.forEach(json::add);
        return json.build();
    }

    public static CredentialStatus fromJson(JsonObject json) {
        Map<String, JsonValue> properties = new LinkedHashMap<>(json);
        properties.remove("id");
        properties.remove("type");
        return new CredentialStatus(required(json, "id"), required(json, "type"), properties);
    }
}
