package io.guildmark.app.earning;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.accounts.User;
import io.guildmark.app.earning.model.ReviewAssignment;
import io.guildmark.app.earning.model.ReviewDecision;
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
 * Staff oversight of peer review: every work product of the organization by state, with learners and reviewers
 * named, and the staff's own moves: add or reassign a reviewer, and decide a work product by override with a
 * recorded reason (also how a disagreement is settled when no third reviewer is available).
 *
 * <p>Oversight needs the permission to award (owners, admins, issuers, and API keys): deciding a work product decides
 * a badge. Reviewers, who hold only the review permission, see nothing but their own assignments, so review stays blind.
 */
@Service
public class Oversight {

    /** The permission of staff who oversee review, decide work products and read any of them. */
    static final Permission STAFF = Permission.ISSUE;

    public record ReviewerLine(Review review, String name, String email, boolean overdue) {}

    /**
     * One work product in the staff list.
     *
     * @param reviewersMissing how many reviewers the round still waits for (a third one in a tiebreak)
     */
    public record Line(Submission submission, String learnerName, String learnerEmail, String achievementName,
            List<ReviewerLine> reviewers, int reviewersMissing) {
        public boolean needsReviewer() {
            return reviewersMissing > 0;
        }
    }

    public record Candidate(UUID userId, String name, int openReviews) {}

    /**
     * A work product with its full history, for staff.
     *
     * @param rounds every round of the enrollment, newest first, with every completed review and its reviewer
     * @param decidable whether staff may decide it now (the newest round, submitted and not met)
     */
    public record Detail(Organization organization, Line line, List<SubmissionViews.RoundView> rounds, List<Candidate> candidates,
            List<SubmissionViews.CriterionView> criteria, boolean decidable) {}

    private final JdbcClient db;
    private final SubmissionStore store;
    private final SubmissionViews views;
    private final Reviews reviews;
    private final Organizations organizations;
    private final Accounts accounts;
    private final Notices notices;
    private final Clock clock;
    private final Listings listings;

    private final io.guildmark.app.shared.AuditTrail audit;

    Oversight(JdbcClient db, SubmissionStore store, SubmissionViews views, Reviews reviews, Organizations organizations, Accounts accounts,
            Notices notices, Clock clock, Listings listings, io.guildmark.app.shared.AuditTrail audit) {
        this.listings = listings;
        this.audit = audit;
        this.db = db;
        this.store = store;
        this.views = views;
        this.reviews = reviews;
        this.organizations = organizations;
        this.accounts = accounts;
        this.notices = notices;
        this.clock = clock;
    }

    /** The organization, if the actor is its staff. */
    public Organization organization(Actor actor, String slug) {
        return organizations.require(actor, slug, STAFF);
    }

    /** The work products list's orders, by when submitted or by learner name, each ending with the id. */
    public enum Sort {
        NEWEST(ListOrder.descending("newest", ListOrder.instant("s.submitted_at"), ListOrder.uuid("s.id"))),
        OLDEST(ListOrder.ascending("oldest", ListOrder.instant("s.submitted_at"), ListOrder.uuid("s.id"))),
        NAME(ListOrder.ascending("name", ListOrder.text("lower(e.name)"), ListOrder.uuid("s.id")));

        final ListOrder order;

        Sort(ListOrder order) {
            this.order = order;
        }
    }

