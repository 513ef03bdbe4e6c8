package io.guildmark.app.earning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A reviewer's assignment to one round of a work product and, once completed, their review.
 *
 * @param tiebreak whether this reviewer was asked because the first two disagreed
 * @param levels the level chosen per rubric criterion key, once completed
 * @param feedback the written feedback per rubric criterion key, once completed
 * @param verdict "meets" or "not_yet", once completed
 * @param endedReason why an assignment ended without a review (reassigned, withdrawn)
 */
public record Review(UUID id, UUID submissionId, UUID organizationId, UUID reviewerId, boolean tiebreak, State state,
        Instant assignedAt, Instant dueAt, @Nullable Instant remindedAt, Map<String, String> levels, Map<String, String> feedback,
        @Nullable String comment, @Nullable String verdict, @Nullable Instant completedAt, @Nullable String endedReason) {

    public enum State {
        ASSIGNED("Assigned"), COMPLETED("Completed"), REASSIGNED("Reassigned"), WITHDRAWN("Withdrawn");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String label() {
            return label;
        }
    }

    public Review {
        levels = Map.copyOf(levels);
        feedback = Map.copyOf(feedback);
    }

    public boolean open() {
        return state == State.ASSIGNED;
    }

    public boolean completed() {
        return state == State.COMPLETED;
    }

    public boolean overdue(Instant now) {
        return open() && now.isAfter(dueAt);
    }

    public boolean meets() {
        return "meets".equals(verdict);
    }

    static Review row(ResultSet rs, int n) throws SQLException {
        return new Review(rs.getObject("id", UUID.class), rs.getObject("submission_id", UUID.class),
                rs.getObject("organization_id", UUID.class), rs.getObject("reviewer_id", UUID.class), rs.getBoolean("tiebreak"),
                State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)), Enrollments.instant(rs, "assigned_at"),
                Enrollments.instant(rs, "due_at"), Enrollments.instant(rs, "reminded_at"), Submission.map(rs.getString("levels")),
                Submission.map(rs.getString("feedback")), rs.getString("comment"), rs.getString("verdict"),
                Enrollments.instant(rs, "completed_at"), rs.getString("ended_reason"));
    }
}
