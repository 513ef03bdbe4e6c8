package io.guildmark.app.catalog;

import java.math.BigDecimal;

import io.guildmark.app.shared.Decimals;
import io.guildmark.app.shared.Problem;

import org.jspecify.annotations.Nullable;

/**
 * A search of the public catalog; every part is optional.
 *
 * @param q words in the name, description, criteria, tags or alignments
 * @param competency text in an alignment's name, code or framework
 * @param type an achievement type, such as {@code MicroCredential}
 * @param maxHours the most estimated hours a learner wants to spend
 * @param organization an organization's slug
 */
public record CatalogQuery(@Nullable String q, @Nullable String tag, @Nullable String competency, @Nullable String type,
        @Nullable BigDecimal maxHours, @Nullable String organization) {

    public CatalogQuery {
        q = AchievementDefinition.blankToNull(q);
        tag = AchievementDefinition.blankToNull(tag);
        competency = AchievementDefinition.blankToNull(competency);
        type = AchievementDefinition.blankToNull(type);
        organization = AchievementDefinition.blankToNull(organization);
        if (maxHours != null && !Decimals.isReasonable(maxHours)) {
            throw Problem.invalidField("maxHours", "Enter the most hours as an everyday number, such as 10 or 2.5.");
        }
    }

    public static CatalogQuery everything() {
        return new CatalogQuery(null, null, null, null, null, null);
    }

    /** Whether an entry of the public catalog matches, its organization included. */
    boolean matches(CatalogEntry entry) {
        return (organization == null || organization.equalsIgnoreCase(entry.organizationSlug())) && matches(entry.version().definition());
    }

    boolean matches(AchievementDefinition d) {
        if (q != null && java.util.Arrays.stream(q.split("\\s+")).anyMatch(word -> !d.mentions(word))) return false;
        if (tag != null && !d.taggedWith(tag)) return false;
        if (competency != null && !d.alignedTo(competency)) return false;
        if (type != null && !d.achievementType().equalsIgnoreCase(type)) return false;
        if (maxHours != null && (d.estimatedHours() == null || d.estimatedHours().compareTo(maxHours) > 0)) return false;
        return true;
    }
}
