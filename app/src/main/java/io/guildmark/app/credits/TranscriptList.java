package io.guildmark.app.credits;

import java.time.LocalDate;
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
import org.springframework.stereotype.Service;

/** The staff list of the CLR transcripts the organization signed, at 100,000 rows. Staff who may issue read it. */
@Service
public class TranscriptList {

    /** A signed transcript verifies (active) or was revoked. */
    public enum State { ACTIVE, REVOKED }

    public enum Sort {
        NEWEST(ListOrder.descending("newest", ListOrder.instant("issued_at"), ListOrder.uuid("id"))),
        OLDEST(ListOrder.ascending("oldest", ListOrder.instant("issued_at"), ListOrder.uuid("id"))),
        NAME(ListOrder.ascending("name", ListOrder.text("lower(holder_name)"), ListOrder.uuid("id")));

        final ListOrder order;

        Sort(ListOrder order) {
            this.order = order;
        }
    }

    /** Words in the holder's name or e-mail; a state; signed between two days. */
    public record Filter(@Nullable String search, @Nullable State state, @Nullable LocalDate from, @Nullable LocalDate to, Sort sort) {

        public static Filter none() {
            return new Filter(null, null, null, null, Sort.NEWEST);
        }

        public static Filter parse(@Nullable String q, @Nullable String state, @Nullable String from, @Nullable String to, @Nullable String sort) {
            Sort s = ListParams.choice(Sort.class, sort, "sort");
            return new Filter(q, ListParams.choice(State.class, state, "state"), ListParams.day(from, "from"), ListParams.day(to, "to"),
                    s == null ? Sort.NEWEST : s);
        }
    }

    private final Organizations organizations;
    private final Listings listings;

    TranscriptList(Organizations organizations, Listings listings) {
        this.organizations = organizations;
        this.listings = listings;
    }

    public ListPage<ClrTranscripts.Issued> page(Actor actor, String slug, Filter filter, int limit, @Nullable String cursor) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        return listings.page(source(org.id(), filter), filter.sort().order, limit, cursor, ClrTranscripts::issuedRow);
    }

    public ListPage<ClrTranscripts.Issued> pageAt(Actor actor, String slug, Filter filter, int offset, int limit) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        return listings.pageAt(source(org.id(), filter), filter.sort().order, offset, limit, ClrTranscripts::issuedRow);
    }

    public void each(Actor actor, String slug, Filter filter, Consumer<ClrTranscripts.Issued> consumer) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        listings.each(source(org.id(), filter), filter.sort().order, ClrTranscripts::issuedRow, consumer);
    }

    public Organization check(Actor actor, String slug, Filter filter) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        source(org.id(), filter);
        return org;
    }

    private static Listings.Source source(UUID organizationId, Filter f) {
        ListWhere where = ListWhere.of("organization_id = ?", organizationId)
                .search(f.search(), "lower(holder_name)", "lower(holder_email)")
                .equal("state", f.state() == null ? null : f.state() == State.REVOKED ? "revoked" : "active")
                .days("issued_at", f.from(), f.to());
        return new Listings.Source("clr-transcripts", "*", "clr_transcripts", where).scopedBy("organization_id");
    }
}
