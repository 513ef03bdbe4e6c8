package io.guildmark.app.earning;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.earning.model.Rubric;
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
import org.springframework.transaction.annotation.Transactional;

/**
 * Skills demonstrations: an assessor (anyone with the review permission: owners, admins, reviewers) observes a
 * learner in person or on video and records a level per rubric criterion, notes and "meets" or "not yet". A "meets"
 * may complete the learner's requirements and issue the badge.
 */
@Service
public class Demonstrations {

    static final int MAX_NOTES = 10_000;

    /** A recorded observation. */
    public record Observation(UUID id, String mode, @Nullable String videoUrl, LocalDate observedOn, Map<String, String> levels,
            @Nullable String notes, String verdict, Instant recordedAt, List<SubmissionViews.DecidedLevel> decided) {
        public boolean meets() {
            return "meets".equals(verdict);
        }

        public String modeLabel() {
            return "video".equals(mode) ? "On video" : "In person";
        }
    }

    /** An enrollment whose design asks for a demonstration, with the observations so far. */
    public record Candidate(Enrollment enrollment, String achievementName, String instructions, Rubric rubric,
            List<Observation> observations) {
        public boolean met() {
            return observations.stream().anyMatch(Observation::meets);
        }
    }

    /** What an assessor records. Dates are ISO ({@code 2026-05-01}); mode is {@code in_person} or {@code video}. */
    public record Form(@Nullable String mode, @Nullable String videoUrl, @Nullable String observedOn, Map<String, String> levels,
            @Nullable String notes, @Nullable String verdict) {}

    private final JdbcClient db;
    private final Enrollments enrollments;
    private final EarningDesigns designs;
    private final SubmissionStore store;
    private final Organizations organizations;
    private final Notices notices;
    private final EarnedAwards earnedAwards;
    private final Clock clock;
    private final Listings listings;

    Demonstrations(JdbcClient db, Enrollments enrollments, EarningDesigns designs, SubmissionStore store, Organizations organizations,
            Notices notices, EarnedAwards earnedAwards, Clock clock, Listings listings) {
        this.listings = listings;
        this.db = db;
        this.enrollments = enrollments;
        this.designs = designs;
        this.store = store;
        this.organizations = organizations;
        this.notices = notices;
        this.earnedAwards = earnedAwards;
        this.clock = clock;
    }

    /** The assessors' queue: oldest enrollment first (who has waited longest), newest first, or by learner name. */
    public enum Sort {
        OLDEST(ListOrder.ascending("oldest", ListOrder.instant("enrolled_at"), ListOrder.uuid("id"))),
        NEWEST(ListOrder.descending("newest", ListOrder.instant("enrolled_at"), ListOrder.uuid("id"))),
        NAME(ListOrder.ascending("name", ListOrder.text("lower(name)"), ListOrder.uuid("id")));

        final ListOrder order;

        Sort(ListOrder order) {
            this.order = order;
        }
    }

    /** Words in the learner's name, e-mail or micro-credential; one micro-credential. */
    public record Filter(@Nullable String search, @Nullable UUID achievementId, Sort sort) {

        public static Filter none() {
            return new Filter(null, null, Sort.OLDEST);
        }

        public static Filter parse(@Nullable String q, @Nullable String credential, @Nullable String sort) {
            Sort order = ListParams.choice(Sort.class, sort, "sort");
            return new Filter(q, ListParams.id(credential, "credential", "Choose a micro-credential from the list."), order == null ? Sort.OLDEST : order);
        }
    }

    /** A micro-credential some active learner must demonstrate, for the filter. */
    public record Demonstrated(UUID achievementId, String name) {}

    /** One page of the queue and the micro-credentials to narrow it by, from one reading of the designs. */
    public record Queue(ListPage<Candidate> page, List<Demonstrated> credentials) {}

    /** A line of the queue's CSV export: the enrollment, its micro-credential and how often it was observed. */
    public record Waiting(Enrollment enrollment, String achievementName, int timesObserved) {}

    /**
     * The organization's active, paid-up enrollments whose design asks for a demonstration not yet met, a page at a
     * position with the total. The work is in the database (an index on the organization, an anti-join on "meets"),
     * so the queue pages the same at 30,000 enrollments as at 30. Nobody assesses their own demonstration, so an
     * assessor's own enrollment is not in their list.
     */
    public Queue queue(Actor actor, String slug, Filter filter, int offset, int limit) {
        Organization org = organizations.require(actor, slug, Permission.REVIEW);
        Asking asking = asking(org.id());
        ListPage<Enrollment> page = listings.pageAt(asking.source(actor, org.id(), filter, "*"), filter.sort().order, offset, limit,
                Enrollments::row);
        Map<UUID, List<Observation>> observed = observations(page.items(), asking);
        return new Queue(page.map(e -> {
            EarningDesign design = asking.design(e);
            return new Candidate(e, asking.name(e), design.demonstration().instructions(), design.rubric(), observed.getOrDefault(e.id(), List.of()));
        }), asking.credentials());
    }

