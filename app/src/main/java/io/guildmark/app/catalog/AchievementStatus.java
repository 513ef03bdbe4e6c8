package io.guildmark.app.catalog;

import java.util.Locale;

/** Where a micro-credential is in its life: only published ones are listed publicly and may be awarded. */
public enum AchievementStatus {
    DRAFT, PUBLISHED, RETIRED;

    /** The lower-case name used in the API, the database and CSS classes. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AchievementStatus parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
