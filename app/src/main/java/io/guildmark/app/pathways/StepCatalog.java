package io.guildmark.app.pathways;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.catalog.AchievementDefinition;
import io.guildmark.app.catalog.AchievementDesign;
import io.guildmark.app.catalog.AchievementStatus;
import io.guildmark.app.catalog.AchievementVersion;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.shared.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** What pathways need to know of the micro-credentials they count: names, credits, and whether they are published. */
@Component
class StepCatalog {

    /** One micro-credential as a step (or capstone, or deeper dive) of a pathway. */
    record Info(UUID id, UUID organizationId, String name, String achievementType, @Nullable BigDecimal credits,
            @Nullable String creditType, AchievementStatus status) {

        boolean published() {
            return status == AchievementStatus.PUBLISHED;
        }

        /** "10 PDU", or empty when it carries no credits. */
        String creditText() {
            return credits == null ? "" : credits.stripTrailingZeros().toPlainString() + " " + (creditType == null ? "credits" : creditType);
        }
    }

    private final Achievements achievements;

    StepCatalog(Achievements achievements) {
        this.achievements = achievements;
    }

    /** The public view: the newest published version of each (retired ones included); unknown ids are left out. */
    Map<UUID, Info> published(Collection<UUID> ids) {
        Map<UUID, Info> infos = new LinkedHashMap<>();
        for (UUID id : ids) {
            if (infos.containsKey(id)) continue;
            achievements.latestVersion(id).ifPresent(v -> infos.put(id, info(v)));
        }
        return infos;
    }

    Optional<Info> published(UUID id) {
        return achievements.latestVersion(id).map(StepCatalog::info);
    }

    /** The organization's micro-credentials as its staff see them, drafts included, by name. */
    Map<UUID, Info> ofOrganization(Actor actor, String slug) {
        Map<UUID, Info> infos = new LinkedHashMap<>();
        for (AchievementDesign a : achievements.list(actor, slug)) {
            AchievementDefinition d = a.definition();
            infos.put(a.id(), new Info(a.id(), a.organizationId(), d.name(), d.achievementType(), d.creditValue(), d.creditType(), a.status()));
        }
        return infos;
    }

    /** The unit of a credit group: the credit type its micro-credentials share, or plain "credits". */
    static String creditUnit(RuleTree.Rule rule, Map<UUID, Info> infos) {
        if (!(rule instanceof RuleTree.Credits c)) return "credits";
        List<String> types = c.from().stream().map(infos::get).filter(Objects::nonNull).map(Info::creditType)
                .filter(Objects::nonNull).distinct().toList();
        return types.size() == 1 ? types.get(0) : "credits";
    }

    static String name(Map<UUID, Info> infos, UUID id) {
        Info info = infos.get(id);
        return info == null ? "A micro-credential no longer offered" : info.name();
    }

    private static Info info(AchievementVersion v) {
        AchievementDefinition d = v.definition();
        return new Info(v.achievementId(), v.organizationId(), d.name(), d.achievementType(), d.creditValue(), d.creditType(), v.currentStatus());
    }
}
