package io.guildmark.app.pathways;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.pathways.model.Requirement;
import org.jspecify.annotations.Nullable;

/**
 * A published version of a pathway, frozen: the rules a learner on it is held to, and what finishing leads to.
 *
 * @param rules the tree as stored and served (JSON shape)
 * @param requirement the same tree for the rule engine; checked when the version was published
 * @param deeperDives advanced micro-credentials that follow the capstone: shown after it, never required
 * @param current the pathway's status now (a retired pathway takes no new learners)
 * @param latest whether this is the newest published version
 */
public record PathwayVersion(UUID pathwayId, UUID organizationId, int version, String name, @Nullable String description,
        Pathway.CapstoneKind capstoneKind, @Nullable UUID capstoneAchievementId, RuleTree.Rule rules, Requirement requirement,
        List<UUID> deeperDives, Instant publishedAt, Pathway.Status current, boolean latest) {

    public PathwayVersion {
        deeperDives = List.copyOf(deeperDives);
    }

    /** Every micro-credential the rules count, in order of first mention. */
    public List<UUID> steps() {
        return requirement.achievements();
    }

    public boolean awardsCredential() {
        return capstoneKind == Pathway.CapstoneKind.CREDENTIAL;
    }
}
