package io.guildmark.app.earning;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.catalog.AchievementVersion;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.catalog.EarningRequirement;
import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.earning.model.EarningDesign.Method;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Where an enrollment stands: each required method done or not, and the learner's next step in plain words. */
@Component
public class Progress {

    public enum Status {
        TO_DO("To do"), IN_PROGRESS("In progress"), WAITING("Waiting for review"), NOT_YET("Not yet"), MET("Done");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** One required method: its status, a line on where it stands, and the catalog's description of it. */
    public record Step(Method method, Status status, String detail, String description) {
        public boolean met() {
            return status == Status.MET;
        }
    }

    public record View(Enrollment enrollment, String achievementName, String organizationName, String organizationSlug,
            EarningDesign design, List<Step> steps, String next) {

        public boolean allMet() {
            return !steps.isEmpty() && steps.stream().allMatch(Step::met);
        }

        public long metCount() {
            return steps.stream().filter(Step::met).count();
        }

        public Optional<Step> step(Method method) {
            return steps.stream().filter(s -> s.method() == method).findFirst();
        }
    }

    private final JdbcClient db;
    private final Achievements achievements;
    private final EarningDesigns designs;
    private final Organizations organizations;
    private final java.time.Clock clock;

    Progress(JdbcClient db, Achievements achievements, EarningDesigns designs, Organizations organizations, java.time.Clock clock) {
        this.db = db;
        this.achievements = achievements;
        this.designs = designs;
        this.organizations = organizations;
        this.clock = clock;
    }

    public View of(Enrollment e) {
        return of(e, new Shared());
    }

    /**
     * Where each of a list of enrollments stands. The designs, catalog versions and organizations they share are read
     * (and their JSON parsed) once per list, not once per row: a page of fifty learners of one micro-credential reads
     * its design once.
     */
    public List<View> ofAll(List<Enrollment> enrollments) {
        Shared shared = new Shared();
        return enrollments.stream().map(e -> of(e, shared)).toList();
    }

    /** What the enrollments of one list share, each read on first use. */
    private final class Shared {
        private final Map<String, EarningDesign> designsByVersion = new HashMap<>();
        private final Map<UUID, Optional<AchievementVersion>> versions = new HashMap<>();
        private final Map<UUID, Organization> orgs = new HashMap<>();

        EarningDesign design(Enrollment e) {
            return designsByVersion.computeIfAbsent(e.achievementId() + "#" + e.designVersion(),
                    k -> designs.version(e.achievementId(), e.designVersion()).design());
        }

        Optional<AchievementVersion> version(UUID achievementId) {
            return versions.computeIfAbsent(achievementId, achievements::latestVersion);
        }

        Organization org(UUID organizationId) {
            return orgs.computeIfAbsent(organizationId, id -> organizations.findById(id).orElseThrow());
        }
    }

    private View of(Enrollment e, Shared shared) {
        EarningDesign design = shared.design(e);
        Optional<AchievementVersion> version = shared.version(e.achievementId());
        String name = version.map(v -> v.definition().name()).orElse("A retired micro-credential");
        List<EarningRequirement> described = version.map(v -> v.definition().requirements()).orElse(List.of());
        Organization org = shared.org(e.organizationId());
        List<Step> steps = new ArrayList<>();
        for (Method method : design.methods()) {
            String description = described.stream().filter(r -> r.kind().equals(method.id())).map(EarningRequirement::description)
                    .findFirst().orElse("");
            steps.add(switch (method) {
                case ASSESSMENT -> assessment(e, design.assessment(), description);
                case SUBMISSION -> submission(e, design.submission(), description);
                case DEMONSTRATION -> demonstration(e, description);
                case COMPLETION -> completion(e, design.completion(), description);
            });
        }
        return new View(e, name, org.name(), org.slug(), design, steps, next(e, steps));
    }

    private String next(Enrollment e, List<Step> steps) {
        if (e.state() == Enrollment.State.AWARDED) return "Earned. Your badge is ready to share.";
        if (e.state() == Enrollment.State.WITHDRAWN) return "Withdrawn. Enroll again to pick up where you left off.";
        if (e.paymentDue()) return "Payment of " + e.price() + " is due. Pay online, or the association confirms a payment made another way; then you can start.";
        return steps.stream().filter(s -> !s.met()).findFirst().map(s -> switch (s.status()) {
            case TO_DO, IN_PROGRESS -> s.method() == Method.COMPLETION || s.method() == Method.DEMONSTRATION
                    ? s.detail() : "Next: " + s.method().label().toLowerCase(java.util.Locale.ROOT) + ". " + s.detail();
            case WAITING -> s.detail();
            case NOT_YET -> s.detail();
            case MET -> "";
        }).orElse("Every requirement is met: your badge is being issued.");
    }

