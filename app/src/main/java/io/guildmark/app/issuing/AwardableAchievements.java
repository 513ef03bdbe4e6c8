package io.guildmark.app.issuing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.guildmark.app.catalog.AchievementStatus;
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

    /**
     * Published versions as awards sign them, by micro-credential and version: a published version never changes
     * (a change is a new version), so only whether it is still the newest and still published is read per award.
     */
    private final Cache<VersionKey, Awardable> published = Caffeine.newBuilder().maximumSize(2_000).build();

    private record VersionKey(UUID achievementId, int version) {}

    /**
     * Each micro-credential's owner, status and newest version as read while its organization's catalog stamp was
     * {@code catalogStamp} (see {@link Organization.Stamps}): every write to the organization's micro-credentials or
     * versions sets a new stamp, so an entry is used only while nothing of the catalog changed, on any node.
     */
    private final Cache<ItemKey, StampedItem> latest = Caffeine.newBuilder().maximumSize(10_000).build();

    private record ItemKey(UUID organizationId, UUID achievementId) {}

    private record StampedItem(long catalogStamp, Achievements.LatestVersionStamp item) {}

    private final Achievements achievements;

    AwardableAchievements(Achievements achievements) {
        this.achievements = achievements;
    }

    /** The newest published version of one of the organization's micro-credentials; drafts and retired ones cannot be awarded. */
    Awardable awardable(Organization org, UUID achievementId) {
        return awardable(org, achievementId, achievements.latestVersionStamp(achievementId));
    }

    /**
     * {@link #awardable(Organization, UUID)} of an organization read moments ago in the same request: its catalog stamp
     * as read tells whether what this node keeps of the micro-credential is still current, so a run of awards reads it
     * once. A micro-credential retired, published anew, moved or deleted sets a new stamp: the next award on every node
     * reads it again.
     */
    Awardable awardableAsRead(Organization org, UUID achievementId) {
        long stamp = org.stampsAsRead().catalog();
        ItemKey key = new ItemKey(org.id(), achievementId);
        StampedItem kept = latest.getIfPresent(key);
        if (kept != null && kept.catalogStamp() == stamp) return awardable(org, achievementId, Optional.of(kept.item()));
        Optional<Achievements.LatestVersionStamp> read = achievements.latestVersionStamp(achievementId);
        // Read after the stamp, so at least as new as it; an id of nothing (or of another organization's) is not kept:
        // guessed ids must not push out what awards use.
        read.filter(s -> s.organizationId().equals(org.id())).ifPresent(s -> latest.put(key, new StampedItem(stamp, s)));
        return awardable(org, achievementId, read);
    }

    private Awardable awardable(Organization org, UUID achievementId, Optional<Achievements.LatestVersionStamp> item) {
        Achievements.LatestVersionStamp stamp = item
                .filter(s -> s.organizationId().equals(org.id()) && s.latestVersion() > 0)
                .orElseThrow(() -> notPublishedIn(org));
        if (stamp.status() != AchievementStatus.PUBLISHED) {
            String name = achievements.findVersion(achievementId, stamp.latestVersion()).map(v -> v.definition().name()).orElse("This micro-credential");
            throw Problem.invalidField("achievementId", "\"" + name + "\" is retired and can no longer be awarded.");
        }
        Awardable kept = published.getIfPresent(new VersionKey(achievementId, stamp.latestVersion()));
        if (kept != null) return kept;
        Awardable read = achievements.findVersion(achievementId, stamp.latestVersion()).map(this::awardable).orElseThrow(() -> notPublishedIn(org));
        published.put(new VersionKey(achievementId, read.version()), read);
        return read;
    }

    private static Problem notPublishedIn(Organization org) {
        return Problem.invalidField("achievementId", "There is no published micro-credential with this id in " + org.name() + ".");
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
