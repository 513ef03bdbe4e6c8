package io.guildmark.credentials.ob3;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Open Badges 3.0 model objects as a Guildmark program issues them. */
final class Ob3Fixture {

    static final String ISSUER = "did:web:badges.example.org:issuers:welding-guild";

    private Ob3Fixture() {
    }

    static Profile issuer() {
        return new Profile(ISSUER, "Welding Guild of Examplia", "https://welding-guild.example.org", null,
                Image.of("https://badges.example.org/images/guild.png"), null, null);
    }

    static Achievement achievement() {
        List<RubricCriterionLevel> levels = List.of(
                new RubricCriterionLevel("https://badges.example.org/achievements/mig-1/levels/not-yet", "Not yet",
                        null, null, "0", null),
                new RubricCriterionLevel("https://badges.example.org/achievements/mig-1/levels/meets", "Meets",
                        "Sound welds in all positions", null, "3", null));
        return new Achievement("https://badges.example.org/achievements/mig-1", "MIG Welding — Level 1",
                "Demonstrates safe MIG welding of mild steel in all positions.",
                new Criteria("https://badges.example.org/achievements/mig-1/criteria",
                        "Pass the practical assessment, reviewed by **two** certified welders."),
                new Image("https://badges.example.org/images/mig.png", "MIG badge"), "MicroCredential",
                List.of(new Alignment("Weld plate in flat position", "https://frameworks.example.org/welding/1",
                                "Flat position butt weld", "Welding Framework 2026", "W-1", "CFItem"),
                        new Alignment("Weld plate overhead", "https://frameworks.example.org/welding/4", null, null,
                                "W-4", "ext:GuildSkill")),
                List.of("welding", "MIG"), new BigDecimal("1.5"), "MIG-101", "Welding", null,
                List.of(ResultDescription.rubric("https://badges.example.org/achievements/mig-1/results/practical",
                        "Practical assessment", levels,
                        "https://badges.example.org/achievements/mig-1/levels/meets")),
                "2026.1", "en", issuer());
    }

    static AchievementCredential credential() {
        AchievementSubject subject = new AchievementSubject(null, achievement(),
                List.of(IdentityObject.hashedEmail("Zoë.Nunez@Example.org", "5e1f0a7c")),
                List.of(new Result("https://badges.example.org/achievements/mig-1/results/practical", null,
                        "https://badges.example.org/achievements/mig-1/levels/meets", "Completed", null)),
                new BigDecimal("1.5"), null, Instant.parse("2026-11-20T16:00:00Z"), null, null, null, null);
        return new AchievementCredential("https://badges.example.org/credentials/7f0e9a52", "MIG Welding — Level 1",
                "Awarded after a peer-reviewed practical assessment.", null, issuer(),
                Instant.parse("2026-11-21T09:00:00Z"), Instant.parse("2029-11-21T09:00:00Z"),
                Instant.parse("2026-11-21T09:00:00Z"), subject,
                List.of(new Evidence("https://badges.example.org/evidence/7f0e9a52/1", "Butt weld photo", null,
                                "6 mm plate, flat position", "Photograph", null),
                        new Evidence(null, "Reviewer notes", null, "Clean bead, full penetration.", null, null)),
                CredentialStatus.bitstring("https://badges.example.org/status/3", 4711, "revocation"), null, null,
                null);
    }

    static AchievementCredential minimalCredential() {
        return AchievementCredential.of("urn:uuid:2f0c4b8e-9d0f-4a5e-8f7d-1b2c3d4e5f60", "Safety Basics",
                Profile.of(ISSUER, "Welding Guild of Examplia"), Instant.parse("2026-11-21T09:00:00Z"),
                AchievementSubject.of(IdentityObject.hashedEmail("ada@example.org", "abc"),
                        Achievement.of("https://badges.example.org/achievements/safety", "Safety Basics",
                                "Knows the workshop safety rules.", Criteria.narrative("Pass the quiz.")),
                        List.of()),
                List.of(), null);
    }
}
