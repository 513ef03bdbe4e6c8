package io.guildmark.credentials.ob3;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import static io.guildmark.credentials.ob3.JsonFields.*;

/**
 * An issuer, creator or endorser (OB 3.0 Appendix B "Profile"). Guildmark organizations are identified by a DID
 * ({@code did:web:host:issuers:slug}); any absolute URI is accepted when reading.
 *
 * @param id required absolute URI
 */
public record Profile(String id, String name, String url, String description, Image image, String email,
        String phone) {

    public Profile {
        requireUri(id, "Profile.id");
        optionalText(name, "Profile.name");
        optionalUri(url, "Profile.url");
        optionalText(description, "Profile.description");
        optionalText(email, "Profile.email");
        optionalText(phone, "Profile.phone");
    }

    public static Profile of(String id, String name) {
        return new Profile(id, name, null, null, null, null, null);
    }

    public JsonObject toJson() {
        var json = object().add("id", id).add("type", types("Profile"));
        put(json, "name", name);
        put(json, "url", url);
        put(json, "description", description);
        if (image != null) {
            json.add("image", image.toJson());
        }
        put(json, "email", email);
        put(json, "phone", phone);
        return json.build();
    }

    /** Reads a Profile object, or a bare issuer URI (ProfileRef) as a profile with only an id. */
    public static Profile fromJson(JsonValue json) {
        if (json instanceof JsonString id) {
            return new Profile(id.getString(), null, null, null, null, null, null);
        }
        if (!(json instanceof JsonObject object)) {
            throw new IllegalArgumentException("A profile is an object or a URI");
        }
        requireType(object, "Profile");
        JsonValue image = object.get("image");
        return new Profile(required(object, "id"), string(object, "name"), string(object, "url"),
                string(object, "description"), image == null ? null : Image.fromJson(image), string(object, "email"),
                string(object, "phone"));
    }
}
