package io.guildmark.app.issuing;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.catalog.AchievementVersion;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.catalog.CatalogQuery;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.shared.Problem;
import jakarta.json.JsonObject;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** What issuing needs of the catalog: the published version of a micro-credential, as the OB 3.0 achievement to sign. */
@Component
class AwardableAchievements {

    /** A version that may be awarded now. */
    record Awardable(UUID achievementId, int version, String name, JsonObject ob3, @Nullable Integer validityMonths,
            @Nullable BigDecimal creditsEarned) {}

    private final Achievements achievements;

    AwardableAchievements(Achievements achievements) {
        this.achievements = achievements;
    }

    /** The newest published version of one of the organization's micro-credentials; drafts and retired ones cannot be awarded. */
    Awardable awardable(Organization org, UUID achievementId) {
        AchievementVersion version = achievements.latestVersion(achievementId)
                .filter(v -> v.organizationId().equals(org.id()))
                .orElseThrow(() -> Problem.invalidField("achievementId", "There is no published micro-credential with this id in " + org.name() + "."));
        if (!version.awardable()) {
            throw Problem.invalidField("achievementId", "\"" + version.definition().name() + "\" is retired and can no longer be awarded.");
        }
        return awardable(version);
    }

    List<Awardable> listAwardable(Organization org) {
        return achievements.catalog(new CatalogQuery(null, null, null, null, null, org.slug())).stream()
                .map(entry -> awardable(entry.version()))
                .toList();
    }

    private Awardable awardable(AchievementVersion version) {
        return new Awardable(version.achievementId(), version.version(), version.definition().name(),
                achievements.toOb3(version).toJson(), version.definition().validityMonths(), version.definition().creditValue());
    }
}
