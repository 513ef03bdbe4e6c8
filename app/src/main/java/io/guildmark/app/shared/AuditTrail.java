package io.guildmark.app.shared;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Records a privileged action in the audit log (the audit module implements it). Here in the shared kernel so that
 * the modules the audit module itself depends on (organizations, issuing, ...) can record without a cycle. Call it
 * inside the action's transaction: a rolled-back action then leaves no entry. It is one insert.
 */
public interface AuditTrail {

    /**
     * @param actor who did it; null for the system (a background job, an automatic award)
     * @param organizationId the organization it happened in; null for platform-level actions
     * @param action what was done, as {@code object.verb} ({@code award.issued}, {@code member.roles-changed})
     * @param objectType the kind of thing it was done to ({@code award}, {@code member})
     * @param objectId its id, if it has one
     * @param changes what changed, small: before/after or the relevant fields, never a secret
     */
    void record(@Nullable Actor actor, @Nullable UUID organizationId, String action, String objectType, @Nullable Object objectId,
            Map<String, ?> changes);
}
