package io.guildmark.app.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import io.guildmark.app.catalog.AchievementPublished;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.pathways.Pathways;
import io.guildmark.app.shared.CurrentActor;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records the actions other modules announce as events. Plain {@code @EventListener}s on purpose: they run inside the
 * publisher's transaction, so the entry commits or rolls back with the action. The actor is the event's own, or
 * else the current request's ({@link CurrentActor}); with neither (a background job) it is the system.
 */
@Component
class AuditEvents {

    private final AuditRecorder log;

    AuditEvents(AuditRecorder log) {
        this.log = log;
    }

    @EventListener
    void on(Award.CredentialIssued issued) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("achievementId", issued.achievementId());
        changes.put("recipient", issued.recipientEmail());
        if (issued.awardedBy() == null) {
            // Earned: issued because requirements were met; whoever's request triggered it is noted, not blamed.
            changes.put("earned", true);
            CurrentActor.find().ifPresent(a -> changes.put("triggeredBy", describe(a)));
        }
        log.record(issued.awardedBy(), issued.organizationId(), "award.issued", "award", issued.awardId(), changes);
    }

    @EventListener
    void on(Award.CredentialRevoked revoked) {
        log.record(CurrentActor.find().orElse(null), revoked.organizationId(), "award.revoked", "award", revoked.awardId(),
                Map.of("reason", revoked.reason()));
    }

    @EventListener
    void on(AchievementPublished published) {
        log.record(CurrentActor.find().orElse(null), published.organizationId(), "achievement.published", "achievement",
                published.achievementId(), Map.of("version", published.version()));
    }

    @EventListener
    void on(Pathways.PathwayPublished published) {
        log.record(CurrentActor.find().orElse(null), published.organizationId(), "pathway.published", "pathway", published.pathwayId(),
                Map.of("version", published.version()));
    }

    private static String describe(io.guildmark.app.shared.Actor actor) {
        if (actor instanceof io.guildmark.app.shared.Actor.Person p) return p.email();
        if (actor instanceof io.guildmark.app.shared.Actor.OrganizationKey k) return "api-key " + k.keyId();
        return "platform administrator";
    }
}
