package io.guildmark.credentials.ob3;

import jakarta.json.JsonObject;

import static io.guildmark.credentials.ob3.JsonFields.*;

/**
 * How an achievement is earned (OB 3.0 Appendix B "Criteria"): a page ({@code id}), a narrative (Markdown), or both.
 */
public record Criteria(String id, String narrative) {

    public Criteria {
        optionalUri(id, "Criteria.id");
        optionalText(narrative, "Criteria.narrative");
        if (id == null && narrative == null) {
            throw new IllegalArgumentException("Criteria needs an id or a narrative");
        }
    }

    public static Criteria narrative(String narrative) {
        return new Criteria(null, narrative);
    }

    public JsonObject toJson() {
        var json = object();
        put(json, "id", id);
        put(json, "narrative", narrative);
        return json.build();
    }

    public static Criteria fromJson(JsonObject json) {
        return new Criteria(string(json, "id"), string(json, "narrative"));
    }
}
