package io.guildmark.app.catalog;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Someone opened a micro-credential's public page (its HTML, not its JSON). Published in memory on every view, for
 * counters that add it up without a database write per view; {@code userAgent} lets them leave crawlers out.
 */
public record AchievementPageViewed(UUID achievementId, @Nullable String userAgent) {}
