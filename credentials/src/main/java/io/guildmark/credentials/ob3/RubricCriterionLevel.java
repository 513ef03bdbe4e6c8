package io.guildmark.credentials.ob3;

import jakarta.json.JsonObject;

import java.util.List;

import static io.guildmark.credentials.ob3.JsonFields.*;

/** A level of a rubric criterion (OB 3.0 Appendix B "RubricCriterionLevel"), e.g. "Meets" worth 3 points. */
public record RubricCriterionLevel(String id, String name, String description, String level, String points,
        List<Alignment> alignment) {

    public RubricCriterionLevel {
        requireUri(id, "RubricCriterionLevel.id");
        requireText(name, "RubricCriterionLevel.name");
        optionalText(description, "RubricCriterionLevel.description");
        optionalText(level, "RubricCriterionLevel.level");
        optionalText(points, "RubricCriterionLevel.points");
        alignment = copy(alignment);
    }

    public JsonObject toJson() {
        var json = object().add("id", id).add("type", types("RubricCriterionLevel")).add("name", name);
        put(json, "description", description);
        put(json, "level", level);
        put(json, "points", points);
        putArray(json, "alignment", alignment, Alignment::toJson);
        return json.build();
    }

    public static RubricCriterionLevel fromJson(JsonObject json) {
        requireType(json, "RubricCriterionLevel");
        return new RubricCriterionLevel(required(json, "id"), required(json, "name"), string(json, "description"),
                string(json, "level"), string(json, "points"), list(json, "alignment", Alignment::fromJson));
    }
}
