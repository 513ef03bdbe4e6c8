package io.guildmark.app.earning;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.earning.model.ReviewDecision;
import io.guildmark.app.earning.model.Rubric;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.FileStore;
import io.guildmark.app.shared.Problem;
import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A learner's work product: a draft with a written response per rubric criterion and files, submitted for peer review,
 * and after "not yet" resubmitted in a new round while the design allows. Also who may read a work product: its
 * learner, its reviewers, the organization's staff, and anyone once it met the standard and the learner made it public.
 */
@Service
public class Submissions {

    static final String FILE_FOLDER = "submissions";
    static final int MAX_RESPONSE = 20_000;
    private static final long MEGABYTE = 1024L * 1024L;
    /** Thread-safe; reads the type from the bytes (magic numbers), and uses the name only to tell zip-based formats apart. */
    private static final Tika TIKA = new Tika();

    /**
     * The learner's submission page.
     *
     * @param current the newest round, or {@code null} before the first draft is saved
     * @param earlier the older rounds, newest first, with their reviews
     * @param blocked why the learner cannot work on it now (payment due, withdrawn, awarded), or {@code null}
     */
    public record Workspace(Enrollment enrollment, String achievementName, String organizationName, EarningDesign.SubmissionDesign design,
            Rubric rubric, List<SubmissionFileType> accepted, List<SubmissionViews.CriterionView> criteria,
            SubmissionViews.@Nullable RoundView current, List<SubmissionViews.RoundView> earlier, @Nullable String blocked,
            boolean pastDeadline, int resubmissionsLeft) {

        /** The learner can change the draft (or start one). */
        public boolean editable() {
            return blocked == null && (current == null || current.submission().state() == Submission.State.DRAFT);
        }

        public boolean mayResubmit() {
            return blocked == null && current != null && current.submission().state() == Submission.State.NOT_YET && resubmissionsLeft > 0;
        }

        public boolean mayUpload() {
            return editable() && !accepted.isEmpty() && design.maxFiles() > 0
                    && (current == null || current.files().size() < design.maxFiles());
        }

        public String acceptAttribute() {
            return String.join(",", accepted.stream().map(SubmissionFileType::acceptAttribute).toList());
        }

        public int maxFileMegabytes() {
            return Math.min(design.maxFileMegabytes(), EarningDesign.MAX_UPLOAD_MEGABYTES);
        }
    }

    /** A file as handed out for download. */
    public record Download(String fileName, String contentType, byte[] content) {}

    /** Who is reading a work product, which decides what they may see. */
    enum Reader { LEARNER, STAFF, REVIEWER, PUBLIC }

    /**
     * The evidence page of a work product.
     *
     * @param learnerName {@code null} for a reviewer of a blind review
     */
    public record Evidence(UUID submissionId, String achievementName, String organizationName, @Nullable String learnerName,
            SubmissionViews.RoundView round, boolean viewerIsLearner, boolean evidencePublic) {}

    private final JdbcClient db;
    private final SubmissionStore store;
    private final SubmissionViews views;
    private final Reviews reviews;
    private final Enrollments enrollments;
    private final EarningDesigns designs;
    private final Organizations organizations;
    private final FileStore files;
    private final Notices notices;
    private final Clock clock;

    Submissions(JdbcClient db, SubmissionStore store, SubmissionViews views, Reviews reviews, Enrollments enrollments,
            EarningDesigns designs, Organizations organizations, FileStore files, Notices notices, Clock clock) {
        this.db = db;
        this.store = store;
        this.views = views;
        this.reviews = reviews;
        this.enrollments = enrollments;
        this.designs = designs;
        this.organizations = organizations;
        this.files = files;
        this.notices = notices;
        this.clock = clock;
    }

    // ----- The learner's page

    public Workspace workspace(Actor.Person learner, UUID enrollmentId) {
        Enrollment e = mine(learner, enrollmentId);
        EarningDesign design = designOf(e);
        List<Submission> rounds = store.rounds(e.id());
        Rubric rubric = design.rubric();
        List<SubmissionViews.RoundView> shown = rounds.stream()
                .map(s -> views.round(rubric, s, false, s.state().decided(), null)).toList();
        SubmissionViews.RoundView current = shown.isEmpty() ? null : shown.get(0);
        Map<String, String> responses = current == null ? Map.of() : current.submission().responses();
        int used = rounds.isEmpty() ? 0 : rounds.get(0).round() - 1;
        String organizationName = organizations.findById(e.organizationId()).map(o -> o.name()).orElse("");
        return new Workspace(e, store.achievementName(e.achievementId()), organizationName, design.submission(), rubric,
                SubmissionFileType.accepted(design.submission().fileTypes()), SubmissionViews.criteria(rubric, responses), current,
                shown.size() > 1 ? shown.subList(1, shown.size()) : List.of(), blocked(e),
                rounds.isEmpty() && e.pastDeadline(clock.instant()), Math.max(0, design.submission().resubmissionLimit() - used));
    }

