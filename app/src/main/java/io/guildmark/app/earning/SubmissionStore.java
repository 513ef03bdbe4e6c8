package io.guildmark.app.earning;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.earning.model.Rubric;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and writes of work products, their files and their reviews, shared by the learner, reviewer and staff sides. */
@Component
class SubmissionStore {

    /** A stored file of a work product. */
    record StoredFile(UUID id, UUID submissionId, String key, String name, String contentType, long sizeBytes, Instant uploadedAt) {}

    /**
     * A round with what it is judged against: its enrollment and the design version the learner enrolled under.
     *
     * @param rubric the design's rubric (a design with a work product always has one)
     */
    record Context(Submission submission, Enrollment enrollment, EarningDesign.SubmissionDesign design, Rubric rubric,
            String achievementName) {}

    private final JdbcClient db;
    private final EarningDesigns designs;
    private final Achievements achievements;

    SubmissionStore(JdbcClient db, EarningDesigns designs, Achievements achievements) {
        this.db = db;
        this.designs = designs;
        this.achievements = achievements;
    }

    Optional<Submission> find(UUID id) {
        return db.sql("select * from submissions where id = ?").param(id).query(Submission::row).optional();
    }

    /** Locks the round's row until the transaction ends, so that two reviews finishing at once are consolidated once. */
    Optional<Submission> lock(UUID id) {
        return db.sql("select * from submissions where id = ? for update").param(id).query(Submission::row).optional();
    }

    Optional<Submission> latest(UUID enrollmentId) {
        return db.sql("select * from submissions where enrollment_id = ? order by round desc limit 1").param(enrollmentId)
                .query(Submission::row).optional();
    }

    /** Every round of an enrollment, newest first. */
    List<Submission> rounds(UUID enrollmentId) {
        return db.sql("select * from submissions where enrollment_id = ? order by round desc").param(enrollmentId)
                .query(Submission::row).list();
    }

    Enrollment enrollment(Submission s) {
        return db.sql("select * from enrollments where id = ?").param(s.enrollmentId()).query(Enrollments::row).single();
    }

    Context context(Submission s) {
        return context(s, enrollment(s));
    }

    Context context(Submission s, Enrollment e) {
        EarningDesign design = designs.version(e.achievementId(), e.designVersion()).design();
        if (design.submission() == null || design.rubric() == null) throw Problem.notFound("The work product");
        return new Context(s, e, design.submission(), design.rubric(), achievementName(e.achievementId()));
    }

    String achievementName(UUID achievementId) {
        return achievements.latestVersion(achievementId).map(v -> v.definition().name()).orElse("A retired micro-credential");
    }

    List<StoredFile> files(UUID submissionId) {
        return db.sql("select * from submission_files where submission_id = ? order by uploaded_at, file_name").param(submissionId)
                .query((rs, n) -> new StoredFile(rs.getObject("id", UUID.class), rs.getObject("submission_id", UUID.class),
                        rs.getString("file_key"), rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"),
                        rs.getTimestamp("uploaded_at").toInstant()))
                .list();
    }

    Optional<StoredFile> file(UUID submissionId, UUID fileId) {
        return files(submissionId).stream().filter(f -> f.id().equals(fileId)).findFirst();
    }

    void insertFile(UUID submissionId, String key, String name, String contentType, long size, Instant at) {
        db.sql("""
                insert into submission_files (id, submission_id, file_key, file_name, content_type, size_bytes, uploaded_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), submissionId, key, name, contentType, size, Timestamp.from(at)).update();
    }

    /** Whether a stored file is still used by a round (resubmissions share the files they were prefilled with). */
    boolean fileKeyInUse(String key) {
        return db.sql("select count(*) from submission_files where file_key = ?").param(key).query(Long.class).single() > 0;
    }

    List<Review> reviews(UUID submissionId) {
        return db.sql("select * from reviews where submission_id = ? order by assigned_at, id").param(submissionId)
                .query(Review::row).list();
    }

    Optional<Review> review(UUID id) {
        return db.sql("select * from reviews where id = ?").param(id).query(Review::row).optional();
    }

    List<Review> reviewsBy(UUID reviewerId) {
        return db.sql("select * from reviews where reviewer_id = ? order by due_at desc").param(reviewerId).query(Review::row).list();
    }

    boolean reviewerOf(UUID submissionId, UUID userId) {
        return db.sql("select count(*) from reviews where submission_id = ? and reviewer_id = ?").params(submissionId, userId)
                .query(Long.class).single() > 0;
    }

    /** How many open assignments a reviewer has, across every organization: the load that assignment balances. */
    int openLoad(UUID reviewerId) {
        return db.sql("select count(*) from reviews where reviewer_id = ? and state = 'assigned'").param(reviewerId)
                .query(Long.class).single().intValue();
    }

    static @Nullable Timestamp ts(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
