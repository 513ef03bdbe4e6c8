package io.guildmark.app.talent;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Holders;
import org.springframework.context.ApplicationContext;

/**
 * An association with a micro-credential aligned to food safety (5 CEU) and a forklift one (3 CEU), an employer
 * partner, and learners who hold accepted badges of both, for the talent tests.
 */
final class TalentWorld {

    final ApplicationContext context;
    final CreditsFixture fixture;
    final Api admin;
    final CreditsFixture.Association association;
    final CreditsFixture.Association employer;
    final UUID foodSafety;
    final UUID forklift;

    TalentWorld(ApplicationContext context, Api admin, String baseUrl, String stem) {
        this.context = context;
        this.admin = admin;
        this.fixture = new CreditsFixture(context, admin, baseUrl);
        this.association = fixture.association(stem);
        this.employer = fixture.employer(stem + "-acme");
        fixture.partners(association, employer);
        this.foodSafety = aligned(association, "Food Safety Handling", "5", List.of(Map.of("targetName", "Food Safety",
                "targetUrl", "https://example.org/competencies/food-safety", "targetCode", "FS-101", "targetFramework", "HACCP Skills")));
        this.forklift = aligned(association, "Forklift Operation", "3", List.of());
    }

    /** A published micro-credential of the association carrying CEU credits and the given alignments. */
    UUID aligned(CreditsFixture.Association org, String name, String ceu, List<Map<String, String>> alignments) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("description", "Shows that the holder can do " + name.toLowerCase() + ".");
        body.put("achievementType", "MicroCredential");
        body.put("criteria", Map.of("narrative", "Pass the assessment."));
        body.put("creditValue", new BigDecimal(ceu));
        body.put("creditType", "CEU");
        body.put("alignments", alignments);
        Api key = admin.withToken(org.apiKey());
        Api.Response created = key.post("/api/v1/organizations/" + org.slug() + "/achievements", body);
        if (created.status() != 201) throw new AssertionError("Could not create " + name + ": " + created.body());
        String id = created.json().get("id").asText();
        Api.Response published = key.post("/api/v1/organizations/" + org.slug() + "/achievements/" + id + "/publish", Map.of());
        if (published.status() != 200) throw new AssertionError("Could not publish: " + published.body());
        return UUID.fromString(id);
    }

    /** A learner holding accepted badges of the given micro-credentials of an association. */
    Learner learner(String name, CreditsFixture.Association org, UUID... achievements) {
        EarningWorld.Person person = fixture.world.person(name, null);
        List<Award> awards = new java.util.ArrayList<>();
        for (UUID achievement : achievements) {
            Award award = fixture.award(org, achievement, person, java.time.LocalDate.now().minusDays(3));
            awards.add(Holders.acceptAndMakePublic(context, award.id()));
        }
        return new Learner(person, awards);
    }

    /** The learner chooses to be findable by the association's partners, showing the given badges. */
    void optIn(Learner learner, CreditsFixture.Association org, String location, Award... shown) {
        context.getBean(TalentProfiles.class).save(learner.person().actor(), org.slug(),
                new TalentProfiles.Form(true, "Looking for a new kitchen", location, java.util.Arrays.stream(shown).map(Award::id).toList()));
    }

    record Learner(EarningWorld.Person person, List<Award> awards) {
        Award badge(int i) {
            return awards.get(i);
        }
    }
}
