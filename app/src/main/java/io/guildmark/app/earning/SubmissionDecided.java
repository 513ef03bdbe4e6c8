package io.guildmark.app.earning;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Published in the transaction that decides a work product: {@code decision} is {@code meets} or {@code not_yet};
 * {@code decidedBy} is the staff member who decided by override, {@code null} when reviewers decided.
 */
public record SubmissionDecided(UUID submissionId, UUID organizationId, UUID enrollmentId, UUID achievementId, String email,
        String decision, Instant decidedAt, @Nullable UUID decidedBy) {}
