package io.guildmark.app.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Micro-credentials in the catalog's words, for tests. */
public final class CatalogFixture {

    private CatalogFixture() {}

    static AchievementDefinition weldingInspection() {
        return new AchievementDefinition("Weld Inspection Basics", "Inspect fillet and groove welds against the code.",
                "MicroCredential", "Pass the visual inspection assessment and submit an inspection report.",
                List.of(new AchievementDefinition.Alignment("Visual weld inspection", "https://frameworks.example.org/weld/VI-1",
                        "AWS Competencies", "VI-1", null, "ceasn:Competency")),
                List.of("welding", "inspection"), new java.math.BigDecimal("10"), new java.math.BigDecimal("1.0"), "CEU", 36,
                4900L, 9900L, "USD", null, null, "WIB-101",
                List.of(new EarningRequirement.Assessment("Visual inspection quiz"),
                        new EarningRequirement.Submission("An inspection report of three welds")));
    }

    /** The API body of the acceptance contract, with a unique name. */
    public static Map<String, Object> apiBody(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", "Plan and document a safe confined-space entry.");
        body.put("achievementType", "MicroCredential");
        body.put("criteria", Map.of("narrative", "Complete the course and pass the observed demonstration."));
        body.put("alignments", List.of(Map.of("targetName", "Confined space entry", "targetUrl", "https://frameworks.example.org/osh/CSE-2",
                "targetFramework", "OSH Skills", "targetCode", "CSE-2")));
        body.put("creditHours", 10);
        body.put("tags", List.of("safety", "confined spaces"));
        return body;
    }
}
