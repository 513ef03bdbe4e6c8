package io.guildmark.app.pathways;

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
 * The version of a pathway's public page as an anonymous visitor sees it, read by one indexed query, so that a view of
 * a page already rendered costs this query and nothing else (computing the standing reads and parses each step's
 * newest catalog version and earning design: most of the page's cost).
 *
 * <p>A visitor's standing holds nothing, so the page depends only on: the pathway's status and published version (a
 * published version never changes), its prices as the page shows them (member and non-member price, and of the prices
 * per member type whether there are any and whether any is above zero), the organization's own micro-credentials (the
 * steps, capstone and deeper dives are checked to be the organization's when a version is published: how many, how
 * many published, their versions and last change), their earning designs (a prerequisite locks a step; designs are
 * only ever added, so their count and newest one) and the organization's row (its name is on the page).
 */
@Component
class PathwayPageStamps {

    /** Records compare by value: two equal stamps render the same page. */
    record Stamp(String status, int publishedVersion, @Nullable Long memberPrice, @Nullable Long nonMemberPrice,
            @Nullable String currency, long typePrices, @Nullable Long topTypePrice, long achievements, long publishedAchievements,
            long achievementVersions, @Nullable Instant achievementsChanged, long designs, @Nullable Instant designsChanged,
            String organizationName, String organizationSlug, @Nullable String logoKey, @Nullable String approval) {

        /** Whether the public may see it: published (not retired) and at least once. */
        boolean open() {
            return Pathway.Status.PUBLISHED.name().equalsIgnoreCase(status) && publishedVersion > 0;
        }
    }

    private final JdbcClient db;

    PathwayPageStamps(JdbcClient db) {
        this.db = db;
    }

    /** The pathway's stamp, or empty when there is no such pathway. */
    Optional<Stamp> of(UUID pathwayId) {
        return db.sql("""
                select p.status as pathway_status, p.latest_version as pathway_version,
                       p.member_price_minor, p.non_member_price_minor, p.currency as pathway_currency,
                       (select count(*) from pathway_member_type_prices t where t.pathway_id = p.id) as type_prices,
                       (select max(t.price_minor) from pathway_member_type_prices t where t.pathway_id = p.id) as top_type_price,
                       (select count(*) from achievements a where a.organization_id = p.organization_id) as achievement_count,
                       (select count(*) from achievements a where a.organization_id = p.organization_id and a.status = 'published') as published_count,
                       (select sum(a.latest_version) from achievements a where a.organization_id = p.organization_id) as achievement_versions,
                       (select max(a.updated_at) from achievements a where a.organization_id = p.organization_id) as achievements_changed,
                       (select count(*) from earning_designs d where d.organization_id = p.organization_id) as design_count,
                       (select max(d.created_at) from earning_designs d where d.organization_id = p.organization_id) as designs_changed,
                       o.name as org_name, o.slug as org_slug, o.logo_key as org_logo, o.approval_state as org_approval
                from pathways p
                join organizations o on o.id = p.organization_id
                where p.id = ?""")
                .param(pathwayId)
                .query(PathwayPageStamps::stamp)
                .optional();
    }

    private static Stamp stamp(ResultSet rs, int row) throws SQLException {
        return new Stamp(rs.getString("pathway_status"), rs.getInt("pathway_version"), longOrNull(rs, "member_price_minor"),
                longOrNull(rs, "non_member_price_minor"), rs.getString("pathway_currency"), rs.getLong("type_prices"),
                longOrNull(rs, "top_type_price"), rs.getLong("achievement_count"), rs.getLong("published_count"),
                rs.getLong("achievement_versions"), instant(rs.getTimestamp("achievements_changed")), rs.getLong("design_count"),
                instant(rs.getTimestamp("designs_changed")), rs.getString("org_name"), rs.getString("org_slug"),
                rs.getString("org_logo"), rs.getString("org_approval"));
    }

    private static @Nullable Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
