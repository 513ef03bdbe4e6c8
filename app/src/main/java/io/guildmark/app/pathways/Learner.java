package io.guildmark.app.pathways;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A learner on a pathway, on the version they started: by choice, or from the first step they earned.
 *
 * @param startedBy {@code choice} ("Start this pathway") or {@code holding} (they earned one of its steps)
 * @param state {@code active}, {@code completing} (claimed while the capstone is being issued) or {@code completed}
 * @param awardId the stacked credential awarded on completion, for a credential pathway
 * @param shareToken the secret of their public progress statement, while they share it
 * @param paid their place on a priced pathway is paid for (or they were on it before it had a price)
 */
public record Learner(UUID id, UUID pathwayId, UUID organizationId, int version, String email, @Nullable UUID userId,
        Instant startedAt, String startedBy, String state, @Nullable Instant completedAt, @Nullable UUID awardId,
        @Nullable String shareToken, boolean paid) {

    public boolean active() {
        return "active".equals(state);
    }

    public boolean completed() {
        return "completed".equals(state);
    }
}
