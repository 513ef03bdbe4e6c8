package io.guildmark.app.earning;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Published when staff mark an enrollment paid (an invoice, a payment outside the platform); payments records the order. */
public record EnrollmentMarkedPaid(UUID enrollmentId, UUID organizationId, @Nullable UUID markedBy, Instant paidAt) {}
