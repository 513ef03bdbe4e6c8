package io.guildmark.app.catalog;

import java.util.UUID;

/** A version of a micro-credential was published (or a retired one reinstated under {@code version}). */
public record AchievementPublished(UUID achievementId, UUID organizationId, int version) {}
