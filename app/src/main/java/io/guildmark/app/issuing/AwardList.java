package io.guildmark.app.issuing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.ListOrder;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListParams;
import io.guildmark.app.shared.ListWhere;
import io.guildmark.app.shared.Listings;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The staff list of an organization's awards at 100,000 rows: search, filters, orders, pages with a total, and every
 * match for the CSV export. Reads only the columns an {@link Award} needs, never the signed credential.
 */
@Service
public class AwardList {

    /** What the awards list shows: issued (active, not expired), expired, or revoked. */
    public enum State { ACTIVE, EXPIRED, REVOKED }

    /** Where the recipient's claim stands. */
    public enum Claim { PENDING, ACCEPTED, DECLINED }

    public enum Sort {
        NEWEST(ListOrder.descending("newest", ListOrder.instant("issued_at"), ListOrder.uuid("id"))),
        OLDEST(ListOrder.ascending("oldest", ListOrder.instant("issued_at"), ListOrder.uuid("id"))),
        NAME(ListOrder.ascending("name", ListOrder.text("lower(recipient_name)"), ListOrder.uuid("id")));

        final ListOrder order;

        Sort(ListOrder order) {
            this.order = order;
        }
    }

    /** How staff narrow the list: words in the recipient's name or e-mail or the micro-credential's name, and the rest. */
    public record Filter(@Nullable String search, @Nullable UUID achievementId, @Nullable State state, @Nullable Claim claim,
            @Nullable LocalDate from, @Nullable LocalDate to, Sort sort) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, null, Sort.NEWEST);
        }

        /** The filter from a query string, as the page and the API take it; an unknown value is a 400 naming the field. */
        public static Filter parse(@Nullable String q, @Nullable String credential, @Nullable String state, @Nullable String claim,
                @Nullable String from, @Nullable String to, @Nullable String sort) {
            Sort s = ListParams.choice(Sort.class, sort, "sort");
            return new Filter(q, ListParams.id(credential, "credential", "Choose a micro-credential from the list."),
                    ListParams.choice(State.class, state, "state"), ListParams.choice(Claim.class, claim, "claim"),
                    ListParams.day(from, "from"), ListParams.day(to, "to"), s == null ? Sort.NEWEST : s);
        }
    }

    /** A micro-credential the organization awarded, for the filter. */
    public record Awarded(UUID id, String name) {}

    static final String COLUMNS = "id, organization_id, achievement_id, achievement_version, achievement_name, recipient_email, "
            + "recipient_name, recipient_user_id, issued_at, valid_from, valid_until, state, revoked_at, revocation_reason, claimed_at, "
            + "claim_state, claim_link_expires_at, visibility";

    private final JdbcClient db;
    private final Organizations organizations;
    private final Listings listings;
    private final Clock clock;
    private final io.guildmark.app.catalog.Achievements achievements;

    AwardList(JdbcClient db, Organizations organizations, Listings listings, Clock clock, io.guildmark.app.catalog.Achievements achievements) {
        this.achievements = achievements;
        this.db = db;
        this.organizations = organizations;
        this.listings = listings;
        this.clock = clock;
    }

    /** A page after the cursor (the API). */
    public ListPage<Award> page(Actor actor, String slug, Filter filter, int limit, @Nullable String cursor) {
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        return listings.page(source(org.id(), filter), filter.sort().order, limit, cursor, Awards::award);
    }

    /** A page by position (the staff page's page numbers). */
    public ListPage<Award> pageAt(Actor actor, String slug, Filter filter, int offset, int limit) {
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        return listings.pageAt(source(org.id(), filter), filter.sort().order, offset, limit, Awards::award);
    }

    /** Every match, in order, a thousand at a time. */
    public void each(Actor actor, String slug, Filter filter, Consumer<Award> consumer) {
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        listings.each(source(org.id(), filter), filter.sort().order, Awards::award, consumer);
    }

    /** Refuses a bad filter (and a stranger) before a download starts. */
    public Organization check(Actor actor, String slug, Filter filter) {
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        source(org.id(), filter);
        return org;
    }

    /** The micro-credentials the organization published (and so may have awarded), by name, for the filter. */
    public List<Awarded> awarded(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.SEE_LEARNERS);
        // From the catalog (a few rows), not from the awards (100,000): every micro-credential ever published can have awards.
        return db.sql("select id from achievements where organization_id = ? and latest_version > 0").param(org.id()).query(UUID.class).list()
                .stream().flatMap(id -> achievements.latestVersion(id).map(v -> new Awarded(id, v.definition().name())).stream())
                .sorted(java.util.Comparator.comparing(Awarded::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    private Listings.Source source(UUID organizationId, Filter f) {
        ListWhere where = ListWhere.of("organization_id = ?", organizationId)
                .search(f.search(), "lower(recipient_name)", "lower(recipient_email)", "lower(achievement_name)")
                .equal("achievement_id", f.achievementId())
                .equal("claim_state", f.claim() == null ? null : f.claim().name().toLowerCase(java.util.Locale.ROOT))
                .days("issued_at", f.from(), f.to());
        Timestamp now = Timestamp.from(clock.instant());
        if (f.state() == State.REVOKED) where.and("state = 'revoked'");
        if (f.state() == State.ACTIVE) where.and("state = 'active' and (valid_until is null or valid_until > ?)", now);
        if (f.state() == State.EXPIRED) where.and("state = 'active' and valid_until <= ?", now);
        return new Listings.Source("awards", COLUMNS, "awards", where).scopedBy("organization_id");
    }
}
