package io.guildmark.app.catalog;

/** One micro-credential in the public catalog: its newest published version and who offers it. */
public record CatalogEntry(AchievementVersion version, String organizationSlug, String organizationName) {}
