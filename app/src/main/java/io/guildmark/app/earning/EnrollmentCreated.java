package io.guildmark.app.earning;

import java.time.Instant;
import java.util.UUID;

/**
 * Published in the transaction that creates an enrollment (a learner enrolling, or a learning system reporting a
 * completion for someone who never enrolled); webhooks listen.
 */
public record EnrollmentCreated(UUID enrollmentId, UUID organizationId, UUID achievementId, String email, Instant enrolledAt) {}
