package io.guildmark.credentials.ob3;

import jakarta.json.JsonObject;

import static io.guildmark.credentials.ob3.JsonFields.*;

/**
 * Evidence of the achievement (OB 3.0 Appendix B "Evidence"): a work product, a review, an observation.
 *
 * @param id optional URL of the evidence
 */
public record Evidence(String id, String name, String description, String narrative, String genre,
        String audience) {

    public Evidence {
        optionalUri(id, "Evidence.id");
        optionalText(name, "Evidence.name");
        optionalText(description, "Evidence.description");
        optionalText(narrative, "Evidence.narrative");
        optionalText(genre, "Evidence.genre");
        optionalText(audience, "Evidence.audience");
    }

    public JsonObject toJson() {
        var json = object();
        put(json, "id", id);
        json.add("type", types("Evidence"));
        put(json, "name", name);
        put(json, "description", description);
        put(json, "narrative", narrative);
        put(json, "genre", genre);
        put(json, "audience", audience);
        return json.build();
    }

    public static Evidence fromJson(JsonObject json) {
        requireType(json, "Evidence");
        return new Evidence(string(json, "id"), string(json, "name"), string(json, "description"),
                string(json, "narrative"), string(json, "genre"), string(json, "audience"));
    }
}
