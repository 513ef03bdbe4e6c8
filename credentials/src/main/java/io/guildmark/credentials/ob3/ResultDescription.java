package io.guildmark.credentials.ob3;

import jakarta.json.JsonObject;

import java.util.List;

import static io.guildmark.credentials.ob3.JsonFields.*;

/**
 * What results an achievement records and how (OB 3.0 Appendix B "ResultDescription"), e.g. a rubric with levels.
 *
 * @param resultType {@code GradePointAverage}, {@code LetterGrade}, {@code RubricCriterionLevel}, {@code Status}, …
 *        or {@code ext:…}
 */
public record ResultDescription(String id, String name, String resultType, List<String> allowedValue,
        String requiredLevel, String requiredValue, List<RubricCriterionLevel> rubricCriterionLevel, String valueMin,
        String valueMax, List<Alignment> alignment) {

    static final List<String> RESULT_TYPES = List.of("GradePointAverage", "LetterGrade", "Percent",
            "PerformanceLevel", "PredictedScore", "RawScore", "Result", "RubricCriterion", "RubricCriterionLevel",
            "RubricScore", "ScaledScore", "Status");

    public ResultDescription {
        requireUri(id, "ResultDescription.id");
        requireText(name, "ResultDescription.name");
        requireEnumExt(resultType, "ResultDescription.resultType", RESULT_TYPES);
        allowedValue = copy(allowedValue);
        optionalUri(requiredLevel, "ResultDescription.requiredLevel");
        optionalText(requiredValue, "ResultDescription.requiredValue");
        rubricCriterionLevel = copy(rubricCriterionLevel);
        optionalText(valueMin, "ResultDescription.valueMin");
        optionalText(valueMax, "ResultDescription.valueMax");
        alignment = copy(alignment);
    }

    /** A rubric result: one of the given levels is achieved. */
    public static ResultDescription rubric(String id, String name, List<RubricCriterionLevel> levels,
            String requiredLevel) {
        return new ResultDescription(id, name, "RubricCriterionLevel", null, requiredLevel, null, levels, null, null,
                null);
    }

    public JsonObject toJson() {
        var json = object().add("id", id).add("type", types("ResultDescription")).add("name", name)
                .add("resultType", resultType);
        putStrings(json, "allowedValue", allowedValue);
        put(json, "requiredLevel", requiredLevel);
        put(json, "requiredValue", requiredValue);
        putArray(json, "rubricCriterionLevel", rubricCriterionLevel, RubricCriterionLevel::toJson);
        put(json, "valueMin", valueMin);
        put(json, "valueMax", valueMax);
        putArray(json, "alignment", alignment, Alignment::toJson);
        return json.build();
    }

    public static ResultDescription fromJson(JsonObject json) {
        requireType(json, "ResultDescription");
        return new ResultDescription(required(json, "id"), required(json, "name"), required(json, "resultType"),
                strings(json, "allowedValue"), string(json, "requiredLevel"), string(json, "requiredValue"),
                list(json, "rubricCriterionLevel", RubricCriterionLevel::fromJson), string(json, "valueMin"),
                string(json, "valueMax"), list(json, "alignment", Alignment::fromJson));
    }
}