    public ListPage<Candidate> waiting(Actor actor, String slug, Filter filter, int offset, int limit) {
        return queue(actor, slug, filter, offset, limit).page();
    }

    /** Every line of the queue that matches, in order, for the CSV export (keyset batches, never all in memory). */
    public void each(Actor actor, String slug, Filter filter, java.util.function.Consumer<Waiting> consumer) {
        Organization org = organizations.require(actor, slug, Permission.REVIEW);
        Asking asking = asking(org.id());
        listings.each(asking.source(actor, org.id(), filter,
                "*, (select count(*) from demonstrations d where d.enrollment_id = enrollments.id) as times_observed"), filter.sort().order,
                (rs, n) -> {
                    Enrollment e = Enrollments.row(rs, n);
                    return new Waiting(e, asking.name(e), rs.getInt("times_observed"));
                }, consumer);
    }

    /** Refuses a bad filter or a stranger before a download starts. */
    public Organization check(Actor actor, String slug, Filter filter) {
        Organization org = organizations.require(actor, slug, Permission.REVIEW);
        asking(org.id()).source(actor, org.id(), filter, "*");
        return org;
    }

    private record VersionOf(UUID achievementId, int version) {}

    /** The organization's design versions that ask for a demonstration, and their micro-credentials' names. */
    private record Asking(Map<VersionOf, EarningDesign> designs, Map<UUID, String> names) {

        EarningDesign design(Enrollment e) {
            return designs.get(new VersionOf(e.achievementId(), e.designVersion()));
        }

        String name(Enrollment e) {
            return names.getOrDefault(e.achievementId(), "");
        }

        List<Demonstrated> credentials() {
            return names.entrySet().stream().map(e -> new Demonstrated(e.getKey(), e.getValue()))
                    .sorted(java.util.Comparator.comparing(Demonstrated::name, String.CASE_INSENSITIVE_ORDER)).toList();
        }

        Listings.Source source(Actor actor, UUID organizationId, Filter f, String select) {
            if (f.achievementId() != null && !names.containsKey(f.achievementId())) {
                throw Problem.invalidField("credential", "No learner is asked to demonstrate that micro-credential; choose one from the list.");
            }
            ListWhere where = ListWhere.of("organization_id = ? and state = 'active' and payment <> 'due'", organizationId);
            if (designs.isEmpty()) {
                where.and("1 = 0");
            } else {
                List<Object> params = new ArrayList<>();
                for (VersionOf v : designs.keySet()) {
                    params.add(v.achievementId());
                    params.add(v.version());
                }
                where.and("(" + String.join(" or ", java.util.Collections.nCopies(designs.size(), "(achievement_id = ? and design_version = ?)")) + ")",
                        params.toArray());
            }
            where.and("not exists (select 1 from demonstrations d where d.enrollment_id = enrollments.id and d.verdict = 'meets')");
            if (actor instanceof Actor.Person p) {
                where.and("(user_id is null or user_id <> ?) and lower(email) <> ?", p.userId(), p.email().toLowerCase(Locale.ROOT));
            }
            where.search(f.search(), "achievement_id", names, "lower(name)", "lower(email)").equal("achievement_id", f.achievementId());
            return new Listings.Source("demonstrations", select, "enrollments", where).scopedBy("organization_id");
        }
    }

    private Asking asking(UUID organizationId) {
        Map<VersionOf, EarningDesign> designs = new LinkedHashMap<>();
        Map<UUID, String> names = new LinkedHashMap<>();
        for (EarningDesigns.Versioned v : this.designs.versionsWhere(organizationId, d -> d.demonstration() != null && d.rubric() != null)) {
            designs.put(new VersionOf(v.achievementId(), v.version()), v.design());
            names.computeIfAbsent(v.achievementId(), store::achievementName);
        }
        return new Asking(designs, names);
    }

    /** The observations of a page's enrollments, in one query. */
    private Map<UUID, List<Observation>> observations(List<Enrollment> page, Asking asking) {
        if (page.isEmpty()) return Map.of();
        Map<UUID, Rubric> rubrics = new LinkedHashMap<>();
        for (Enrollment e : page) rubrics.put(e.id(), asking.design(e).rubric());
        Map<UUID, List<Observation>> result = new LinkedHashMap<>();
        db.sql("select * from demonstrations where enrollment_id in (" + String.join(", ", java.util.Collections.nCopies(page.size(), "?"))
                + ") order by recorded_at desc").params(new ArrayList<Object>(rubrics.keySet())).query((rs, n) -> {
                    UUID enrollmentId = rs.getObject("enrollment_id", UUID.class);
                    result.computeIfAbsent(enrollmentId, k -> new ArrayList<>()).add(observation(rs, rubrics.get(enrollmentId)));
                    return enrollmentId;
                }).list();
        return result;
    }

