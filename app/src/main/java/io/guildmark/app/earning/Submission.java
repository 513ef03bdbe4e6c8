package io.guildmark.app.earning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

/**
 * One round of a learner's work product: the first submission or a resubmission after "not yet".
 *
 * @param responses the written response per rubric criterion key
 * @param levels the decided level per criterion key, once decided
 * @param decidedBy the staff member who decided by override; {@code null} when the reviewers decided
 */
public record Submission(UUID id, UUID enrollmentId, UUID organizationId, UUID achievementId, int round, State state,
        Map<String, String> responses, boolean evidencePublic, Instant createdAt, Instant updatedAt, @Nullable Instant submittedAt,
        @Nullable Instant decidedAt, @Nullable String decision, Map<String, String> levels, @Nullable UUID decidedBy,
        @Nullable String overrideReason) {

    /** The stored state names; {@link Progress} maps them to what the learner sees. */
    public enum State {
        DRAFT("Draft"), SUBMITTED("Needs a reviewer"), IN_REVIEW("In review"), TIEBREAK("Reviewers disagree"),
        MEETS("Meets the standard"), NOT_YET("Not yet");

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

        public boolean decided() {
            return this == MEETS || this == NOT_YET;
        }

        /** Submitted and not decided: reviewers or staff have it. */
        public boolean underReview() {
            return this == SUBMITTED || this == IN_REVIEW || this == TIEBREAK;
        }

        public static State of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    public Submission {
        responses = Map.copyOf(responses);
        levels = Map.copyOf(levels);
    }

    public boolean met() {
        return state == State.MEETS;
    }

    /** Anyone may see the work product: the learner chose to show it and it met the standard. */
    public boolean publicEvidence() {
        return evidencePublic && met();
    }

    static Submission row(ResultSet rs, int n) throws SQLException {
        return new Submission(rs.getObject("id", UUID.class), rs.getObject("enrollment_id", UUID.class),
                rs.getObject("organization_id", UUID.class), rs.getObject("achievement_id", UUID.class), rs.getInt("round"),
                State.of(rs.getString("state")), map(rs.getString("responses")), rs.getBoolean("evidence_public"),
                Enrollments.instant(rs, "created_at"), Enrollments.instant(rs, "updated_at"), Enrollments.instant(rs, "submitted_at"),
                Enrollments.instant(rs, "decided_at"), rs.getString("decision"), map(rs.getString("levels")),
                rs.getObject("decided_by", UUID.class), rs.getString("override_reason"));
    }

    static Map<String, String> map(@Nullable String json) {
        if (json == null || json.isBlank()) return Map.of();
        return EarningDesigns.JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
    }

    static String json(Map<String, String> map) {
        return EarningDesigns.JSON.writeValueAsString(new LinkedHashMap<>(map));
    }
}
