package io.guildmark.app.pathways;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
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
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

/**
 * The staff list of imported badges at 100,000 rows: the active imports the organization may see (of learners on one
 * of its pathways, or who asked it for recognition), one row per import, each with where the organization's decision
 * on its external achievement stands and the micro-credential it was accepted as. Designers read it, as they decide.
 */
@Service
public class ImportList {

    /** The organization's decision on the import's external achievement. */
    public enum Decision { PENDING, ACCEPTED, DECLINED, NOT_ASKED }

    public enum Sort {
        NEWEST(ListOrder.descending("newest", ListOrder.instant("i.created_at"), ListOrder.uuid("i.id"))),
        OLDEST(ListOrder.ascending("oldest", ListOrder.instant("i.created_at"), ListOrder.uuid("i.id"))),
        EMAIL(ListOrder.ascending("email", ListOrder.text("i.email"), ListOrder.uuid("i.id")));

        final ListOrder order;

        Sort(ListOrder order) {
            this.order = order;
        }
    }

    /** Words in the e-mail, external achievement or issuer, or the micro-credential it counts as; decision; ours; imported between two days. */
    public record Filter(@Nullable String search, @Nullable Decision decision, @Nullable UUID achievementId, @Nullable LocalDate from,
            @Nullable LocalDate to, Sort sort) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, Sort.NEWEST);
        }

        public static Filter parse(@Nullable String q, @Nullable String status, @Nullable String credential, @Nullable String from,
                @Nullable String to, @Nullable String sort) {
            Sort s = ListParams.choice(Sort.class, sort, "sort");
            return new Filter(q, ListParams.choice(Decision.class, status, "status"),
                    ListParams.id(credential, "credential", "Choose a micro-credential from the list."), ListParams.day(from, "from"),
                    ListParams.day(to, "to"), s == null ? Sort.NEWEST : s);
        }
    }

    /** One import with the organization's decision and, when accepted, our micro-credential it counts as. */
    public record Line(ImportedCredentials.Imported credential, Instant importedAt, Decision decision, @Nullable String reason,
            @Nullable UUID acceptedAs, @Nullable String acceptedAsName) {}

    // Never i.content: an import keeps the original badge (up to 2 MB); a list does not need it.
    private static final String SELECT = "i.id, i.user_id, i.email, i.format, i.source_url, i.credential_id, i.issuer_id, i.issuer_name, "
            + "i.achievement_id, i.achievement_name, i.issued_at, i.expires_at, i.verified, i.verdict, i.checked_at, i.recipient_match, "
            + "i.status, i.created_at, r.state as r_state, r.reason as r_reason, m.achievement_id as m_achievement_id";

    private final Organizations organizations;
    private final StepCatalog catalog;
    private final Listings listings;

    ImportList(Organizations organizations, StepCatalog catalog, Listings listings) {
        this.organizations = organizations;
        this.catalog = catalog;
        this.listings = listings;
    }

    public ListPage<Line> page(Actor actor, String slug, Filter filter, int limit, @Nullable String cursor) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        Map<UUID, String> names = names(actor, slug);
        return listings.page(source(org.id(), filter, names), filter.sort().order, limit, cursor, mapper(names));
    }

    public ListPage<Line> pageAt(Actor actor, String slug, Filter filter, int offset, int limit) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        Map<UUID, String> names = names(actor, slug);
        return listings.pageAt(source(org.id(), filter, names), filter.sort().order, offset, limit, mapper(names));
    }

    public void each(Actor actor, String slug, Filter filter, Consumer<Line> consumer) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        Map<UUID, String> names = names(actor, slug);
        listings.each(source(org.id(), filter, names), filter.sort().order, mapper(names), consumer);
    }

    public Organization check(Actor actor, String slug, Filter filter) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        source(org.id(), filter, Map.of());
        return org;
    }

    /** The organization's micro-credentials by id, for names and the filter. */
    public Map<UUID, String> names(Actor actor, String slug) {
        Map<UUID, String> names = new LinkedHashMap<>();
        catalog.ofOrganization(actor, slug).values().stream().sorted(java.util.Comparator.comparing(StepCatalog.Info::name, String.CASE_INSENSITIVE_ORDER))
                .forEach(i -> names.put(i.id(), i.name()));
        return names;
    }

    private static Listings.Source source(UUID organizationId, Filter f, Map<UUID, String> names) {
        // The organization's id is written into the joins (a UUID's text is only hex digits and dashes), because a
        // list's parameters are bound in its where clause only.
        String org = "cast('" + organizationId + "' as uuid)";
        String from = "imported_credentials i left join import_recognition_requests r on r.import_id = i.id and r.organization_id = " + org
                + " left join achievement_mappings m on m.organization_id = " + org
                + " and m.external_issuer_id = i.issuer_id and m.external_achievement_id = i.achievement_id";
        ListWhere where = ListWhere.of("i.status = 'active' and (r.import_id is not null or exists (select 1 from pathway_learners l "
                        + "where l.organization_id = ? and (l.user_id = i.user_id or l.email = i.email)))", organizationId)
                .search(f.search(), "m.achievement_id", names, "lower(i.email)", "lower(i.achievement_name)", "lower(i.issuer_name)")
                .equal("m.achievement_id", f.achievementId())
                .days("i.created_at", f.from(), f.to());
        if (f.decision() != null) {
            where.and(switch (f.decision()) {
                case ACCEPTED -> "m.id is not null";
                case PENDING -> "m.id is null and r.state = 'asked'";
                case DECLINED -> "m.id is null and r.state = 'declined'";
                case NOT_ASKED -> "m.id is null and r.state is null";
            });
        }
        return new Listings.Source("imports", SELECT, from, where);
    }

    private static RowMapper<Line> mapper(Map<UUID, String> names) {
        return (ResultSet rs, int n) -> {
            UUID ours = rs.getObject("m_achievement_id", UUID.class);
            String state = rs.getString("r_state");
            Decision decision = ours != null ? Decision.ACCEPTED : "asked".equals(state) ? Decision.PENDING
                    : "declined".equals(state) ? Decision.DECLINED : Decision.NOT_ASKED;
            return new Line(ImportedCredentials.row(rs, n), rs.getTimestamp("created_at").toInstant(), decision,
                    decision == Decision.DECLINED ? rs.getString("r_reason") : null, ours, ours == null ? null : names.get(ours));
        };
    }
}
