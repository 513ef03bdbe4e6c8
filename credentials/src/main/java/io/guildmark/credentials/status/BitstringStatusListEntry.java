package io.guildmark.credentials.status;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonString;
import java.util.Objects;

/**
 * A {@code credentialStatus} entry of type {@code BitstringStatusListEntry} (Bitstring Status List): the id is
 * {@code <statusListCredential>#<index>}, and {@code statusListIndex} is written as a string, as the specification
 * requires.
 */
public record BitstringStatusListEntry(String id, StatusPurpose statusPurpose, int statusListIndex,
                                       String statusListCredential) {

    /** Looked up once: {@code Json.create…} runs a ServiceLoader scan of the class path on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final String TYPE = "BitstringStatusListEntry";

    public BitstringStatusListEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(statusPurpose, "statusPurpose");
        Objects.requireNonNull(statusListCredential, "statusListCredential");
        if (statusListIndex < 0) {
            throw new IllegalArgumentException("statusListIndex must not be negative");
        }
    }

    /** The entry for position {@code index} of the list published at {@code statusListCredential}. */
    public static BitstringStatusListEntry of(String statusListCredential, StatusPurpose purpose, int index) {
        return new BitstringStatusListEntry(statusListCredential + "#" + index, purpose, index, statusListCredential);
    }

    public JsonObject toJson() {
        return JSON.createObjectBuilder()
                .add("id", id)
                .add("type", TYPE)
                .add("statusPurpose", statusPurpose.value())
                .add("statusListIndex", Integer.toString(statusListIndex))
                .add("statusListCredential", statusListCredential)
                .build();
    }

    /**
     * Reads an entry.
     *
     * @throws IllegalArgumentException if a member is missing, the purpose is not revocation/suspension, or the index
     *                                  is not a non-negative integer
     */
    public static BitstringStatusListEntry fromJson(JsonObject json) {
        var purposeValue = string(json, "statusPurpose");
        var purpose = StatusPurpose.fromValue(purposeValue).orElseThrow(() ->
                new IllegalArgumentException("statusPurpose '" + purposeValue + "' is not revocation or suspension"));
        var indexValue = json.get("statusListIndex");
        int index;
        try {
            // The specification says a string; some issuers write a number, which is read too.
            index = indexValue instanceof JsonString s ? Integer.parseInt(s.getString())
                    : json.getJsonNumber("statusListIndex").intValueExact();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("statusListIndex is not a non-negative integer", e);
        }
        var listUrl = string(json, "statusListCredential");
        var id = json.get("id") instanceof JsonString s ? s.getString() : listUrl + "#" + index;
        return new BitstringStatusListEntry(id, purpose, index, listUrl);
    }

    private static String string(JsonObject json, String name) {
        if (!(json.get(name) instanceof JsonString s)) {
            throw new IllegalArgumentException(name + " is missing or not a string");
        }
        return s.getString();
    }
}
