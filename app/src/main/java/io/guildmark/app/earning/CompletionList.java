package io.guildmark.app.earning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

import io.guildmark.app.catalog.AchievementVersion;
import io.guildmark.app.catalog.Achievements;
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
 * The staff list of reported course completions at 100,000 rows. A completion names a course; the micro-credentials
 * it counts toward are those whose newest earning design requires that course code.
 */
@Service
public class CompletionList {

    /** How the completion reached us. */
    public enum Source { API, CSV }

    public enum Sort {
        NEWEST(ListOrder.descending("newest", ListOrder.instant("reported_at"), ListOrder.uuid("id"))),
        OLDEST(ListOrder.ascending("oldest", ListOrder.instant("reported_at"), ListOrder.uuid("id"))),
        EMAIL(ListOrder.ascending("email", ListOrder.text("email"), ListOrder.uuid("id")));

        final ListOrder order;

        Sort(ListOrder order) {
            this.order = order;
        }
    }

    /** Words in the e-mail, course code or micro-credential name; a micro-credential; how it was reported; reported between two days. */
    public record Filter(@Nullable String search, @Nullable UUID achievementId, @Nullable Source source,
            java.time.@Nullable LocalDate from, java.time.@Nullable LocalDate to, Sort sort) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, Sort.NEWEST);
        }

        public static Filter parse(@Nullable String q, @Nullable String credential, @Nullable String source, @Nullable String from,
                @Nullable String to, @Nullable String sort) {
            Sort order = ListParams.choice(Sort.class, sort, "sort");
            return new Filter(q, ListParams.id(credential, "credential", "Choose a micro-credential from the list."),
                    ListParams.choice(Source.class, source, "source"), ListParams.day(from, "from"), ListParams.day(to, "to"),
                    order == null ? Sort.NEWEST : order);
        }
    }

    /** A completion with the names of the micro-credentials its course counts toward (empty when none requires it). */
    public record Line(Completions.Completion completion, List<String> credentials) {
        public String credentialNames() {
            return String.join("; ", credentials);
        }
    }

    /** A published micro-credential whose newest design requires a course. */
    public record Requiring(UUID achievementId, String name, String courseCode) {}

    private final JdbcClient db;
    private final Organizations organizations;
    private final Achievements achievements;
    private final EarningDesigns designs;
    private final Listings listings;

    CompletionList(JdbcClient db, Organizations organizations, Achievements achievements, EarningDesigns designs, Listings listings) {
        this.db = db;
        this.organizations = organizations;
        this.achievements = achievements;
        this.designs = designs;
        this.listings = listings;
    }

    public ListPage<Line> page(Actor actor, String slug, Filter filter, int limit, @Nullable String cursor) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        List<Requiring> requiring = requiring(org.id());
        return listings.page(source(org.id(), filter, requiring), filter.sort().order, limit, cursor, Completions::row).map(c -> line(c, requiring));
    }

    public ListPage<Line> pageAt(Actor actor, String slug, Filter filter, int offset, int limit) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        List<Requiring> requiring = requiring(org.id());
        return listings.pageAt(source(org.id(), filter, requiring), filter.sort().order, offset, limit, Completions::row).map(c -> line(c, requiring));
    }

    public void each(Actor actor, String slug, Filter filter, Consumer<Line> consumer) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        List<Requiring> requiring = requiring(org.id());
        listings.each(source(org.id(), filter, requiring), filter.sort().order, Completions::row, c -> consumer.accept(line(c, requiring)));
    }

    /** Refuses a bad filter or a stranger before a download starts. */
    public Organization check(Actor actor, String slug, Filter filter) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        source(org.id(), filter, requiring(org.id()));
        return org;
    }

    /** The organization's micro-credentials that require a course, for the filter. */
    public List<Requiring> credentials(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        return requiring(org.id()).stream().sorted(java.util.Comparator.comparing(Requiring::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    private static Line line(Completions.Completion c, List<Requiring> requiring) {
        return new Line(c, requiring.stream().filter(r -> r.courseCode().equals(c.courseCode())).map(Requiring::name).toList());
    }

    private Listings.Source source(UUID organizationId, Filter f, List<Requiring> requiring) {
        Map<String, String> codeNames = new LinkedHashMap<>();
        for (Requiring r : requiring) codeNames.merge(r.courseCode(), r.name(), (a, b) -> a + " " + b);
        ListWhere where = ListWhere.of("organization_id = ?", organizationId)
                .search(f.search(), "course_code", codeNames, "email", "lower(course_code)")
                .equal("source", f.source() == null ? null : f.source().name().toLowerCase(Locale.ROOT))
                .days("reported_at", f.from(), f.to());
        if (f.achievementId() != null) {
            String code = requiring.stream().filter(r -> r.achievementId().equals(f.achievementId())).map(Requiring::courseCode).findFirst()
                    .orElseThrow(() -> Problem.invalidField("credential", "That micro-credential requires no course; choose one from the list."));
            where.and("course_code = ?", code);
        }
        return new Listings.Source("completions", "*", "completions", where).scopedBy("organization_id");
    }

    private List<Requiring> requiring(UUID organizationId) {
        List<Requiring> result = new ArrayList<>();
        for (UUID achievementId : db.sql("select distinct achievement_id from earning_designs where organization_id = ?")
                .param(organizationId).query(UUID.class).list()) {
            String name = achievements.latestVersion(achievementId).map(AchievementVersion::definition).map(d -> d.name()).orElse(null);
            if (name == null) continue;
            designs.latest(achievementId).map(EarningDesigns.Versioned::design).filter(d -> d.completion() != null)
                    .ifPresent(d -> result.add(new Requiring(achievementId, name, Objects.requireNonNull(d.completion()).courseCode())));
        }
        return result;
    }
}
