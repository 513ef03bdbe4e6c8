package io.guildmark.app.earning;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.accounts.User;
import io.guildmark.app.earning.model.ReviewAssignment;
import io.guildmark.app.earning.model.ReviewDecision;
import io.guildmark.app.earning.model.Rubric;
import io.guildmark.app.earning.model.RubricOutcome;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.organizations.Members;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Peer review of work products: who reviews (the organization's reviewers, least loaded first, never the learner or a
 * colleague at the learner's employer), what a reviewer sees (blind by default), how two reviews become one decision
 * (a third reviewer breaks a disagreement), and the reminders and reassignments that keep reviews moving.
 */
@Service
public class Reviews {

    private static final Logger log = LoggerFactory.getLogger(Reviews.class);

    /** A reviewer is reminded once when this little time is left. */
    static final Duration REMINDER_LEAD = Duration.ofDays(2);
    static final int MAX_FEEDBACK = 5_000;

    /** An assignment in a reviewer's own list. */
    public record Assignment(UUID reviewId, String achievementName, int round, boolean tiebreak, Review.State state, Instant assignedAt,
            Instant dueAt, boolean overdue, @Nullable Instant completedAt, @Nullable String verdict, @Nullable String endedReason) {
        public boolean meets() {
            return "meets".equals(verdict);
        }
    }

    /**
     * A reviewer's own numbers.
     *
     * @param medianTurnaroundDays from assignment to completed review; {@code null} before the first review
     * @param meetsPercent the share of their reviews that said "meets"; {@code null} before the first review
     */
    public record Stats(int completed, @Nullable Double medianTurnaroundDays, @Nullable Integer meetsPercent) {}

    public record Dashboard(List<Assignment> queue, List<Assignment> history, Stats stats) {}

    /**
     * What a reviewer sees of the work product they review.
     *
     * @param learnerName {@code null} when the review is blind (the default)
     * @param earlier the decided earlier rounds with their reviews, for a resubmission
     * @param closed why the review can no longer be given, or {@code null} while it is open
     */
    public record ReviewPage(Review review, String achievementName, String organizationName, int round, String instructions,
            List<SubmissionViews.CriterionView> criteria, List<SubmissionViews.FileView> files, @Nullable String learnerName,
            List<SubmissionViews.RoundView> earlier, @Nullable String closed, boolean overdue) {
        public boolean open() {
            return closed == null;
        }
    }

    /** What a reviewer sends: per criterion key a level and feedback, an overall comment and "meets" or "not_yet". */
    public record ReviewForm(Map<String, String> levels, Map<String, String> feedback, @Nullable String comment, @Nullable String verdict) {}

    /** What one run of the reminder job did. */
    public record Sweep(int reminded, int reassigned, int assigned) {}

    /** What is checked in a rubric judgement (a review, a staff decision, a demonstration). */
    record Judgement(Map<String, String> levels, RubricOutcome outcome) {}

    private final JdbcClient db;
    private final SubmissionStore store;
    private final SubmissionViews views;
    private final Members members;
    private final Accounts accounts;
    private final Awards awards;
    private final Organizations organizations;
    private final Notices notices;
    private final EarnedAwards earnedAwards;
    private final Clock clock;
    private final TransactionTemplate eachInItsOwnTransaction;
    private final ApplicationEventPublisher events;

    Reviews(JdbcClient db, SubmissionStore store, SubmissionViews views, Members members, Accounts accounts, Awards awards,
            Organizations organizations, Notices notices, EarnedAwards earnedAwards, Clock clock, PlatformTransactionManager transactions,
            ApplicationEventPublisher events) {
        this.events = events;
        this.db = db;
        this.store = store;
        this.views = views;
        this.members = members;
        this.accounts = accounts;
        this.awards = awards;
        this.organizations = organizations;
        this.notices = notices;
        this.earnedAwards = earnedAwards;
        this.clock = clock;
        this.eachInItsOwnTransaction = new TransactionTemplate(transactions);
    }

    // ----- The reviewer's side

    /** The signed-in person's own assignments: open ones by due date, then the history, and their numbers. */
    public Dashboard dashboard(Actor.Person person) {
        Instant now = clock.instant();
        List<Assignment> queue = new ArrayList<>();
        List<Assignment> history = new ArrayList<>();
        Map<UUID, Submission> submissions = new LinkedHashMap<>();
        Map<UUID, String> names = new LinkedHashMap<>();
        List<Double> turnarounds = new ArrayList<>();
        int meets = 0;
        for (Review r : store.reviewsBy(person.userId())) {
            Submission s = submissions.computeIfAbsent(r.submissionId(), id -> store.find(id).orElseThrow());
            String name = names.computeIfAbsent(s.achievementId(), store::achievementName);
            Assignment a = new Assignment(r.id(), name, s.round(), r.tiebreak(), r.state(), r.assignedAt(), r.dueAt(), r.overdue(now),
                    r.completedAt(), r.verdict(), r.endedReason());
            (r.open() ? queue : history).add(a);
            if (r.completed() && r.completedAt() != null) {
                turnarounds.add(Duration.between(r.assignedAt(), r.completedAt()).toMinutes() / (60.0 * 24));
                if (r.meets()) meets++;
            }
        }
        queue.sort(Comparator.comparing(Assignment::dueAt));
        history.sort(Comparator.comparing((Assignment a) -> a.completedAt() != null ? a.completedAt() : a.assignedAt()).reversed());
        int completed = turnarounds.size();
        Stats stats = new Stats(completed, completed == 0 ? null : Math.round(median(turnarounds) * 10) / 10.0,
                completed == 0 ? null : Math.round(meets * 100f / completed));
        return new Dashboard(queue, history, stats);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    /** A review assigned to this person (now or earlier); anyone else's reads as not found. */
    public ReviewPage page(Actor.Person person, UUID reviewId) {
        Review review = mine(person, reviewId);
        requireStillReviewing(person, review);
        Submission s = store.find(review.submissionId()).orElseThrow(() -> Problem.notFound("The review"));
        SubmissionStore.Context c = store.context(s);
        requireNotOwn(person, c.enrollment());
        String organizationName = organizations.findById(s.organizationId()).map(o -> o.name()).orElse("");
        boolean blind = c.design().blind();
        List<SubmissionViews.RoundView> earlier = store.rounds(s.enrollmentId()).stream()
                .filter(r -> r.round() < s.round() && r.state().decided())
                .map(r -> views.round(c.rubric(), r, true, true, null)).toList();
        return new ReviewPage(review, c.achievementName(), organizationName, s.round(), c.design().instructions(),
                SubmissionViews.criteria(c.rubric(), s.responses()), views.files(s, blind), blind ? null : c.enrollment().name(),
                earlier, closedReason(review), review.overdue(clock.instant()));
    }

    private Review mine(Actor.Person person, UUID reviewId) {
        return store.review(reviewId).filter(r -> r.reviewerId().equals(person.userId()))
                .orElseThrow(() -> Problem.notFound("The review"));
    }

    /**
     * Membership and role are checked on every access and decision, not only when work is assigned: someone removed
     * from the organization, or whose roles no longer include reviewing, is told so and sees nothing of the work.
     */
    void requireStillReviewing(Actor.Person person, Review review) {
        if (organizations.allowed(person, review.organizationId(), Permission.REVIEW)) return;
        String name = organizations.findById(review.organizationId()).map(o -> o.name()).orElse("this organization");
        throw Problem.forbidden("You no longer review for " + name + ", so its work products are closed to you."
                + " Your open reviews there went to other reviewers.");
    }

    /** Nobody reviews, assesses or decides their own work: refused with a clear message, nothing changed. */
    static void requireNotOwn(Actor.Person person, Enrollment e) {
        if (Enrollments.owns(person, e)) {
            throw Problem.forbidden("This is your own work: nobody reviews, assesses or decides their own work product or demonstration."
                    + " Nothing was changed.");
        }
    }

    /** Whether a person holds the review permission in an organization now. */
    boolean mayReview(UUID organizationId, UUID userId) {
        return accounts.find(userId).map(u -> organizations.allowed(new Actor.Person(u.id(), u.email(), false), organizationId, Permission.REVIEW))
                .orElse(false);
    }

    private static @Nullable String closedReason(Review r) {
        return switch (r.state()) {
            case ASSIGNED -> null;
            case COMPLETED -> "You reviewed this work product on " + day(r.completedAt()) + ". A review cannot be changed once it is sent.";
            case REASSIGNED -> "This review was reassigned to another reviewer (" + r.endedReason() + "), so it no longer needs you.";
            case WITHDRAWN -> "This review is no longer needed: " + r.endedReason() + ".";
        };
    }

    /**
     * Records a reviewer's review. Refused, changing nothing, when a criterion lacks a level or feedback, when "meets" is
     * chosen while a criterion is below its required level, or when the review was already given, reassigned or withdrawn.
     */
    @Transactional
    public Review complete(Actor.Person person, UUID reviewId, ReviewForm form) {
        Review before = mine(person, reviewId);
        requireStillReviewing(person, before);
        Submission s = store.lock(before.submissionId()).orElseThrow(() -> Problem.notFound("The review"));
        requireNotOwn(person, store.enrollment(s));
        Review review = store.review(reviewId).orElseThrow();
        String closed = closedReason(review);
        if (closed != null) {
            String code = switch (review.state()) {
                case COMPLETED -> "already-reviewed";
                case REASSIGNED -> "review-reassigned";
                default -> "review-withdrawn";
            };
            throw Problem.conflict(code, closed + " Nothing was changed.");
        }
        SubmissionStore.Context c = store.context(s);
        Map<String, String> errors = new LinkedHashMap<>();
        Judgement judgement = judge(c.rubric(), form.levels(), errors);
        Map<String, String> feedback = new LinkedHashMap<>();
        for (Rubric.Criterion criterion : c.rubric().criteria()) {
            String text = trim(form.feedback().get(criterion.key()));
            if (text.isEmpty()) {
                errors.putIfAbsent("feedback." + criterion.key(), "Write feedback on \"" + criterion.name() + "\": what is done well and what to improve.");
            } else if (text.length() > MAX_FEEDBACK) {
                errors.putIfAbsent("feedback." + criterion.key(), "Keep the feedback on \"" + criterion.name() + "\" to 5,000 characters or fewer.");
            }
            feedback.put(criterion.key(), text);
        }
        String comment = trim(form.comment());
        if (comment.length() > MAX_FEEDBACK) errors.put("comment", "Keep the overall comment to 5,000 characters or fewer.");
        String verdict = verdict(form.verdict(), errors);
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        requireConsistent(verdict, judgement, c.rubric());
        int changed = db.sql("""
                update reviews set state = 'completed', levels = ?, feedback = ?, comment = ?, verdict = ?, completed_at = ?
                where id = ? and state = 'assigned'""")
                .params(Submission.json(judgement.levels()), Submission.json(feedback), comment.isEmpty() ? null : comment, verdict,
                        Timestamp.from(clock.instant()), review.id())
                .update();
        if (changed == 0) throw Problem.conflict("already-reviewed", "This review was already sent. Nothing was changed.");
        consolidate(c);
        return store.review(reviewId).orElseThrow();
    }

    /** Checks one level per criterion; puts what is wrong into {@code errors} and answers the outcome when complete. */
    static Judgement judge(Rubric rubric, Map<String, String> chosen, Map<String, String> errors) {
        Map<String, String> levels = new LinkedHashMap<>();
        for (Rubric.Criterion criterion : rubric.criteria()) {
            String level = trim(chosen.get(criterion.key()));
            if (criterion.levels().stream().noneMatch(l -> l.key().equals(level))) {
                errors.put("level." + criterion.key(), "Choose a level for \"" + criterion.name() + "\".");
            } else {
                levels.put(criterion.key(), level);
            }
        }
        return new Judgement(levels, levels.size() == rubric.criteria().size() ? rubric.score(levels) : new RubricOutcome(List.of()));
    }

    static String verdict(@Nullable String given, Map<String, String> errors) {
        String verdict = trim(given).toLowerCase(java.util.Locale.ROOT).replace(' ', '_').replace('-', '_');
        if (!verdict.equals("meets") && !verdict.equals("not_yet")) {
            errors.put("verdict", "Choose \"meets the standard\" or \"not yet\".");
        }
        return verdict;
    }

    /** "Meets" is only possible when every criterion is at or above its required level. */
    static void requireConsistent(String verdict, Judgement judgement, Rubric rubric) {
        if (!verdict.equals("meets") || judgement.outcome().meets()) return;
        List<String> below = judgement.outcome().criteria().stream().filter(o -> !o.meets())
                .map(o -> "\"" + rubric.criterion(o.criterion()).name() + "\"").toList();
        throw Problem.invalidField("verdict", "\"Meets the standard\" needs every criterion at its required level, and "
                + String.join(" and ", below) + (below.size() == 1 ? " is" : " are") + " below it. Raise the level if the work shows it, or choose \"not yet\".");
    }

    // ----- Assignment

    /**
     * Assigns the reviewers a round still lacks: the design's number of reviewers, or one third reviewer when the round
     * waits for a tiebreak. When the pool is short the round waits in "submitted" (staff see "needs a reviewer").
     *
     * @return how many reviewers were assigned now
     */
    int fill(SubmissionStore.Context c, Instant now) {
        Submission s = c.submission();
        if (!s.state().underReview()) return 0;
        List<Review> reviews = store.reviews(s.id());
        boolean tiebreak = s.state() == Submission.State.TIEBREAK;
        long active = reviews.stream().filter(r -> r.tiebreak() == tiebreak && (r.open() || r.completed())).count();
        int wanted = tiebreak ? 1 : c.design().reviewersPerSubmission();
        int needed = (int) Math.max(0, wanted - active);
        List<ReviewAssignment.Candidate> picked = needed == 0 ? List.of()
                : ReviewAssignment.pick(pool(c, reviewersOf(reviews)), learner(c.enrollment()), Math.min(needed, 2), c.design().holdersOnly());
        for (ReviewAssignment.Candidate candidate : picked) assign(c, UUID.fromString(candidate.id()), tiebreak, now);
        settle(s.id(), c.design().reviewersPerSubmission());
        return picked.size();
    }

    /** The reviewers who could take this round now (for staff choosing one), least loaded first. */
    List<ReviewAssignment.Candidate> eligible(SubmissionStore.Context c) {
        List<ReviewAssignment.Candidate> eligible = new ArrayList<>();
        ReviewAssignment.Submission learner = learner(c.enrollment());
        for (ReviewAssignment.Candidate candidate : pool(c, reviewersOf(store.reviews(c.submission().id())))) {
            if (!ReviewAssignment.pick(List.of(candidate), learner, 1, c.design().holdersOnly()).isEmpty()) eligible.add(candidate);
        }
        eligible.sort(Comparator.comparingInt(ReviewAssignment.Candidate::currentLoad).thenComparing(ReviewAssignment.Candidate::id));
        return eligible;
    }

    private static Set<UUID> reviewersOf(List<Review> reviews) {
        Set<UUID> ids = new HashSet<>();
        reviews.forEach(r -> ids.add(r.reviewerId()));
        return ids;
    }

    /** The organization's reviewers, less anyone already on this round (a reassigned reviewer does not get it back). */
    private List<ReviewAssignment.Candidate> pool(SubmissionStore.Context c, Set<UUID> exclude) {
        List<ReviewAssignment.Candidate> pool = new ArrayList<>();
        for (Members.Member m : members.withRole(c.submission().organizationId(), Role.REVIEWER)) {
            if (exclude.contains(m.userId()) || m.email().equalsIgnoreCase(c.enrollment().email())) continue;
            String employer = accounts.find(m.userId()).map(User::employer).orElse(null);
            boolean holds = c.design().holdersOnly() && awards.holds(m.email(), c.submission().achievementId());
            pool.add(new ReviewAssignment.Candidate(m.userId().toString(), employer == null ? "" : employer, store.openLoad(m.userId()), holds));
        }
        return pool;
    }

    private ReviewAssignment.Submission learner(Enrollment e) {
        Optional<User> user = e.userId() != null ? accounts.find(e.userId()) : accounts.findByEmail(e.email());
        String employer = user.map(User::employer).orElse(null);
        return new ReviewAssignment.Submission(user.map(u -> u.id().toString()).orElse(e.email()), employer == null ? "" : employer);
    }

    /** Assigns one reviewer and tells them, with a link to the review and its due date (never who the learner is). */
    Review assign(SubmissionStore.Context c, UUID reviewerId, boolean tiebreak, Instant now) {
        User assignee = accounts.find(reviewerId).orElseThrow(() -> Problem.invalidField("reviewerId", "That person has no account."));
        if (Enrollments.owns(new Actor.Person(assignee.id(), assignee.email(), false), c.enrollment())) {
            throw Problem.invalidField("reviewerId", "Nobody reviews their own work product; choose another reviewer.");
        }
        if (!mayReview(c.submission().organizationId(), reviewerId)) {
            throw Problem.invalidField("reviewerId", "That person does not review for this organization.");
        }
        UUID id = UUID.randomUUID();
        Instant due = now.plus(Duration.ofDays(c.design().reviewDays()));
        db.sql("""
                insert into reviews (id, submission_id, organization_id, reviewer_id, tiebreak, state, assigned_at, due_at)
                values (?, ?, ?, ?, ?, 'assigned', ?, ?)""")
                .params(id, c.submission().id(), c.submission().organizationId(), reviewerId, tiebreak, Timestamp.from(now), Timestamp.from(due))
                .update();
        accounts.find(reviewerId).ifPresent(reviewer -> notices.tell(reviewer.email(), c.submission().organizationId(),
                io.guildmark.app.notifications.EmailTemplates.Kind.REVIEW_REQUEST, java.util.Map.of("recipient.name", reviewer.name(),
                        "credential.name", c.achievementName(), "review.reason", tiebreak ? " as a third reviewer, because the first two disagree" : "",
                        "due.date", day(due)),
                "/reviews/" + id));
        return store.review(id).orElseThrow();
    }

    /** A round waiting for reviewers is "submitted"; once it has them all it is "in review". */
    void settle(UUID submissionId, int reviewersWanted) {
        long active = db.sql("select count(*) from reviews where submission_id = ? and tiebreak = false and state in ('assigned', 'completed')")
                .param(submissionId).query(Long.class).single();
        String state = active >= reviewersWanted ? "in_review" : "submitted";
        db.sql("update submissions set state = ? where id = ? and state in ('submitted', 'in_review')").params(state, submissionId).update();
    }

    // ----- Decisions

    /** Turns the completed reviews of a round into its decision once they are all in; a disagreement asks a third reviewer. */
    void consolidate(SubmissionStore.Context c) {
        Submission s = store.find(c.submission().id()).orElseThrow();
        List<Review> reviews = store.reviews(s.id());
        if (s.state() == Submission.State.TIEBREAK) {
            reviews.stream().filter(r -> r.tiebreak() && r.completed()).findFirst().ifPresent(third -> {
                ReviewDecision.Verdict verdict = third.meets() ? ReviewDecision.Verdict.MEETS : ReviewDecision.Verdict.NOT_YET;
                decide(c, verdict, lowest(c.rubric(), reviews, third.meets()), null, null);
            });
            return;
        }
        List<Review> done = reviews.stream().filter(r -> !r.tiebreak() && r.completed())
                .sorted(Comparator.comparing(Review::completedAt)).toList();
        int wanted = c.design().reviewersPerSubmission();
        if (done.size() < wanted) return;
        List<ReviewDecision.Verdict> verdicts = done.subList(0, wanted).stream()
                .map(r -> r.meets() ? ReviewDecision.Verdict.MEETS : ReviewDecision.Verdict.NOT_YET).toList();
        ReviewDecision decision = ReviewDecision.consolidate(verdicts);
        if (decision instanceof ReviewDecision.Decided decided) {
            decide(c, decided.verdict(), lowest(c.rubric(), reviews, decided.verdict() == ReviewDecision.Verdict.MEETS), null, null);
        } else {
            db.sql("update submissions set state = 'tiebreak', updated_at = ? where id = ?").params(Timestamp.from(clock.instant()), s.id()).update();
            SubmissionStore.Context tied = new SubmissionStore.Context(store.find(s.id()).orElseThrow(), c.enrollment(), c.design(), c.rubric(), c.achievementName());
            if (fill(tied, clock.instant()) == 0) {
                log.info("Submission {} needs a third reviewer and none is available; staff decide", s.id());
            }
        }
    }

    /** Per criterion the lowest level among the completed reviews that reached this verdict: the decision claims no more than every such reviewer saw. */
    static Map<String, String> lowest(Rubric rubric, List<Review> reviews, boolean meets) {
        List<Review> agreeing = reviews.stream().filter(r -> r.completed() && r.meets() == meets).toList();
        Map<String, String> levels = new LinkedHashMap<>();
        for (Rubric.Criterion criterion : rubric.criteria()) {
            agreeing.stream().map(r -> r.levels().get(criterion.key())).filter(l -> l != null)
                    .min(Comparator.comparingInt(criterion::rank)).ifPresent(l -> levels.put(criterion.key(), l));
        }
        return levels;
    }

    /**
     * Decides a round: records the verdict and levels, withdraws reviews still open, tells the learner, and on "meets"
     * checks the enrollment for its badge once this commits.
     *
     * @param decidedBy the staff member deciding by override, or {@code null} when reviewers decided
     */
    void decide(SubmissionStore.Context c, ReviewDecision.Verdict verdict, Map<String, String> levels, @Nullable UUID decidedBy,
            @Nullable String reason) {
        Submission s = c.submission();
        Instant now = clock.instant();
        String decision = verdict == ReviewDecision.Verdict.MEETS ? "meets" : "not_yet";
        int changed = db.sql("""
                update submissions set state = ?, decision = ?, levels = ?, decided_at = ?, decided_by = ?, override_reason = ?, updated_at = ?
                where id = ? and state in ('submitted', 'in_review', 'tiebreak', 'not_yet')""")
                .params(decision, decision, Submission.json(levels), Timestamp.from(now), decidedBy, reason, Timestamp.from(now), s.id())
                .update();
        if (changed == 0) throw Problem.conflict("already-decided", "This work product was already decided. Nothing was changed.");
        events.publishEvent(new SubmissionDecided(s.id(), s.organizationId(), s.enrollmentId(), c.enrollment().achievementId(),
                c.enrollment().email(), decision, now, decidedBy));
        String ended = decidedBy == null ? "the work product was decided" : "the association decided the work product";
        for (Review open : store.reviews(s.id()).stream().filter(Review::open).toList()) {
            db.sql("update reviews set state = 'withdrawn', ended_reason = ? where id = ? and state = 'assigned'").params(ended, open.id()).update();
            accounts.find(open.reviewerId()).ifPresent(reviewer -> notices.tell(reviewer.email(), s.organizationId(),
                    "No longer needed: your review for " + c.achievementName(),
                    "The work product you were asked to review for \"" + c.achievementName() + "\" was decided, so your review is no longer needed. Thank you.",
                    "/reviews"));
        }
        String path = "/learning/" + s.enrollmentId() + "/submission";
        if (verdict == ReviewDecision.Verdict.MEETS) {
            notices.tell(c.enrollment().email(), s.organizationId(), "Your work product meets the standard: " + c.achievementName(),
                    "Your work product for \"" + c.achievementName() + "\" was reviewed against the rubric and meets the standard.", path);
            earnedAwards.checkAfterCommit(s.enrollmentId());
        } else {
            notices.tell(c.enrollment().email(), s.organizationId(), "Feedback on your work product: " + c.achievementName(),
                    "Your work product for \"" + c.achievementName() + "\" was reviewed: not yet. Read the feedback on each criterion"
                            + " and, if resubmissions are left, improve it and submit it again.", path);
        }
    }

    // ----- Reviewers who leave

    /** Why an assignment ended when its reviewer left the organization or stopped reviewing there. */
    static final String NO_LONGER_REVIEWS = "the reviewer no longer reviews for this organization";

    /**
     * A member was removed or their roles changed: their open assignments go back to the pool in the same transaction.
     * (The organizations module publishes this synchronously, inside the removal's transaction.)
     */
    @EventListener
    void on(Members.MembershipChanged changed) {
        release(changed.organizationId(), changed.userId(), clock.instant());
    }

    /**
     * Gives a person's open assignments in an organization back to the pool when they may no longer review there, and
     * assigns each round afresh by the usual rules (least loaded first, never the learner, never a colleague at the
     * learner's employer); a round nobody can take waits as "needs a reviewer". The person is told once.
     *
     * @return how many open assignments were released
     */
    int release(UUID organizationId, UUID userId, Instant now) {
        if (mayReview(organizationId, userId)) return 0;
        List<Review> open = db.sql("select * from reviews where organization_id = ? and reviewer_id = ? and state = 'assigned'")
                .params(organizationId, userId).query(Review::row).list();
        if (open.isEmpty()) return 0;
        for (UUID submissionId : open.stream().map(Review::submissionId).distinct().toList()) {
            store.lock(submissionId).orElseThrow();
            for (Review r : store.reviews(submissionId)) {
                if (r.open() && r.reviewerId().equals(userId)) end(r, NO_LONGER_REVIEWS, Review.State.REASSIGNED);
            }
            fill(store.context(store.find(submissionId).orElseThrow()), now);
        }
        String name = organizations.findById(organizationId).map(o -> o.name()).orElse("the organization");
        accounts.find(userId).ifPresent(u -> notices.tell(u.email(), organizationId, "You no longer review for " + name,
                "You no longer review for " + name + " (you left it, or your role there no longer includes reviewing), so "
                        + (open.size() == 1 ? "the review you had open went" : "the " + open.size() + " reviews you had open went")
                        + " to other reviewers. No need to finish " + (open.size() == 1 ? "it" : "them") + ".",
                "/reviews"));
        log.info("Released {} open review(s) of a reviewer who no longer reviews for organization {}", open.size(), organizationId);
        return open.size();
    }

    // ----- Reminders and overdue reviews

    /**
     * The reminder job's work at a given moment: reminds each reviewer once when a review is due within two days,
     * reassigns reviews that are overdue, and tries again to find reviewers for rounds still waiting for one. Each item
     * runs in its own transaction, so one failure does not hold up the rest.
     */
    public Sweep sweep(Instant now) {
        int reminded = 0;
        int reassigned = 0;
        int assigned = 0;
        List<Review> dueSoon = db.sql("select * from reviews where state = 'assigned' and reminded_at is null and due_at > ? and due_at <= ?")
                .params(Timestamp.from(now), Timestamp.from(now.plus(REMINDER_LEAD))).query(Review::row).list();
        for (Review r : dueSoon) {
            if (Boolean.TRUE.equals(inOwnTransaction(() -> remind(r, now)))) reminded++;
        }
        List<Review> overdue = db.sql("select * from reviews where state = 'assigned' and due_at < ?").param(Timestamp.from(now))
                .query(Review::row).list();
        for (Review r : overdue) {
            Integer replaced = inOwnTransaction(() -> reassignOverdue(r.id(), now));
            if (replaced != null && replaced >= 0) {
                reassigned++;
                assigned += replaced;
            }
        }
        // A safety net for memberships ended by other means than the members page: their open reviews go back to the pool.
        record Holder(UUID organizationId, UUID reviewerId) {}
        List<Holder> holders = db.sql("select distinct organization_id, reviewer_id from reviews where state = 'assigned'")
                .query((rs, n) -> new Holder(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
        for (Holder h : holders) {
            if (mayReview(h.organizationId(), h.reviewerId())) continue;
            Integer released = inOwnTransaction(() -> release(h.organizationId(), h.reviewerId(), now));
            if (released != null) reassigned += released;
        }
        List<UUID> waiting = db.sql("select id from submissions where state in ('submitted', 'tiebreak')").query(UUID.class).list();
        for (UUID id : waiting) {
            Integer added = inOwnTransaction(() -> store.lock(id).filter(s -> s.state().underReview()).map(s -> fill(store.context(s), now)).orElse(0));
            if (added != null) assigned += added;
        }
        if (reminded + reassigned + assigned > 0) {
            log.info("Review sweep: {} reminded, {} reassigned, {} newly assigned", reminded, reassigned, assigned);
        }
        return new Sweep(reminded, reassigned, assigned);
    }

    private <T> @Nullable T inOwnTransaction(java.util.function.Supplier<T> work) {
        try {
            return eachInItsOwnTransaction.execute(tx -> work.get());
        } catch (RuntimeException e) {
            log.error("Review sweep: one item failed and is tried again on the next run", e);
            return null;
        }
    }

    private boolean remind(Review r, Instant now) {
        int claimed = db.sql("update reviews set reminded_at = ? where id = ? and state = 'assigned' and reminded_at is null")
                .params(Timestamp.from(now), r.id()).update();
        if (claimed == 0) return false;
        Submission s = store.find(r.submissionId()).orElseThrow();
        String name = store.achievementName(s.achievementId());
        accounts.find(r.reviewerId()).ifPresent(reviewer -> notices.tell(reviewer.email(), s.organizationId(),
                io.guildmark.app.notifications.EmailTemplates.Kind.REVIEW_REMINDER, java.util.Map.of("recipient.name", reviewer.name(),
                        "credential.name", name, "due.date", day(r.dueAt())),
                "/reviews/" + r.id()));
        return true;
    }

    /** @return how many replacements were assigned (0 or 1), or -1 when the review was no longer overdue */
    private int reassignOverdue(UUID reviewId, Instant now) {
        Submission s = store.lock(store.review(reviewId).orElseThrow().submissionId()).orElseThrow();
        Review r = store.review(reviewId).orElseThrow();
        if (!r.open() || !now.isAfter(r.dueAt())) return -1;
        end(r, "not completed by " + day(r.dueAt()), Review.State.REASSIGNED);
        SubmissionStore.Context c = store.context(s);
        accounts.find(r.reviewerId()).ifPresent(reviewer -> notices.tell(reviewer.email(), s.organizationId(),
                "Your review for " + c.achievementName() + " went to another reviewer",
                "Your review of a work product for \"" + c.achievementName() + "\" was due on " + day(r.dueAt())
                        + " and is now with another reviewer, so the learner is not kept waiting. No need to finish it.", "/reviews"));
        return fill(c, now);
    }

    /** Ends an open assignment without a review. */
    void end(Review r, String reason, Review.State state) {
        db.sql("update reviews set state = ?, ended_reason = ? where id = ? and state = 'assigned'").params(state.id(), reason, r.id()).update();
    }

    static String day(@Nullable Instant instant) {
        return instant == null ? "" : LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    static String trim(@Nullable String s) {
        return s == null ? "" : s.strip();
    }
}
