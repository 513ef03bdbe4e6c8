package io.guildmark.app.issuing;

import java.util.UUID;

/**
 * What a badge holder has chosen for their badges, kept by the module that owns their profile (profiles implements
 * it; issuing asks without depending on it). Without an implementation, badges become unlisted when accepted and are
 * never indexable.
 */
public interface HolderPreferences {

    /** The visibility an award takes when this person accepts it. */
    Visibility defaultVisibility(UUID userId);

    /** Whether search engines may index this person's public badge pages and profile. */
    boolean indexable(UUID userId);
}