    /** One enrollment of the organization that asks for a demonstration; anything else reads as not found. */
    public Candidate candidate(Actor actor, String slug, UUID enrollmentId) {
        Organization org = organizations.require(actor, slug, Permission.REVIEW);
        Enrollment e = enrollments.find(enrollmentId).filter(x -> x.organizationId().equals(org.id()))
                .orElseThrow(() -> Problem.notFound("The enrollment"));
        EarningDesign design = designs.version(e.achievementId(), e.designVersion()).design();
        if (design.demonstration() == null || design.rubric() == null) throw Problem.notFound("The demonstration");
        if (actor instanceof Actor.Person p) Reviews.requireNotOwn(p, e);
        return candidate(e, design);
    }

    private Candidate candidate(Enrollment e, EarningDesign design) {
        return new Candidate(e, store.achievementName(e.achievementId()), design.demonstration().instructions(), design.rubric(),
                observations(e.id(), design.rubric()));
    }

    private List<Observation> observations(UUID enrollmentId, Rubric rubric) {
        return db.sql("select * from demonstrations where enrollment_id = ? order by recorded_at desc").param(enrollmentId)
                .query((rs, n) -> observation(rs, rubric)).list();
    }

    private static Observation observation(java.sql.ResultSet rs, Rubric rubric) throws java.sql.SQLException {
        Map<String, String> levels = Submission.map(rs.getString("levels"));
        return new Observation(rs.getObject("id", UUID.class), rs.getString("mode"), rs.getString("video_url"),
                rs.getDate("observed_on").toLocalDate(), levels, rs.getString("notes"), rs.getString("verdict"),
                rs.getTimestamp("recorded_at").toInstant(), SubmissionViews.decided(rubric, levels));
    }

    /**
     * Records an observation. Refused, changing nothing, when a criterion lacks a level, "meets" is chosen below a
     * required level, a video has no http(s) address, the date is missing or in the future, or the learner cannot be
     * assessed now (withdrawn, awarded, payment due).
     */
    @Transactional
    public Observation record(Actor.Person assessor, String slug, UUID enrollmentId, Form form) {
        Candidate candidate = candidate(assessor, slug, enrollmentId);
        Enrollment e = candidate.enrollment();
        if (!e.active()) throw Problem.conflict("not-active", "This enrollment is not in progress (withdrawn or already awarded).");
        if (e.paymentDue()) throw Problem.conflict("payment-due", "Payment of " + e.price() + " is due; record the demonstration once it is paid.");
        Map<String, String> errors = new LinkedHashMap<>();
        String mode = Reviews.trim(form.mode()).toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        if (!mode.equals("in_person") && !mode.equals("video")) errors.put("mode", "Choose in person or on video.");
        String videoUrl = Reviews.trim(form.videoUrl());
        if (mode.equals("video") && !webAddress(videoUrl)) {
            errors.put("videoUrl", "Give the video's address, starting with https:// or http://.");
        } else if (!mode.equals("video") && !videoUrl.isEmpty()) {
            if (!webAddress(videoUrl)) errors.put("videoUrl", "A video address starts with https:// or http://.");
        }
        LocalDate observedOn = null;
        try {
            observedOn = LocalDate.parse(Reviews.trim(form.observedOn()));
            if (observedOn.isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1))) {
                errors.put("observedOn", "The date observed cannot be in the future.");
            }
        } catch (DateTimeParseException ex) {
            errors.put("observedOn", "Give the date observed, like 2026-05-01.");
        }
        Reviews.Judgement judgement = Reviews.judge(candidate.rubric(), form.levels(), errors);
        String notes = Reviews.trim(form.notes());
        if (notes.length() > MAX_NOTES) errors.put("notes", "Keep the notes to 10,000 characters or fewer.");
        String verdict = Reviews.verdict(form.verdict(), errors);
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        Reviews.requireConsistent(verdict, judgement, candidate.rubric());
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into demonstrations (id, enrollment_id, assessor_id, mode, video_url, observed_on, levels, notes, verdict, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, e.id(), assessor.userId(), mode, videoUrl.isEmpty() ? null : videoUrl, Date.valueOf(observedOn),
                        Submission.json(judgement.levels()), notes.isEmpty() ? null : notes, verdict, Timestamp.from(clock.instant()))
                .update();
        boolean meets = verdict.equals("meets");
        notices.tell(e.email(), e.organizationId(), (meets ? "Your skills demonstration meets the standard: " : "Feedback on your skills demonstration: ")
                + candidate.achievementName(),
                meets ? "An assessor observed your demonstration for \"" + candidate.achievementName() + "\" and it meets the standard."
                        : "An assessor observed your demonstration for \"" + candidate.achievementName()
                                + "\": not yet. Read the assessor's notes; an assessor can observe you again.",
                "/learning/" + e.id());
        if (meets) earnedAwards.checkAfterCommit(e.id());
        return observations(e.id(), candidate.rubric()).stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
    }

    private static boolean webAddress(String value) {
        try {
            java.net.URI uri = new java.net.URI(value);
            return value.length() <= 2000 && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