    private Step assessment(Enrollment e, EarningDesign.@Nullable AssessmentDesign design, String description) {
        record Attempt(@Nullable Integer score, @Nullable Boolean passed, @Nullable Instant submittedAt) {}
        List<Attempt> attempts = db.sql("select score_percent, passed, submitted_at from assessment_attempts where enrollment_id = ? order by started_at")
                .param(e.id()).query((rs, n) -> new Attempt((Integer) rs.getObject(1, Integer.class), (Boolean) rs.getObject(2, Boolean.class),
                        Enrollments.instant(rs, "submitted_at"))).list();
        Optional<Attempt> passed = attempts.stream().filter(a -> Boolean.TRUE.equals(a.passed())).findFirst();
        if (passed.isPresent()) return new Step(Method.ASSESSMENT, Status.MET, "Passed with " + passed.get().score() + "%.", description);
        long used = attempts.size();
        int limit = design == null ? 0 : design.attemptLimit();
        if (used == 0) return new Step(Method.ASSESSMENT, Status.TO_DO, "Take the assessment: " + limit + (limit == 1 ? " attempt" : " attempts") + " allowed.", description);
        boolean open = attempts.stream().anyMatch(a -> a.submittedAt() == null);
        if (open) return new Step(Method.ASSESSMENT, Status.IN_PROGRESS, "An attempt is in progress.", description);
        if (used >= limit) return new Step(Method.ASSESSMENT, Status.NOT_YET, "Not passed, and no attempts are left. Contact the association.", description);
        return new Step(Method.ASSESSMENT, Status.NOT_YET, "Not passed yet: " + (limit - used) + " of " + limit + " attempts left.", description);
    }

    private Step submission(Enrollment e, EarningDesign.@Nullable SubmissionDesign design, String description) {
        record Round(int round, String state) {}
        Optional<Round> latest = db.sql("select round, state from submissions where enrollment_id = ? order by round desc limit 1")
                .param(e.id()).query((rs, n) -> new Round(rs.getInt(1), rs.getString(2))).optional();
        if (latest.isEmpty()) {
            String deadline = e.deadlineAt() == null ? "" : " Submit by " + LocalDate.ofInstant(e.deadlineAt(), java.time.ZoneOffset.UTC) + ".";
            return new Step(Method.SUBMISSION, Status.TO_DO, "Prepare and submit your work product." + deadline, description);
        }
        Round r = latest.get();
        int limit = design == null ? 0 : design.resubmissionLimit();
        return switch (r.state()) {
            case "draft" -> new Step(Method.SUBMISSION, Status.IN_PROGRESS, r.round() == 1 ? "Draft saved; submit it when it is ready."
                    : "Resubmission draft saved; submit it when it is ready.", description);
            case "meets" -> new Step(Method.SUBMISSION, Status.MET, "Reviewed: meets the standard.", description);
            case "not_yet" -> r.round() - 1 < limit
                    ? new Step(Method.SUBMISSION, Status.NOT_YET, "Reviewed: not yet. Read the feedback and resubmit ("
                            + (limit - (r.round() - 1)) + " resubmission" + (limit - (r.round() - 1) == 1 ? "" : "s") + " left).", description)
                    : new Step(Method.SUBMISSION, Status.NOT_YET, "Reviewed: not yet, and no resubmissions are left. Contact the association.", description);
            default -> new Step(Method.SUBMISSION, Status.WAITING, "Submitted; waiting for peer review.", description);
        };
    }

    private Step demonstration(Enrollment e, String description) {
        List<String> verdicts = db.sql("select verdict from demonstrations where enrollment_id = ? order by recorded_at desc")
                .param(e.id()).query(String.class).list();
        if (verdicts.contains("meets")) return new Step(Method.DEMONSTRATION, Status.MET, "Observed: meets the standard.", description);
        if (!verdicts.isEmpty()) return new Step(Method.DEMONSTRATION, Status.NOT_YET,
                "Observed: not yet. Read the assessor's notes; an assessor can observe you again.", description);
        return new Step(Method.DEMONSTRATION, Status.TO_DO, "An assessor observes you demonstrate the skill, in person or on video.", description);
    }

    private Step completion(Enrollment e, EarningDesign.@Nullable CompletionDesign design, String description) {
        String code = design == null ? "" : design.courseCode();
        Optional<LocalDate> done = db.sql("select completed_on from completions where organization_id = ? and email = ? and course_code = ?")
                .params(e.organizationId(), e.email(), code).query((rs, n) -> rs.getDate(1).toLocalDate()).optional();
        return done.map(d -> new Step(Method.COMPLETION, Status.MET, "Completed course " + code + " on " + d + ".", description))
                .orElseGet(() -> new Step(Method.COMPLETION, Status.TO_DO, "Complete course " + code
                        + " in the learning system; it reports your completion here.", description));
    }

    Instant now() {
        return clock.instant();
    }
}
