package io.guildmark.app.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The version of a micro-credential's public page ({@code /achievements/{id}}, or one of its versions) as an anonymous
 * visitor sees it, read by one indexed query, so that a view of a page already rendered costs this query and nothing
 * else (the page used to read the version, its organization, every published version, the co-designers and both lists
 * of endorsements on each view).
 *
 * <p>A published version never changes, so the page depends only on: which version is shown and whether it still
 * exists, the micro-credential's status and newest version (the "retired" and "see the current version" notices, the
 * enroll form), how many versions there are (the list of versions; they are only ever added), the organization's row
 * as the page shows it (name, slug, logo, approval), the co-designers of the shown version by slug and name, and the
 * endorsements in force of the micro-credential and of the organization itself: every change of an endorsement sets
 * its {@code changed_at}, and the endorsers' slugs and names are read too, so a renamed endorser changes the stamp. Each
 * is read from the database on every view, so a change made on any node shows on the next view on every node.
 */
@Component
class AchievementPageStamps {

    /** Records compare by value: two equal stamps render the same page. */
    record Stamp(UUID achievementId, int version, String status, int latestVersion, long versions, UUID organizationId,
            String orgName, String orgSlug, @Nullable String orgLogo, @Nullable String orgApproval, @Nullable String coDesigners,
            long endorsements, @Nullable Instant endorsementsChanged, @Nullable String endorsers,
            long associationEndorsements, @Nullable Instant associationEndorsementsChanged, @Nullable String associationEndorsers) {}

    /** The endorsements of one subject in force, as the endorsements module shows them. */
    private static final String IN_FORCE = "n.revoked_at is null and n.hidden_at is null and n.partnership_ended_at is null";

    /** The stamp's columns; {@code v} is the version shown, {@code a} the micro-credential, {@code o} its organization. */
    private static final String SELECT = """
            select a.id, v.version, a.status, a.latest_version, a.organization_id,
                   (select count(*) from achievement_versions x where x.achievement_id = a.id) as versions,
                   o.name as org_name, o.slug as org_slug, o.logo_key as org_logo, o.approval_state as org_approval,
                   (select string_agg(e.slug || ' ' || e.name, '|' order by e.slug) from codesign_codesigners c
                      join organizations e on e.id = c.employer_id
                     where c.achievement_id = a.id and c.version = v.version) as co_designers,
                   (select count(*) from endorsements n where n.achievement_id = a.id) as endorsements,
                   (select max(n.changed_at) from endorsements n where n.achievement_id = a.id) as endorsements_changed,
                   (select string_agg(e.slug || ' ' || e.name, '|' order by e.slug) from endorsements n
                      join organizations e on e.id = n.employer_id
                     where n.achievement_id = a.id and %1$s) as endorsers,
                   (select count(*) from endorsements n where n.association_id = a.organization_id and n.achievement_id is null)
                     as association_endorsements,
                   (select max(n.changed_at) from endorsements n where n.association_id = a.organization_id and n.achievement_id is null)
                     as association_endorsements_changed,
                   (select string_agg(e.slug || ' ' || e.name, '|' order by e.slug) from endorsements n
                      join organizations e on e.id = n.employer_id
                     where n.association_id = a.organization_id and n.achievement_id is null and %1$s) as association_endorsers
            from achievements a
            join organizations o on o.id = a.organization_id
            """.formatted(IN_FORCE);

    private final JdbcClient db;

    AchievementPageStamps(JdbcClient db) {
        this.db = db;
    }

    /** The stamp of the page of the newest published version, or empty when nothing of the micro-credential is published. */
    Optional<Stamp> ofLatest(UUID achievementId) {
        return db.sql(SELECT + "join achievement_versions v on v.achievement_id = a.id and v.version = a.latest_version where a.id = ?")
                .param(achievementId)
                .query(AchievementPageStamps::stamp)
                .optional();
    }

    /** The stamp of the page of one published version, or empty when there is no such version. */
    Optional<Stamp> of(UUID achievementId, int version) {
        return db.sql(SELECT + "join achievement_versions v on v.achievement_id = a.id and v.version = ? where a.id = ?")
                .params(version, achievementId)
                .query(AchievementPageStamps::stamp)
                .optional();
    }

    private static Stamp stamp(ResultSet rs, int row) throws SQLException {
        return new Stamp(rs.getObject("id", UUID.class), rs.getInt("version"), rs.getString("status"), rs.getInt("latest_version"),
                rs.getLong("versions"), rs.getObject("organization_id", UUID.class), rs.getString("org_name"), rs.getString("org_slug"),
                rs.getString("org_logo"), rs.getString("org_approval"), rs.getString("co_designers"), rs.getLong("endorsements"),
                instant(rs.getTimestamp("endorsements_changed")), rs.getString("endorsers"), rs.getLong("association_endorsements"),
                instant(rs.getTimestamp("association_endorsements_changed")), rs.getString("association_endorsers"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
