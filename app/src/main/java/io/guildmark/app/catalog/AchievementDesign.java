package io.guildmark.app.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * A micro-credential as its designers see it: the editable working copy and where it stands in its lifecycle.
 *
 * @param latestVersion the number of the newest published version, 0 if never published
 * @param unpublishedChanges whether the working copy differs from the newest published version
 */
public record AchievementDesign(UUID id, UUID organizationId, AchievementStatus status, int latestVersion,
        boolean unpublishedChanges, AchievementDefinition definition, Instant createdAt, Instant updatedAt) {

    Lifecycle.State state() {
        return new Lifecycle.State(status, latestVersion, unpublishedChanges);
    }

    public boolean deletable() {
        return Lifecycle.deletable(state());
    }

    public boolean retirable() {
        return Lifecycle.retirable(state());
    }

    public boolean publishable() {
        return Lifecycle.publishable(state());
    }
}
