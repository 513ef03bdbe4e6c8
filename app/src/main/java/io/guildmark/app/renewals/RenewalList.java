package io.guildmark.app.renewals;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
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
 * The staff list of renewal requests at 100,000 rows, each with the credential it asks to renew (joined from the
 * award, so a search or filter by micro-credential needs no second query). Staff who may issue read it.
 */
@Service
public class RenewalList {

    /** Where a request stands: pending (waiting for staff), approved (renewed) or rejected. */
    public enum Status {
        PENDING("OPEN"), APPROVED("APPROVED"), REJECTED("REJECTED");

        final String stored;

        Status(String stored) {
            this.stored = stored;
        }
    }

    public enum Sort {
        NEWEST(ListOrder.descending("newest", ListOrder.instant("r.requested_at"), ListOrder.uuid("r.id"))),
        OLDEST(ListOrder.ascending("oldest", ListOrder.instant("r.requested_at"), ListOrder.uuid("r.id"))),
        NAME(ListOrder.ascending("name", ListOrder.text("lower(a.recipient_name)"), ListOrder.uuid("r.id")));

        final ListOrder order;

        Sort(ListOrder order) {
            this.order = order;
        }
    }

    /** Words in the holder's name or e-mail or the micro-credential's name; a micro-credential; a status; requested between two days. */
    public record Filter(@Nullable String search, @Nullable UUID achievementId, @Nullable Status status, @Nullable LocalDate from,
            @Nullable LocalDate to, Sort sort) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, Sort.NEWEST);
        }

        public static Filter pending() {
            return new Filter(null, null, Status.PENDING, null, null, Sort.OLDEST);
        }

        public static Filter parse(@Nullable String q, @Nullable String credential, @Nullable String status, @Nullable String from,
                @Nullable String to, @Nullable String sort) {
            Sort s = ListParams.choice(Sort.class, sort, "sort");
            return new Filter(q, ListParams.id(credential, "credential", "Choose a micro-credential from the list."),
                    ListParams.choice(Status.class, status, "status"), ListParams.day(from, "from"), ListParams.day(to, "to"),
                    s == null ? Sort.NEWEST : s);
        }
    }

    /** The credential a request is about. */
    public record Credential(UUID id, UUID achievementId, String achievementName, String recipientName, @Nullable Instant validUntil) {}

    /** A request as staff see it, with the credential it asks to renew. */
    public record Line(Renewals.Request request, Credential award) {
        public Status status() {
            return switch (request.status()) {
                case OPEN -> Status.PENDING;
                case APPROVED -> Status.APPROVED;
                case REJECTED -> Status.REJECTED;
            };
        }
    }

    /** A micro-credential someone asked to renew, for the filter. */
    public record Asked(UUID id, String name) {}

    private static final String SELECT = "r.*, a.achievement_id as a_achievement_id, a.achievement_name as a_achievement_name, "
            + "a.recipient_name as a_recipient_name, a.valid_until as a_valid_until";
    private static final String FROM = "renewal_requests r join awards a on a.id = r.award_id";

    private final JdbcClient db;
    private final Organizations organizations;
    private final Listings listings;

    RenewalList(JdbcClient db, Organizations organizations, Listings listings) {
        this.db = db;
        this.organizations = organizations;
        this.listings = listings;
    }

    public ListPage<Line> page(Actor actor, String slug, Filter filter, int limit, @Nullable String cursor) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        return listings.page(source(org.id(), filter), filter.sort().order, limit, cursor, RenewalList::line);
    }

    public ListPage<Line> pageAt(Actor actor, String slug, Filter filter, int offset, int limit) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        return listings.pageAt(source(org.id(), filter), filter.sort().order, offset, limit, RenewalList::line);
    }

    public void each(Actor actor, String slug, Filter filter, Consumer<Line> consumer) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        listings.each(source(org.id(), filter), filter.sort().order, RenewalList::line, consumer);
    }

    /** Refuses a bad filter or a stranger before a download starts. */
    public Organization check(Actor actor, String slug, Filter filter) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        source(org.id(), filter);
        return org;
    }

    /** The micro-credentials with renewal requests, by name, for the filter. */
    public List<Asked> credentials(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        return db.sql("""
                select a.achievement_id, max(a.achievement_name) from renewal_requests r join awards a on a.id = r.award_id
                where r.organization_id = ? group by a.achievement_id""")
                .param(org.id()).query((rs, n) -> new Asked(rs.getObject(1, UUID.class), rs.getString(2))).list().stream()
                .sorted(java.util.Comparator.comparing(Asked::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    private static Listings.Source source(UUID organizationId, Filter f) {
        ListWhere where = ListWhere.of("r.organization_id = ?", organizationId)
                .search(f.search(), "lower(a.recipient_name)", "lower(r.email)", "lower(a.achievement_name)")
                .equal("a.achievement_id", f.achievementId())
                .equal("r.status", f.status() == null ? null : f.status().stored)
                .days("r.requested_at", f.from(), f.to());
        return new Listings.Source("renewals", SELECT, FROM, where).scopedBy("r.organization_id");
    }

    private static Line line(ResultSet rs, int n) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        Timestamp valid = rs.getTimestamp("a_valid_until");
        Renewals.Request request = new Renewals.Request(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getObject("award_id", UUID.class), rs.getString("email"), rs.getString("note"),
                Renewals.RequestStatus.valueOf(rs.getString("status")), rs.getTimestamp("requested_at").toInstant(),
                decided == null ? null : decided.toInstant(), rs.getString("reason"));
        return new Line(request, new Credential(request.awardId(), rs.getObject("a_achievement_id", UUID.class),
                rs.getString("a_achievement_name"), rs.getString("a_recipient_name"), valid == null ? null : valid.toInstant()));
    }
}
