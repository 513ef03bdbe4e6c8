package io.guildmark.app.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.guildmark.app.shared.JsonLimits;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored form of a definition: explicit JSON, independent of Java names, so stored versions stay readable as the
 * code changes. Requirements carry a {@code kind} discriminator; unknown fields are ignored on reading, so the earning
 * module can add fields to requirements later.
 */
final class DefinitionJson {

    /** Floats read as BigDecimal: exact, and 1e999999999 stays a (refusable) number instead of becoming Infinity. */
    static final JsonMapper JSON = JsonLimits.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private DefinitionJson() {}

    static String write(AchievementDefinition d) {
        return JSON.writeValueAsString(toNode(d));
    }

    static AchievementDefinition read(String text) {
        return fromNode(JSON.readTree(text));
    }

    static ObjectNode toNode(AchievementDefinition d) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", d.name());
        node.put("description", d.description());
        node.put("achievementType", d.achievementType());
        node.putObject("criteria").put("narrative", d.criteriaNarrative());
        ArrayNode alignments = node.putArray("alignments");
        for (AchievementDefinition.Alignment a : d.alignments()) alignments.add(alignment(a));
        ArrayNode tags = node.putArray("tags");
        d.tags().forEach(tags::add);
        putDecimal(node, "estimatedHours", d.estimatedHours());
        putDecimal(node, "creditValue", d.creditValue());
        putText(node, "creditType", d.creditType());
        if (d.validityMonths() != null) node.put("validityMonths", d.validityMonths());
        if (d.memberPrice() != null) node.put("memberPrice", d.memberPrice());
        if (d.nonMemberPrice() != null) node.put("nonMemberPrice", d.nonMemberPrice());
        node.put("currency", d.currency());
        putText(node, "imageKey", d.imageKey());
        putText(node, "imageUrl", d.imageUrl());
        putText(node, "humanCode", d.humanCode());
        ArrayNode requirements = node.putArray("requirements");
        for (EarningRequirement r : d.requirements()) requirements.add(requirement(r));
        return node;
    }

    static ObjectNode alignment(AchievementDefinition.Alignment a) {
        ObjectNode node = JSON.createObjectNode();
        node.put("targetName", a.targetName());
        node.put("targetUrl", a.targetUrl());
        putText(node, "targetFramework", a.targetFramework());
        putText(node, "targetCode", a.targetCode());
        putText(node, "targetDescription", a.targetDescription());
        putText(node, "targetType", a.targetType());
        return node;
    }

    static ObjectNode requirement(EarningRequirement r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("kind", r.kind());
        node.put("description", r.description());
        return node;
    }

    static AchievementDefinition fromNode(JsonNode n) {
        List<AchievementDefinition.Alignment> alignments = new ArrayList<>();
        for (JsonNode a : n.path("alignments")) alignments.add(alignmentFrom(a));
        List<String> tags = new ArrayList<>();
        for (JsonNode t : n.path("tags")) tags.add(t.asString());
        List<EarningRequirement> requirements = new ArrayList<>();
        for (JsonNode r : n.path("requirements")) {
            EarningRequirement requirement = EarningRequirement.of(text(r, "kind"), text(r, "description"));
            if (requirement != null) requirements.add(requirement);
        }
        return new AchievementDefinition(text(n, "name"), text(n, "description"), text(n, "achievementType"),
                text(n.path("criteria"), "narrative"), alignments, tags, decimal(n, "estimatedHours"), decimal(n, "creditValue"),
                text(n, "creditType"), n.hasNonNull("validityMonths") ? n.get("validityMonths").asInt() : null,
                n.hasNonNull("memberPrice") ? n.get("memberPrice").asLong() : null,
                n.hasNonNull("nonMemberPrice") ? n.get("nonMemberPrice").asLong() : null, text(n, "currency"),
                text(n, "imageKey"), text(n, "imageUrl"), text(n, "humanCode"), requirements);
    }

    static AchievementDefinition.Alignment alignmentFrom(JsonNode a) {
        return new AchievementDefinition.Alignment(text(a, "targetName"), text(a, "targetUrl"), text(a, "targetFramework"),
                text(a, "targetCode"), text(a, "targetDescription"), text(a, "targetType"));
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static @Nullable BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.decimalValue();
    }

    private static void putText(ObjectNode node, String field, @Nullable String value) {
        if (value != null) node.put(field, value);
    }

    private static void putDecimal(ObjectNode node, String field, @Nullable BigDecimal value) {
        if (value != null) node.put(field, value);
    }
}
