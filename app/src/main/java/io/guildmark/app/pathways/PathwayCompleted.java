package io.guildmark.app.pathways;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Published when a learner satisfies a pathway's rules and its capstone is done: the stacked credential issued
 * ({@code awardId}), or certification eligibility recorded ({@code eligibilityId}).
 */
public record PathwayCompleted(UUID pathwayId, UUID organizationId, int version, String email, @Nullable UUID awardId,
        @Nullable UUID eligibilityId) {}
