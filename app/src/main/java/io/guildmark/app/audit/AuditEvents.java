package io.guildmark.app.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import io.guildmark.app.issuing.Award;
import io.guildmark.app.shared.CurrentActor;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records awards from the event every award publishes (single, earned, or by a bulk job), so every path that issues is
 * covered. A plain {@code @EventListener} on purpose: it runs inside the award's group of inserts, so the entry is written
 * with the award or not at all, and it is one insert (queued, not run: see {@code GroupedInserts}). The actor is the event's {@code awardedBy}; an earned award is the
 * system's. Other actions are recorded by their services, which hold the actor (through {@code AuditTrail}).
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

    private static String describe(io.guildmark.app.shared.Actor actor) {
        if (actor instanceof io.guildmark.app.shared.Actor.Person p) return p.email();
        if (actor instanceof io.guildmark.app.shared.Actor.OrganizationKey k) return "api-key " + k.keyId();
        return "platform administrator";
    }
}
