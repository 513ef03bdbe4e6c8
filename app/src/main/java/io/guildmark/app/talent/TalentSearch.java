package io.guildmark.app.talent;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.issuing.HeldCredentials;
import io.guildmark.app.issuing.Visibility;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Partnerships;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.ListOrder;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListWhere;
import io.guildmark.app.shared.Listings;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The employer's search over the people who chose to be findable by the partners of an association it is an active
 * partner of. Everything is matched in SQL against what each person chose to show (their badges, the competencies and
 * credits of those badges, the pathways those badges complete, their location), a page at a time with a total; each
 * person on a page is told in their log that this employer saw them.
 */
@Service
public class TalentSearch {

    public static final int MAX_TEXT = 200;
    public static final int MAX_CREDIT_TYPE = 30;
    public static final BigDecimal MAX_CREDITS = new BigDecimal("100000");

    /** What an employer searches for; every field is optional, all given ones must match. */
    public record Query(@Nullable String association, @Nullable String competency, @Nullable String microCredential,
            @Nullable String pathway, @Nullable String creditType, @Nullable String minCredits, @Nullable String location) {

        public static Query none() {
            return new Query(null, null, null, null, null, null, null);
        }

        /** The search in words, as the person's log tells it. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (competency != null && !competency.isBlank()) parts.add("'" + competency.strip() + "'");
            if (microCredential != null && !microCredential.isBlank()) parts.add("micro-credential '" + microCredential.strip() + "'");
            if (pathway != null && !pathway.isBlank()) parts.add("pathway '" + pathway.strip() + "'");
            if (minCredits != null && !minCredits.isBlank()) parts.add("at least " + minCredits.strip() + " " + (creditType == null ? "" : creditType.strip()));
            if (location != null && !location.isBlank()) parts.add("in '" + location.strip() + "'");
            String text = parts.isEmpty() ? "everyone findable" : String.join(", ", parts);
            return text.length() <= 300 ? text : text.substring(0, 297) + "...";
        }
    }

    /** A badge as a person chose to show it: its live check, and its page when the person keeps that page open. */
    public record ShownBadge(UUID awardId, String name, Instant issuedAt, String verdict, @Nullable String pageUrl) {}

    /** One person in the results: only what they chose to show, never their e-mail address. */
    public record Candidate(UUID id, String name, @Nullable String headline, @Nullable String location, String associationSlug,
            String associationName, List<ShownBadge> badges) {}

    private static final String SELECT = "p.id, p.user_id, p.display_name, p.headline, p.location, p.association_id";
    private static final String FROM = "talent_profiles p";
    private static final ListOrder NEWEST = ListOrder.descending("findable", ListOrder.instant("p.updated_at"), ListOrder.uuid("p.id"));

    private final JdbcClient db;
    private final Organizations organizations;
    private final Partnerships partnerships;
    private final Listings listings;
    private final Awards awards;
    private final HeldCredentials held;
    private final TalentLog log;
    private final Clock clock;

    TalentSearch(JdbcClient db, Organizations organizations, Partnerships partnerships, Listings listings, Awards awards,
            HeldCredentials held, TalentLog log, Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.partnerships = partnerships;
        this.listings = listings;
        this.awards = awards;
        this.held = held;
        this.log = log;
        this.clock = clock;
    }

    /** A page by position, for the employer's search page. */
    @Transactional
    public ListPage<Candidate> search(Actor actor, String employerSlug, Query query, int offset, int limit) {
        Organization employer = organizations.require(actor, employerSlug, Permission.FIND_TALENT);
        ListPage<Row> rows = listings.pageAt(source(employer, query), NEWEST, Math.max(0, offset), Listings.limit(limit), TalentSearch::row);
        return shown(employer, query, rows);
    }

    /** A page after a cursor, for the API. */
    @Transactional
    public ListPage<Candidate> search(Actor actor, String employerSlug, Query query, @Nullable Integer limit, @Nullable String cursor) {
        Organization employer = organizations.require(actor, employerSlug, Permission.FIND_TALENT);
        ListPage<Row> rows = listings.page(source(employer, query), NEWEST, Listings.limit(limit), cursor, TalentSearch::row);
        return shown(employer, query, rows);
    }

    /** The associations whose findable learners the employer may search: those it is an active partner of. */
    public List<Partnerships.Partnership> programs(Actor actor, String employerSlug) {
        Organization employer = organizations.require(actor, employerSlug, Permission.FIND_TALENT);
        return partnerships.activeProgramsOf(employer.id());
    }

    private record Row(UUID id, UUID userId, String name, @Nullable String headline, @Nullable String location, UUID associationId) {}

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("display_name"),
                rs.getString("headline"), rs.getString("location"), rs.getObject("association_id", UUID.class));
    }

    private Listings.Source source(Organization employer, Query query) {
        ListWhere where = ListWhere.of("p.findable = true")
                .and("p.association_id in (select ep.association_id from employer_partnerships ep where ep.employer_id = ? and ep.state = 'active')",
                        employer.id())
                .and("exists (select 1 from talent_badges sb where sb.profile_id = p.id)");
        if (present(query.association())) {
            Organization association = organizations.findBySlug(query.association().strip().toLowerCase(Locale.ROOT))
                    .filter(a -> partnerships.activePartners(a.id(), employer.id()))
                    .orElseThrow(() -> Problem.forbidden(employer.name() + " is not an active partner of \"" + query.association().strip()
                            + "\": only the learners of associations whose program you take part in can be searched."));
            where.and("p.association_id = ?", association.id());
        }
        String competency = like(query.competency(), "competency");
        if (competency != null) {
            where.and("""
                    exists (select 1 from talent_badge_alignments al where al.profile_id = p.id and (al.target_name like ? escape '\\'
                      or al.target_code like ? escape '\\' or al.target_framework like ? escape '\\'))""", competency, competency, competency);
        }
        if (present(query.microCredential())) {
            UUID id = uuid(query.microCredential());
            if (id != null) where.and("exists (select 1 from talent_badges mb where mb.profile_id = p.id and mb.achievement_id = ?)", id);
            else where.and("exists (select 1 from talent_badges mb where mb.profile_id = p.id and mb.achievement_search like ? escape '\\')",
                    like(query.microCredential(), "microCredential"));
        }
        if (present(query.pathway())) {
            UUID id = uuid(query.pathway());
            // A pathway counts when the person shows the credential its completion awarded them.
            String pathwayMatch = id != null ? "pw.id = ?" : "lower(pw.name) like ? escape '\\'";
            where.and("exists (select 1 from talent_badges pb join pathway_learners pl on pl.award_id = pb.award_id and pl.state = 'completed'"
                    + " join pathways pw on pw.id = pl.pathway_id where pb.profile_id = p.id and " + pathwayMatch + ")",
                    id != null ? id : like(query.pathway(), "pathway"));
        }
        boolean typeGiven = present(query.creditType());
        boolean minimumGiven = present(query.minCredits());
        if (typeGiven || minimumGiven) {
            if (!typeGiven) throw Problem.invalidField("creditType", "Say which kind of credits (for example CEU or PDU).");
            String type = query.creditType().strip().toLowerCase(Locale.ROOT);
            if (type.length() > MAX_CREDIT_TYPE) throw Problem.invalidField("creditType", "A credit type has at most " + MAX_CREDIT_TYPE + " characters.");
            BigDecimal minimum = minimumGiven ? credits(query.minCredits()) : BigDecimal.ZERO;
            where.and("(select coalesce(sum(cb.credit_value), 0) from talent_badges cb where cb.profile_id = p.id and cb.credit_type = ?) >= ?",
                    type, minimum);
            if (!minimumGiven) where.and("exists (select 1 from talent_badges tb where tb.profile_id = p.id and tb.credit_type = ?)", type);
        }
        String location = like(query.location(), "location");
        if (location != null) where.and("p.location_search like ? escape '\\'", location);
        return new Listings.Source("talent", SELECT, FROM, where);
    }

    private ListPage<Candidate> shown(Organization employer, Query query, ListPage<Row> rows) {
        Map<UUID, Organization> associations = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        Instant now = clock.instant();
        for (Row row : rows.items()) {
            Organization association = associations.computeIfAbsent(row.associationId(), id -> organizations.findById(id).orElseThrow());
            candidates.add(new Candidate(row.id(), row.name(), row.headline(), row.location(), association.slug(), association.name(),
                    badges(row.id())));
            log.record(row.userId(), employer, TalentLog.Kind.SEARCH, query.describe(), now);
        }
        return new ListPage<>(candidates, rows.total(), rows.limit(), rows.offset(), rows.nextCursor());
    }

    /** The badges one person shows, each checked live as an outside verifier would. */
    List<ShownBadge> badges(UUID profileId) {
        List<UUID> ids = db.sql("select award_id from talent_badges where profile_id = ? order by issued_at desc, award_id limit "
                + TalentProfiles.MAX_BADGES).param(profileId).query(UUID.class).list();
        List<ShownBadge> badges = new ArrayList<>();
        for (UUID id : ids) {
            Award award = awards.find(id).orElse(null);
            if (award == null || award.revoked()) continue;
            String verdict = HeldCredentials.verdict(held.check(award));
            String page = award.visibility() == Visibility.PRIVATE ? null : "/credentials/" + award.id();
            badges.add(new ShownBadge(award.id(), award.achievementName(), award.issuedAt(), verdict, page));
        }
        return badges;
    }

    private static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }

    private static @Nullable String like(@Nullable String value, String field) {
        if (value != null && value.length() > MAX_TEXT) throw Problem.invalidField(field, "Search for at most " + MAX_TEXT + " characters.");
        return ListWhere.like(value);
    }

    private static @Nullable UUID uuid(String value) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static BigDecimal credits(String value) {
        try {
            BigDecimal amount = new BigDecimal(value.strip());
            if (amount.signum() < 0 || amount.compareTo(MAX_CREDITS) > 0) throw new NumberFormatException();
            return amount;
        } catch (NumberFormatException e) {
            throw Problem.invalidField("minCredits", "Enter a number of credits from 0 to " + MAX_CREDITS.toPlainString() + ".");
        }
    }
}
