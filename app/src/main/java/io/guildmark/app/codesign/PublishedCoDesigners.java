package io.guildmark.app.codesign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.catalog.CoDesigners;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.GuildmarkSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tells the catalog who co-designed a published version: the partners recorded at its publication. */
@Component
class PublishedCoDesigners implements CoDesigners {

    private final JdbcClient db;
    private final Organizations organizations;
    private final GuildmarkSettings settings;

    PublishedCoDesigners(JdbcClient db, Organizations organizations, GuildmarkSettings settings) {
        this.db = db;
        this.organizations = organizations;
        this.settings = settings;
    }

    @Override
    public List<CoDesigner> of(UUID achievementId, int version) {
        return named(db.sql("select employer_id from codesign_codesigners where achievement_id = ? and version = ?")
                .params(achievementId, version).query(UUID.class).list());
    }

    @Override
    public Map<UUID, List<CoDesigner>> of(Map<UUID, Integer> versions) {
        // Rows exist only for co-designed versions (a few per micro-credential): one read of them all, then matched.
        Map<UUID, List<UUID>> employers = new HashMap<>();
        db.sql("select achievement_id, version, employer_id from codesign_codesigners").query(rs -> {
            UUID id = rs.getObject(1, UUID.class);
            Integer wanted = versions.get(id);
            if (wanted != null && wanted == rs.getInt(2)) employers.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getObject(3, UUID.class));
        });
        Map<UUID, List<CoDesigner>> result = new HashMap<>();
        employers.forEach((id, list) -> result.put(id, named(list)));
        return result;
    }

    private List<CoDesigner> named(List<UUID> employerIds) {
        return employerIds.stream().map(organizations::findById).flatMap(java.util.Optional::stream)
                .sorted(java.util.Comparator.comparing(Organization::name, String.CASE_INSENSITIVE_ORDER))
                .map(o -> new CoDesigner(o.slug(), o.name(), settings.url("/issuers/" + o.slug()))).toList();
    }
}