    /** How staff narrow the work products: words in the learner's name or e-mail or the micro-credential's name, and the rest. */
    public record Filter(@Nullable String search, @Nullable UUID achievementId, Submission.@Nullable State state,
            java.time.@Nullable LocalDate from, java.time.@Nullable LocalDate to, Sort sort) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, Sort.NEWEST);
        }

        public static Filter parse(@Nullable String q, @Nullable String credential, @Nullable String state, @Nullable String from,
                @Nullable String to, @Nullable String sort) {
            Sort order = ListParams.choice(Sort.class, sort, "sort");
            return new Filter(q, ListParams.id(credential, "credential", "Choose a micro-credential from the list."),
                    SubmissionApi.state(state), ListParams.day(from, "from"), ListParams.day(to, "to"), order == null ? Sort.NEWEST : order);
        }
    }

    /** One work product for the export: no reviewer lookups, so a hundred thousand stream cheaply. */
    public record Row(Submission submission, String learnerName, String learnerEmail, String achievementName) {}

    /** A page of work products after the cursor (the API). */
    public ListPage<Line> page(Actor actor, String slug, Filter filter, int limit, @Nullable String cursor) {
        Organization org = organizations.require(actor, slug, STAFF);
        return lines(listings.page(source(org.id(), filter), filter.sort().order, limit, cursor, Submission::row));
    }

    /** A page of work products by position (the staff page). */
    public ListPage<Line> pageAt(Actor actor, String slug, Filter filter, int offset, int limit) {
        Organization org = organizations.require(actor, slug, STAFF);
        return lines(listings.pageAt(source(org.id(), filter), filter.sort().order, offset, limit, Submission::row));
    }

    /** Every work product that matches, in order, a thousand at a time. */
    public void each(Actor actor, String slug, Filter filter, java.util.function.Consumer<Row> consumer) {
        Organization org = organizations.require(actor, slug, STAFF);
        Map<UUID, String> names = new HashMap<>();
        listings.each(source(org.id(), filter), filter.sort().order, (rs, n) -> {
            Submission s = Submission.row(rs, n);
            return new Row(s, rs.getString("learner_name"), rs.getString("learner_email"),
                    names.computeIfAbsent(s.achievementId(), store::achievementName));
        }, consumer);
    }

    /** Refuses a bad filter or a stranger before a download starts. */
    public Organization check(Actor actor, String slug, Filter filter) {
        Organization org = organizations.require(actor, slug, STAFF);
        source(org.id(), filter);
        return org;
    }

    /** The micro-credentials the organization's learners enrolled in, by id, with their names, for the filter and search. */
    public Map<UUID, String> credentials(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, STAFF);
        return credentialNames(org.id());
    }

    private Map<UUID, String> credentialNames(UUID organizationId) {
        Map<UUID, String> names = new LinkedHashMap<>();
        db.sql("select distinct achievement_id from earning_designs where organization_id = ?").param(organizationId).query(UUID.class).list()
                .forEach(id -> names.put(id, store.achievementName(id)));
        return names;
    }

    private ListPage<Line> lines(ListPage<Submission> page) {
        Map<UUID, String> names = new HashMap<>();
        Map<UUID, Integer> wanted = new HashMap<>();
        return page.map(s -> {
            Enrollment e = store.enrollment(s);
            int reviewersWanted = wanted.computeIfAbsent(s.enrollmentId(), id -> store.context(s, e).design().reviewersPerSubmission());
            return line(s, e, names.computeIfAbsent(s.achievementId(), store::achievementName), reviewersWanted);
        });
    }

    private Listings.Source source(UUID organizationId, Filter f) {
        if (f.state() == Submission.State.DRAFT) throw Problem.invalidField("state", "Drafts are the learners' own until they submit them.");
        ListWhere where = ListWhere.of("s.organization_id = ? and s.state <> 'draft' and s.submitted_at is not null", organizationId);
        if (f.search() != null && !f.search().isBlank()) {
            where.search(f.search(), "s.achievement_id", credentialNames(organizationId), "lower(e.name)", "e.email");
        }
        where.equal("s.achievement_id", f.achievementId())
                .equal("s.state", f.state() == null ? null : f.state().id())
                .days("s.submitted_at", f.from(), f.to());
        return new Listings.Source("submissions", "s.*, e.name as learner_name, e.email as learner_email",
                "submissions s join enrollments e on e.id = s.enrollment_id", where).scopedBy("s.organization_id");
    }

    private Line line(Submission s, Enrollment e, String achievementName, int reviewersWanted) {
        Instant now = clock.instant();
        List<Review> all = store.reviews(s.id());
        List<ReviewerLine> reviewers = all.stream().map(r -> {
            User u = accounts.find(r.reviewerId()).orElse(null);
            return new ReviewerLine(r, u == null ? "A former member" : u.name(), u == null ? "" : u.email(), r.overdue(now));
        }).toList();
        int missing = 0;
        if (s.state() == Submission.State.SUBMITTED || s.state() == Submission.State.IN_REVIEW) {
            long active = all.stream().filter(r -> !r.tiebreak() && (r.open() || r.completed())).count();
            missing = (int) Math.max(0, reviewersWanted - active);
        } else if (s.state() == Submission.State.TIEBREAK) {
            missing = all.stream().anyMatch(r -> r.tiebreak() && (r.open() || r.completed())) ? 0 : 1;
        }
        return new Line(s, e.name(), e.email(), achievementName, reviewers, missing);
    }

    public Detail detail(Actor actor, String slug, UUID submissionId) {
        Organization org = organizations.require(actor, slug, STAFF);
        SubmissionStore.Context c = context(org, submissionId);
        Map<UUID, String> reviewerNames = new HashMap<>();
        List<Submission> rounds = store.rounds(c.enrollment().id());
        for (Submission round : rounds) {
            for (Review r : store.reviews(round.id())) {
                reviewerNames.computeIfAbsent(r.reviewerId(), id -> accounts.find(id).map(User::name).orElse("A former member"));
            }
        }
        List<SubmissionViews.RoundView> history = rounds.stream().filter(r -> r.state() != Submission.State.DRAFT)
                .map(r -> views.round(c.rubric(), r, false, true, reviewerNames)).toList();
        List<Candidate> candidates = c.submission().state().underReview() ? candidates(c) : List.of();
        boolean newest = rounds.get(0).id().equals(c.submission().id());
        boolean decidable = newest && (c.submission().state().underReview() || c.submission().state() == Submission.State.NOT_YET);
        return new Detail(org, line(c.submission(), c.enrollment(), c.achievementName(), c.design().reviewersPerSubmission()), history,
                candidates, SubmissionViews.criteria(c.rubric(), c.submission().responses()), decidable);
    }

    private List<Candidate> candidates(SubmissionStore.Context c) {
        List<Candidate> candidates = new ArrayList<>();
        for (ReviewAssignment.Candidate candidate : reviews.eligible(c)) {
            UUID id = UUID.fromString(candidate.id());
            candidates.add(new Candidate(id, accounts.find(id).map(User::name).orElse(""), candidate.currentLoad()));
        }
        return candidates;
    }

    /** Adds a reviewer the round still needs (a third one in a tiebreak), chosen by staff among the eligible. */
    @Transactional
    public Review addReviewer(Actor actor, String slug, UUID submissionId, @Nullable UUID reviewerId) {
        Organization org = organizations.require(actor, slug, STAFF);
        SubmissionStore.Context c = lockedContext(org, submissionId);
        Line line = line(c.submission(), c.enrollment(), c.achievementName(), c.design().reviewersPerSubmission());
        if (!c.submission().state().underReview()) throw Problem.conflict("not-under-review", "Only a work product under review takes reviewers.");
        if (!line.needsReviewer()) {
            throw Problem.conflict("reviewers-complete", "This work product has all the reviewers it needs; reassign one of them instead.");
        }
        requireEligible(c, reviewerId);
        Review added = reviews.assign(c, reviewerId, c.submission().state() == Submission.State.TIEBREAK, clock.instant());
        reviews.settle(c.submission().id(), c.design().reviewersPerSubmission());
        audit.record(actor, org.id(), "submission.reviewer-added", "submission", submissionId, Map.of("reviewerId", reviewerId));
        return added;
    }

    /** Moves an open review to another eligible reviewer; the first is told it no longer needs them. */
    @Transactional
    public Review reassign(Actor actor, String slug, UUID reviewId, @Nullable UUID reviewerId) {
        Organization org = organizations.require(actor, slug, STAFF);
        Review review = store.review(reviewId).filter(r -> r.organizationId().equals(org.id())).orElseThrow(() -> Problem.notFound("The review"));
        SubmissionStore.Context c = lockedContext(org, review.submissionId());
        review = store.review(reviewId).orElseThrow();
        if (!review.open()) throw Problem.conflict("review-not-open", "Only an open review can be reassigned; this one is " + review.state().label().toLowerCase(java.util.Locale.ROOT) + ".");
        requireEligible(c, reviewerId);
        reviews.end(review, "reassigned by the association", Review.State.REASSIGNED);
        Review former = review;
        accounts.find(former.reviewerId()).ifPresent(u -> notices.tell(u.email(), org.id(), "Your review for " + c.achievementName() + " was reassigned",
                "The association moved your review of a work product for \"" + c.achievementName() + "\" to another reviewer. No need to finish it.",
                "/reviews"));
        Review added = reviews.assign(c, reviewerId, former.tiebreak(), clock.instant());
        reviews.settle(c.submission().id(), c.design().reviewersPerSubmission());
        audit.record(actor, org.id(), "review.reassigned", "review", reviewId, Map.of("before", former.reviewerId(), "after", reviewerId,
                "submissionId", c.submission().id()));
        return added;
    }

    private void requireEligible(SubmissionStore.Context c, @Nullable UUID reviewerId) {
        if (reviewerId == null) throw Problem.invalidField("reviewerId", "Choose a reviewer.");
        if (reviews.eligible(c).stream().noneMatch(candidate -> candidate.id().equals(reviewerId.toString()))) {
            throw Problem.invalidField("reviewerId", "That person cannot review this work product: choose one of the eligible reviewers"
                    + " (reviewers of this organization who are not the learner, not at the learner's employer, not already on it"
                    + (c.design().holdersOnly() ? ", and who hold the micro-credential" : "") + ").");
        }
    }

    /**
     * Decides a work product by override: a decision, a level per criterion and a recorded reason. Open reviews end as
     * withdrawn. A "not yet" may be turned into "meets" (an appeal); a work product that met the standard stays so.
     */
    @Transactional
    public Submission override(Actor actor, String slug, UUID submissionId, @Nullable String decision, Map<String, String> levels,
            @Nullable String reason) {
        Organization org = organizations.require(actor, slug, STAFF);
        SubmissionStore.Context c = lockedContext(org, submissionId);
        if (actor instanceof Actor.Person p) Reviews.requireNotOwn(p, c.enrollment());
        Submission s = c.submission();
        if (s.met()) {
            throw Problem.conflict("already-met", "This work product already meets the standard. To take a badge back, revoke it on the Awards page.");
        }
        if (s.state() == Submission.State.DRAFT || !store.latest(s.enrollmentId()).orElseThrow().id().equals(s.id())) {
            throw Problem.conflict("not-decidable", "Only the newest submitted round can be decided.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Reviews.Judgement judgement = Reviews.judge(c.rubric(), levels, errors);
        String verdict = Reviews.verdict(decision, errors);
        String why = Reviews.trim(reason);
        if (why.isEmpty()) errors.put("reason", "Record why the association decides this work product itself.");
        if (why.length() > 1000) errors.put("reason", "Keep the reason to 1,000 characters or fewer.");
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        Reviews.requireConsistent(verdict, judgement, c.rubric());
        reviews.decide(c, verdict.equals("meets") ? ReviewDecision.Verdict.MEETS : ReviewDecision.Verdict.NOT_YET, judgement.levels(),
                actor instanceof Actor.Person p ? p.userId() : null, why);
        audit.record(actor, org.id(), "submission.overridden", "submission", s.id(), Map.of("before", s.state().name().toLowerCase(java.util.Locale.ROOT),
                "decision", verdict, "levels", judgement.levels(), "reason", why));
        return store.find(s.id()).orElseThrow();
    }

    private SubmissionStore.Context context(Organization org, UUID submissionId) {
        Submission s = store.find(submissionId).filter(x -> x.organizationId().equals(org.id()) && x.state() != Submission.State.DRAFT)
                .orElseThrow(() -> Problem.notFound("The work product"));
        return store.context(s);
    }

    private SubmissionStore.Context lockedContext(Organization org, UUID submissionId) {
        context(org, submissionId);
        return store.context(store.lock(submissionId).orElseThrow());
    }
}
