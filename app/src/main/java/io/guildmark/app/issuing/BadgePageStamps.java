package io.guildmark.app.issuing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The version of a badge's public page, read by one indexed query: everything the page shows or checks that can
 * change, so that a visitor's view of a page already rendered costs this query and nothing else.
 *
 * <p>It holds the award's row (without its signed credential: state, revocation, visibility, acceptance, dates), the
 * version of its status list (ETag and last change), of its issuer's key set (how many keys, the last creation,
 * rotation or retirement), the organization's name, slug, logo and approval, its verified domain, and the holder's
 * indexing choice. A revocation, a key retirement, a visibility or indexing change, an approval or a renamed issuer
 * changes the stamp on the next view on every node. What the query cannot see is added by the page: the time (before,
 * within or after the validity period, and a bucket of {@link LocalVerification#REUSE_AT_MOST}, after which the
 * verification is run again anyway), the endorsements in force (kept in memory by their module) and the badge design.
 */
@Component
class BadgePageStamps {

    /** The page's version as read from the database; records compare by value, so two equal stamps render the same page. */
    record Stamp(Award award, @Nullable String listEtag, @Nullable Instant listUpdated, long keys, @Nullable Instant keysChanged,
            @Nullable Instant lastRetired, String issuerName, String issuerSlug, @Nullable String logoKey, @Nullable String approval,
            @Nullable String verifiedDomain, boolean holderIndexable) {}

    private final JdbcClient db;
    private final Clock clock;

    BadgePageStamps(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The award's stamp, or empty when there is no such award. */
    Optional<Stamp> of(UUID awardId) {
        return db.sql("""
                select a.id, a.organization_id, a.achievement_id, a.achievement_version, a.achievement_name, a.recipient_email,
                       a.recipient_name, a.recipient_user_id, a.issued_at, a.valid_from, a.valid_until, a.state, a.revoked_at,
                       a.revocation_reason, a.claimed_at, a.claim_state, a.claim_link_expires_at, a.visibility,
                       s.etag as list_etag, s.updated_at as list_updated,
                       (select count(*) from issuer_keys k where k.organization_id = a.organization_id) as key_count,
                       (select max(coalesce(k.retired_at, k.rotated_at, k.created_at)) from issuer_keys k
                         where k.organization_id = a.organization_id) as keys_changed,
                       (select max(k.retired_at) from issuer_keys k where k.organization_id = a.organization_id) as last_retired,
                       o.name as org_name, o.slug as org_slug, o.logo_key as org_logo, o.approval_state as org_approval,
                       (select max(d.domain) from issuer_domains d where d.organization_id = a.organization_id and d.verified) as org_domain,
                       (select p.indexable from profiles p where p.user_id = a.recipient_user_id) as holder_indexable
                from awards a
                join organizations o on o.id = a.organization_id
                left join status_lists s on s.id = a.status_list_id
                where a.id = ?""")
                .param(awardId)
                .query(BadgePageStamps::stamp)
                .optional();
    }

    /**
     * What the time adds to the page's version: where now falls in the validity period (the verdict and "expired" change
     * at its boundaries), and which {@link LocalVerification#REUSE_AT_MOST} interval it is in.
     */
    Object timeOf(Award award) {
        Instant now = clock.instant();
        int phase = award.validFrom().isAfter(now) ? 0 : award.validUntil() != null && !award.validUntil().isAfter(now) ? 2 : 1;
        return phase + "|" + now.toEpochMilli() / LocalVerification.REUSE_AT_MOST.toMillis();
    }

    private static Stamp stamp(ResultSet rs, int row) throws SQLException {
        Boolean indexable = (Boolean) rs.getObject("holder_indexable");
        return new Stamp(Awards.award(rs, row), rs.getString("list_etag"), instant(rs.getTimestamp("list_updated")), rs.getLong("key_count"),
                instant(rs.getTimestamp("keys_changed")), instant(rs.getTimestamp("last_retired")), rs.getString("org_name"),
                rs.getString("org_slug"), rs.getString("org_logo"), rs.getString("org_approval"), rs.getString("org_domain"),
                Boolean.TRUE.equals(indexable));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
