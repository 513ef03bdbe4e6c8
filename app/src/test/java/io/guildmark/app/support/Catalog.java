package io.guildmark.app.support;

import java.util.List;
import java.util.Map;

/** Micro-credentials made through the public API contract, for tests of what comes after the catalog. */
public final class Catalog {

    private Catalog() {}

    /** A published micro-credential of the organization; answers its id. */
    public static String publishedMicroCredential(Api key, String slug, String name) {
        Api.Response created = key.post("/api/v1/organizations/" + slug + "/achievements", Map.of(
                "name", name,
                "description", "Shows that the holder can " + name.toLowerCase() + " to the association's standard.",
                "achievementType", "MicroCredential",
                "criteria", Map.of("narrative", "Pass the assessment with at least 80% and submit a work product that a reviewer rates as meeting the standard."),
                "alignments", List.of(
                        Map.of("targetName", "Stakeholder communication", "targetUrl", "https://competencies.example.org/pm/comm-1",
                                "targetFramework", "Example PM Competency Framework", "targetCode", "COMM-1"),
                        Map.of("targetName", "Risk identification", "targetUrl", "https://competencies.example.org/pm/risk-2",
                                "targetFramework", "Example PM Competency Framework", "targetCode", "RISK-2")),
                "creditHours", 10,
                "tags", List.of("project management", "communication")));
        if (created.status() != 201) throw new AssertionError("Could not create the micro-credential: " + created.body());
        String id = created.json().get("id").asText();
        Api.Response published = key.post("/api/v1/organizations/" + slug + "/achievements/" + id + "/publish", Map.of());
        if (published.status() != 200) throw new AssertionError("Could not publish: " + published.body());
        return id;
    }
}