    /** Saves the draft's written responses and the evidence choice; starts the first draft when there is none. */
    @Transactional
    public Submission saveDraft(Actor.Person learner, UUID enrollmentId, Map<String, String> responses, boolean evidencePublic) {
        Enrollment e = workable(learner, enrollmentId);
        EarningDesign design = designOf(e);
        Map<String, String> clean = checkResponses(design, responses);
        Submission draft = draft(e);
        db.sql("update submissions set responses = ?, evidence_public = ?, updated_at = ? where id = ? and state = 'draft'")
                .params(Submission.json(clean), evidencePublic, Timestamp.from(clock.instant()), draft.id()).update();
        return store.find(draft.id()).orElseThrow();
    }

    private static Map<String, String> checkResponses(EarningDesign design, Map<String, String> responses) {
        Map<String, String> clean = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : responses.entrySet()) {
            if (design.rubric().criteria().stream().noneMatch(c -> c.key().equals(entry.getKey()))) {
                errors.put("response." + entry.getKey(), "There is no criterion \"" + entry.getKey() + "\" in this rubric.");
            }
        }
        for (Rubric.Criterion c : design.rubric().criteria()) {
            String text = responses.getOrDefault(c.key(), "");
            text = text == null ? "" : text.strip();
            if (!design.submission().writtenResponses() && !text.isEmpty()) {
                errors.put("response." + c.key(), "This work product takes files only, no written responses.");
            }
            if (text.length() > MAX_RESPONSE) {
                errors.put("response." + c.key(), "Keep the response on \"" + c.name() + "\" to 20,000 characters or fewer.");
            }
            if (!text.isEmpty()) clean.put(c.key(), text);
        }
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        return clean;
    }

    /**
     * Adds a file to the draft after checking, before anything is stored, that its bytes are of a kind the design
     * accepts and its name agrees, that it is within the size limit and that the draft has room for it.
     */
    @Transactional
    public SubmissionViews.FileView upload(Actor.Person learner, UUID enrollmentId, @Nullable String originalName, byte[] content) {
        Enrollment e = workable(learner, enrollmentId);
        EarningDesign.SubmissionDesign design = designOf(e).submission();
        List<SubmissionFileType> accepted = SubmissionFileType.accepted(design.fileTypes());
        if (accepted.isEmpty() || design.maxFiles() == 0) {
            throw Problem.invalid("files-not-accepted", "This work product takes written responses only; there is nothing to upload.");
        }
        Optional<Submission> latest = store.latest(e.id());
        refuseUnlessDraft(latest);
        String name = safeName(originalName);
        SubmissionFileType type = check(name, content, design, accepted);
        if (latest.isPresent() && store.files(latest.get().id()).size() >= design.maxFiles()) {
            throw Problem.invalid("too-many-files", "A work product has at most " + design.maxFiles() + (design.maxFiles() == 1 ? " file" : " files")
                    + "; remove one before adding another.");
        }
        Submission draft = draft(e);
        String key = files.put(FILE_FOLDER, content);
        // The stored bytes go again if the row is not committed, so no file is kept without its record.
        onRollback(() -> files.delete(key));
        Instant now = clock.instant();
        store.insertFile(draft.id(), key, name, type.mediaType(), content.length, now);
        db.sql("update submissions set updated_at = ? where id = ?").params(Timestamp.from(now), draft.id()).update();
        List<SubmissionViews.FileView> stored = views.files(draft, false);
        return stored.get(stored.size() - 1);
    }

    /** The kind of an uploaded file, or a problem that says in plain words why it is refused. */
    static SubmissionFileType check(String name, byte[] content, EarningDesign.SubmissionDesign design, List<SubmissionFileType> accepted) {
        String acceptedList = String.join(", ", accepted.stream().map(SubmissionFileType::label).toList());
        if (content.length == 0) throw Problem.invalidField("file", "The file \"" + name + "\" is empty; choose the file again.");
        long limit = Math.min(design.maxFileMegabytes(), EarningDesign.MAX_UPLOAD_MEGABYTES) * MEGABYTE;
        if (content.length > limit) {
            throw Problem.tooLarge("\"" + name + "\" is larger than " + limit / MEGABYTE + " MB, the most a file may be here. Make it smaller and upload it again.");
        }
        String bytesOnly = baseType(TIKA.detect(content));
        String withName = baseType(TIKA.detect(content, name));
        Optional<SubmissionFileType> detected = SubmissionFileType.detected(bytesOnly, withName);
        if (detected.isEmpty() || !accepted.contains(detected.get())) {
            String what = detected.map(t -> "a " + t.label()).orElse(describe(bytesOnly));
            throw Problem.unsupportedMedia("\"" + name + "\" is " + what + ", which this work product does not accept. Accepted: " + acceptedList + ".");
        }
        if (!detected.get().named(name)) {
            throw Problem.unsupportedMedia("\"" + name + "\" is named like another kind of file, but its content is a " + detected.get().label()
                    + ". Rename it to end in ." + detected.get().extensions().get(0) + " if that is what it is, or upload the right file.");
        }
        return detected.get();
    }

    private static String baseType(String detected) {
        MediaType type = MediaType.parse(detected);
        return type == null ? "application/octet-stream" : type.getBaseType().toString();
    }

    private static String describe(String mediaType) {
        if (mediaType.startsWith("application/x-msdownload") || mediaType.startsWith("application/x-executable")
                || mediaType.startsWith("application/x-dosexec") || mediaType.startsWith("application/x-sh")) {
            return "a program";
        }
        if (mediaType.equals("text/html") || mediaType.equals("application/xhtml+xml")) return "a web page (HTML)";
        if (mediaType.equals("image/svg+xml")) return "an SVG image";
        if (mediaType.equals("application/octet-stream")) return "of a kind we cannot recognize";
        return "of type " + mediaType;
    }

    /** A file name without folders or control characters, at most 255 characters. */
    static String safeName(@Nullable String original) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) name = "file";
        if (name.length() > 255) {
            int dot = name.lastIndexOf('.');
            String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
            name = name.substring(0, 255 - extension.length()) + extension;
        }
        return name;
    }

    /** Removes a file from the draft. */
    @Transactional
    public void removeFile(Actor.Person learner, UUID enrollmentId, UUID fileId) {
        Enrollment e = workable(learner, enrollmentId);
        Optional<Submission> latest = store.latest(e.id());
        refuseUnlessDraft(latest);
        Submission draft = latest.orElseThrow(() -> Problem.notFound("The file"));
        SubmissionStore.StoredFile file = store.file(draft.id(), fileId).orElseThrow(() -> Problem.notFound("The file"));
        db.sql("delete from submission_files where id = ?").param(file.id()).update();
        db.sql("update submissions set updated_at = ? where id = ?").params(Timestamp.from(clock.instant()), draft.id()).update();
        // A resubmission shares the files it was prefilled with; the bytes go only when no round uses them.
        if (!store.fileKeyInUse(file.key())) afterCommit(() -> files.delete(file.key()));
    }

    /**
     * Submits the draft for review: it is frozen, reviewers are assigned (or it waits for one) and the learner is told.
     * Refused, changing nothing, when incomplete, past the deadline, already submitted, or while payment is due.
     */
    @Transactional
    public Submission submit(Actor.Person learner, UUID enrollmentId) {
        Enrollment e = workable(learner, enrollmentId);
        EarningDesign design = designOf(e);
        Optional<Submission> latest = store.latest(e.id());
        if (latest.isEmpty()) throw Problem.invalid("nothing-to-submit", "There is nothing to submit yet: write your responses or upload your files, then submit.");
        Submission draft = latest.get();
        if (draft.state() != Submission.State.DRAFT) throw alreadySubmitted(draft);
        Instant now = clock.instant();
        if (draft.round() == 1 && e.pastDeadline(now)) {
            throw Problem.conflict("past-deadline", "The deadline to submit was " + Reviews.day(e.deadlineAt())
                    + ", so the work product can no longer be submitted. Contact the association if you need more time.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (design.submission().writtenResponses()) {
            for (Rubric.Criterion c : design.rubric().criteria()) {
                if (draft.responses().getOrDefault(c.key(), "").isBlank()) {
                    errors.put("response." + c.key(), "Write a response on \"" + c.name() + "\" before submitting.");
                }
            }
        } else if (store.files(draft.id()).isEmpty()) {
            errors.put("file", "Upload your work product before submitting.");
        }
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        int changed = db.sql("update submissions set state = 'submitted', submitted_at = ?, updated_at = ? where id = ? and state = 'draft'")
                .params(Timestamp.from(now), Timestamp.from(now), draft.id()).update();
        if (changed == 0) throw alreadySubmitted(draft);
        Submission submitted = store.find(draft.id()).orElseThrow();
        SubmissionStore.Context c = store.context(submitted, e);
        reviews.fill(c, now);
        notices.tell(e.email(), e.organizationId(), "Submitted: your work product for " + c.achievementName(),
                "Your work product for \"" + c.achievementName() + "\" is submitted. Peer reviewers score it against the rubric; you are told"
                        + " as soon as they decide, usually within " + design.submission().reviewDays() + " days.",
                "/learning/" + e.id() + "/submission");
        return store.find(draft.id()).orElseThrow();
    }

    /** Starts the next round after "not yet", prefilled with the last round's responses and files. */
    @Transactional
    public Submission resubmit(Actor.Person learner, UUID enrollmentId) {
        Enrollment e = workable(learner, enrollmentId);
        EarningDesign design = designOf(e);
        Submission last = store.latest(e.id()).orElseThrow(() -> Problem.invalid("nothing-to-resubmit", "There is no reviewed work product to resubmit."));
        if (last.state() == Submission.State.DRAFT) throw Problem.conflict("draft-open", "Your resubmission is already started: edit the draft below.");
        if (last.state() != Submission.State.NOT_YET) {
            throw Problem.conflict("not-reviewed-not-yet", last.met() ? "Your work product already meets the standard; there is nothing to resubmit."
                    : "Your work product is still being reviewed; you can resubmit only after a \"not yet\".");
        }
        if (!ReviewDecision.mayResubmit(last.round() - 1, design.submission().resubmissionLimit())) {
            throw Problem.conflict("no-resubmissions-left", "No resubmissions are left (" + design.submission().resubmissionLimit()
                    + " allowed). Contact the association about what is possible now.");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        db.sql("""
                insert into submissions (id, enrollment_id, organization_id, achievement_id, round, state, responses, evidence_public, created_at, updated_at)
                values (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)""")
                .params(id, e.id(), e.organizationId(), e.achievementId(), last.round() + 1, Submission.json(last.responses()), last.evidencePublic(),
                        Timestamp.from(now), Timestamp.from(now))
                .update();
        for (SubmissionStore.StoredFile f : store.files(last.id())) {
            store.insertFile(id, f.key(), f.name(), f.contentType(), f.sizeBytes(), f.uploadedAt());
        }
        return store.find(id).orElseThrow();
    }

    /** The learner shows or hides a work product that met the standard (the evidence link in their badge). */
    @Transactional
    public Submission setEvidencePublic(Actor.Person learner, UUID submissionId, boolean evidencePublic) {
        Submission s = store.find(submissionId).orElseThrow(() -> Problem.notFound("The work product"));
        mine(learner, s.enrollmentId());
        db.sql("update submissions set evidence_public = ? where id = ?").params(evidencePublic, s.id()).update();
        return store.find(s.id()).orElseThrow();
    }

    private Submission draft(Enrollment e) {
        Optional<Submission> latest = store.latest(e.id());
        if (latest.isPresent()) {
            refuseUnlessDraft(latest);
            return latest.get();
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        db.sql("""
                insert into submissions (id, enrollment_id, organization_id, achievement_id, round, state, responses, evidence_public, created_at, updated_at)
                values (?, ?, ?, ?, 1, 'draft', '{}', false, ?, ?)""")
                .params(id, e.id(), e.organizationId(), e.achievementId(), Timestamp.from(now), Timestamp.from(now)).update();
        return store.find(id).orElseThrow();
    }

    private static void refuseUnlessDraft(Optional<Submission> latest) {
        if (latest.isEmpty() || latest.get().state() == Submission.State.DRAFT) return;
        Submission s = latest.get();
        if (s.state() == Submission.State.NOT_YET) {
            throw Problem.conflict("start-resubmission", "This round was reviewed: not yet. Start a resubmission to change your work product.");
        }
        throw alreadySubmitted(s);
    }

    private static Problem alreadySubmitted(Submission s) {
        if (s.met()) return Problem.conflict("already-met", "Your work product already meets the standard; it cannot be changed.");
        if (s.state() == Submission.State.NOT_YET) return Problem.conflict("start-resubmission", "This round was reviewed: not yet. Start a resubmission to change your work product.");
        return Problem.conflict("already-submitted", "Your work product was submitted on " + Reviews.day(s.submittedAt())
                + " and is with the reviewers; it cannot be changed or submitted again. Nothing was changed.");
    }

    private Enrollment mine(Actor.Person learner, UUID enrollmentId) {
        return enrollments.find(enrollmentId).filter(e -> Enrollments.owns(learner, e)).orElseThrow(() -> Problem.notFound("The enrollment"));
    }

    /** The learner's own enrollment, if they may work on it now. */
    private Enrollment workable(Actor.Person learner, UUID enrollmentId) {
        Enrollment e = mine(learner, enrollmentId);
        designOf(e);
        String blocked = blocked(e);
        if (blocked != null) throw Problem.conflict(e.paymentDue() ? "payment-due" : "not-active", blocked);
        return e;
    }

    private static @Nullable String blocked(Enrollment e) {
        if (e.state() == Enrollment.State.AWARDED) return "You earned this micro-credential; the work product is kept as it was.";
        if (!e.active()) return "You withdrew from this micro-credential. Enroll again to continue your work product.";
        if (e.paymentDue()) return "Payment of " + e.price() + " is due. Once the association confirms it, you can work on your work product.";
        return null;
    }

    /** The design version the learner enrolled under; a micro-credential without a work product has no submission page. */
    private EarningDesign designOf(Enrollment e) {
        EarningDesign design = designs.version(e.achievementId(), e.designVersion()).design();
        if (design.submission() == null || design.rubric() == null) throw Problem.notFound("The work product");
        return design;
    }

    // ----- Reading a work product: downloads and the evidence page

    /** Who the actor is to this round, if they may read it at all. Drafts are the learner's alone. */
    Optional<Reader> reader(Optional<Actor> actor, Submission s, Enrollment e) {
        if (actor.isPresent()) {
            Actor a = actor.get();
            if (a instanceof Actor.Person p && Enrollments.owns(p, e)) return Optional.of(Reader.LEARNER);
            if (s.state() != Submission.State.DRAFT) {
                if (organizations.allowed(a, s.organizationId(), Oversight.STAFF)) return Optional.of(Reader.STAFF);
                // A reviewer reads the work only while they still review for the organization (checked on every access).
                if (a instanceof Actor.Person p && store.reviewerOf(s.id(), p.userId())
                        && organizations.allowed(a, s.organizationId(), Permission.REVIEW)) {
                    return Optional.of(Reader.REVIEWER);
                }
            }
        }
        return s.publicEvidence() ? Optional.of(Reader.PUBLIC) : Optional.empty();
    }

    /** A file of a work product for those who may read it; anyone else gets "not found". */
    public Download download(Optional<Actor> actor, UUID submissionId, UUID fileId) {
        Submission s = store.find(submissionId).orElseThrow(() -> Problem.notFound("The file"));
        Enrollment e = store.enrollment(s);
        Reader reader = reader(actor, s, e).orElseThrow(() -> Problem.notFound("The file"));
        List<SubmissionStore.StoredFile> all = store.files(s.id());
        SubmissionStore.StoredFile file = all.stream().filter(f -> f.id().equals(fileId)).findFirst().orElseThrow(() -> Problem.notFound("The file"));
        byte[] content = files.get(file.key()).orElseThrow(() -> Problem.notFound("The file"));
        boolean anonymous = reader == Reader.REVIEWER && store.context(s, e).design().blind();
        String name = anonymous ? SubmissionViews.anonymousName(all.indexOf(file) + 1, file.name()) : file.name();
        // Only the kinds accepted at upload are served as themselves; anything else goes out as opaque bytes.
        Optional<SubmissionFileType> kind = SubmissionFileType.ofMediaType(file.contentType());
        String type = kind.map(SubmissionFileType::mediaType).orElse("application/octet-stream");
        // A blind reviewer gets a neutral name and a copy without the document metadata that names the author.
        if (anonymous && kind.isPresent()) content = BlindCopies.of(kind.get(), content);
        return new Download(name, type, content);
    }

    /** The evidence page of a round, or empty when the actor may not see it (the page then says it is private). */
    public Optional<Evidence> evidence(Optional<Actor> actor, UUID submissionId) {
        Submission s = store.find(submissionId).orElseThrow(() -> Problem.notFound("The evidence"));
        Enrollment e = store.enrollment(s);
        Optional<Reader> reader = reader(actor, s, e);
        if (reader.isEmpty()) return Optional.empty();
        SubmissionStore.Context c = store.context(s, e);
        boolean anonymous = reader.get() == Reader.REVIEWER && c.design().blind();
        String organizationName = organizations.findById(s.organizationId()).map(o -> o.name()).orElse("");
        return Optional.of(new Evidence(s.id(), c.achievementName(), organizationName, anonymous ? null : e.name(),
                views.round(c.rubric(), s, anonymous, false, null), reader.get() == Reader.LEARNER, s.evidencePublic()));
    }

    private static void onRollback(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) return;
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) action.run();
            }
        });
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
