package io.guildmark.credentials.ob3;

import jakarta.json.JsonObject;

import static io.guildmark.credentials.ob3.JsonFields.*;

/**
 * An image of an achievement, profile or credential (OB 3.0 Appendix B "Image"): {@code type} is the single string
 * {@code "Image"}.
 *
 * @param id the image URL or data: URI, must not be {@code null}
 * @param caption optional
 */
public record Image(String id, String caption) {

    public Image {
        requireUri(id, "Image.id");
        optionalText(caption, "Image.caption");
    }

    public static Image of(String id) {
        return new Image(id, null);
    }

    public JsonObject toJson() {
        var json = object().add("id", id).add("type", "Image");
        put(json, "caption", caption);
        return json.build();
    }

    /** Reads an Image object, or a bare URI string as an image without caption. */
    public static Image fromJson(jakarta.json.JsonValue json) {
        if (json instanceof jakarta.json.JsonString uri) {
            return of(uri.getString());
        }
        JsonObject object = (JsonObject) json;
        return new Image(required(object, "id"), string(object, "caption"));
    }
}
