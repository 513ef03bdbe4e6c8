package io.guildmark.credentials.ob3;

import jakarta.json.JsonObject;

import java.util.List;

import static io.guildmark.credentials.ob3.JsonFields.*;

/**
 * A result the learner achieved (OB 3.0 Appendix B "Result").
 *
 * @param resultDescription optional id of the {@link ResultDescription} this result answers
 * @param achievedLevel optional id of the {@link RubricCriterionLevel} achieved
 * @param status optional: {@code Completed}, {@code Enrolled}, {@code Failed}, {@code InProgress},
 *        {@code OnHold}, {@code Provisional}, {@code Withdrew}
 */
public record Result(String resultDescription, String value, String achievedLevel, String status,
        List<Alignment> alignment) {

    static final List<String> STATUSES = List.of("Completed", "Enrolled", "Failed", "InProgress", "OnHold",
            "Provisional", "Withdrew");

    public Result {
        optionalUri(resultDescription, "Result.resultDescription");
        optionalText(value, "Result.value");
        optionalUri(achievedLevel, "Result.achievedLevel");
        if (status != null && !STATUSES.contains(status)) {
            throw new IllegalArgumentException("Result.status must be one of " + STATUSES + ", not " + status);
        }
        alignment = copy(alignment);
        if (value == null && achievedLevel == null && status == null) {
            throw new IllegalArgumentException("A Result needs a value, an achieved level or a status");
        }
    }

    public JsonObject toJson() {
        var json = object().add("type", types("Result"));
        put(json, "resultDescription", resultDescription);
        put(json, "value", value);
        put(json, "achievedLevel", achievedLevel);
        put(json, "status", status);
        putArray(json, "alignment", alignment, Alignment::toJson);
        return json.build();
    }

    public static Result fromJson(JsonObject json) {
        requireType(json, "Result");
        return new Result(string(json, "resultDescription"), string(json, "value"), string(json, "achievedLevel"),
                string(json, "status"), list(json, "alignment", Alignment::fromJson));
    }
}
