package io.guildmark.app.credits;

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
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The staff list of external credits at 100,000 rows: pending, approved and rejected reports in one list with a
 * status filter. A report names the course it is for (its title and provider); it concerns no micro-credential of
 * ours, so the "credential" filters are the credit type and category. Staff who may issue read it.
 */
@Service
public class ExternalCreditList {

    public enum Sort {
        NEWEST(ListOrder.descending("newest", ListOrder.instant("reported_at"), ListOrder.uuid("id"))),
        OLDEST(ListOrder.ascending("oldest", ListOrder.instant("reported_at"), ListOrder.uuid("id"))),
        EMAIL(ListOrder.ascending("email", ListOrder.text("email"), ListOrder.uuid("id"))),
        TITLE(ListOrder.ascending("title", ListOrder.text("lower(title)"), ListOrder.uuid("id")));

        final ListOrder order;

        Sort(ListOrder order) {
            this.order = order;
        }
    }

    /** Words in the e-mail, course title or provider; a status; a credit type; a category; reported between two days. */
    public record Filter(@Nullable String search, ExternalCredits.@Nullable Status status, @Nullable String creditType,
            @Nullable String category, @Nullable LocalDate from, @Nullable LocalDate to, Sort sort) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, null, Sort.NEWEST);
        }

        /** The queue: pending reports, oldest first. */
        public static Filter pending() {
            return new Filter(null, ExternalCredits.Status.PENDING, null, null, null, null, Sort.OLDEST);
        }

        public static Filter parse(@Nullable String q, @Nullable String status, @Nullable String type, @Nullable String category,
                @Nullable String from, @Nullable String to, @Nullable String sort) {
            Sort s = ListParams.choice(Sort.class, sort, "sort");
            return new Filter(q, ListParams.choice(ExternalCredits.Status.class, status, "status"), word(type, "type", 30),
                    word(category, "category", 50), ListParams.day(from, "from"), ListParams.day(to, "to"), s == null ? Sort.NEWEST : s);
        }

        private static @Nullable String word(@Nullable String value, String field, int max) {
            if (value == null || value.isBlank()) return null;
            if (value.strip().length() > max) throw Problem.invalidField(field, "At most " + max + " characters.");
            return value.strip();
        }
    }

    private final JdbcClient db;
    private final Organizations organizations;
    private final Listings listings;

    ExternalCreditList(JdbcClient db, Organizations organizations, Listings listings) {
        this.db = db;
        this.organizations = organizations;
        this.listings = listings;
    }

    public ListPage<ExternalCredits.Report> page(Actor actor, String slug, Filter filter, int limit, @Nullable String cursor) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        return listings.page(source(org.id(), filter), filter.sort().order, limit, cursor, ExternalCredits::report);
    }

    public ListPage<ExternalCredits.Report> pageAt(Actor actor, String slug, Filter filter, int offset, int limit) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        return listings.pageAt(source(org.id(), filter), filter.sort().order, offset, limit, ExternalCredits::report);
    }

    public void each(Actor actor, String slug, Filter filter, Consumer<ExternalCredits.Report> consumer) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        listings.each(source(org.id(), filter), filter.sort().order, ExternalCredits::report, consumer);
    }

    /** Refuses a bad filter or a stranger before a download starts. */
    public Organization check(Actor actor, String slug, Filter filter) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        source(org.id(), filter);
        return org;
    }

    /** The credit types reported to the organization, for the filter. */
    public List<String> creditTypes(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        return db.sql("select distinct credit_type from external_credits where organization_id = ? order by credit_type")
                .param(org.id()).query(String.class).list();
    }

    private static Listings.Source source(UUID organizationId, Filter f) {
        ListWhere where = ListWhere.of("organization_id = ?", organizationId)
                .search(f.search(), "lower(email)", "lower(title)", "lower(provider)")
                .equal("status", f.status() == null ? null : f.status().name())
                .equal("credit_type", f.creditType())
                .days("reported_at", f.from(), f.to());
        // Categories are stored normalized (RenewalRules.normalizeCategory), so a plain equality reads the category index.
        if (f.category() != null) where.and("category = ?", RenewalRules.normalizeCategory(f.category()));
        return new Listings.Source("external-credits", "*", "external_credits", where).scopedBy("organization_id");
    }
}
