package io.guildmark.app.catalog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The employer partners that co-designed a published version (they signed off exactly the revision that was
 * published). The co-design module answers it; the catalog names them on the public page and in its JSON without
 * depending on that module. Without an implementation, nobody is named.
 */
public interface CoDesigners {

    /** An employer named as co-designer, with the address of its public page. */
    record CoDesigner(String slug, String name, String url) {}

    /** The co-designers of one published version, by name. */
    List<CoDesigner> of(UUID achievementId, int version);

    /** The co-designers of many micro-credentials' versions at once (one read), keyed by achievement id. */
    Map<UUID, List<CoDesigner>> of(Map<UUID, Integer> versions);
}
