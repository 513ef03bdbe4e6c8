package io.guildmark.credentials.ob3;

import jakarta.json.JsonObject;

import java.util.List;

import static io.guildmark.credentials.ob3.JsonFields.*;

/**
 * An alignment to a competency framework node (OB 3.0 Appendix B "Alignment").
 *
 * @param targetName required
 * @param targetUrl required, an absolute URL
 * @param targetType optional: {@code ceasn:Competency}, {@code ceterms:Credential}, {@code CFItem}, … or
 *        {@code ext:…}
 */
public record Alignment(String targetName, String targetUrl, String targetDescription, String targetFramework,
        String targetCode, String targetType) {

    static final List<String> TARGET_TYPES = List.of("ceasn:Competency", "ceterms:Credential", "CFItem", "CFRubric",
            "CFRubricCriterion", "CFRubricCriterionLevel", "CTDL");

    public Alignment {
        requireText(targetName, "Alignment.targetName");
        requireUri(targetUrl, "Alignment.targetUrl");
        optionalText(targetDescription, "Alignment.targetDescription");
        optionalText(targetFramework, "Alignment.targetFramework");
        optionalText(targetCode, "Alignment.targetCode");
        if (targetType != null) {
            requireEnumExt(targetType, "Alignment.targetType", TARGET_TYPES);
        }
    }

    public JsonObject toJson() {
        var json = object().add("type", types("Alignment")).add("targetName", targetName).add("targetUrl", targetUrl);
        put(json, "targetDescription", targetDescription);
        put(json, "targetFramework", targetFramework);
        put(json, "targetCode", targetCode);
        put(json, "targetType", targetType);
        return json.build();
    }

    public static Alignment fromJson(JsonObject json) {
        requireType(json, "Alignment");
        return new Alignment(required(json, "targetName"), required(json, "targetUrl"),
                string(json, "targetDescription"), string(json, "targetFramework"), string(json, "targetCode"),
                string(json, "targetType"));
    }
}
