package io.guildmark.app.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.guildmark.app.organizations.ApiKeys;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.AuditTrail;
import io.guildmark.app.shared.GroupedInserts;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Writes audit entries: one insert, unsealed (the sealer chains it), run in the caller's transaction or queued in its
 * group of inserts ({@link GroupedInserts}: an award's). It depends on almost nothing, because the
 * services that record (organizations, API keys...) are themselves used by the audit log's readers.
 */
@Component
class AuditRecorder implements AuditTrail {

    private record ActorRef(String type, @Nullable String id, @Nullable String label) {}

    private final GroupedInserts inserts;
    private final Clock clock;
    private final ObjectProvider<ApiKeys> apiKeys;
    /** Key names never change, and the award path must stay one insert: looked up once per key. */
    private final Map<UUID, String> keyNames = new ConcurrentHashMap<>();

    AuditRecorder(GroupedInserts inserts, Clock clock, ObjectProvider<ApiKeys> apiKeys) {
        this.inserts = inserts;
        this.clock = clock;
        this.apiKeys = apiKeys;
    }

    @Override
    public void record(@Nullable Actor actor, @Nullable UUID organizationId, String action, String objectType, @Nullable Object objectId,
            Map<String, ?> changes) {
        ActorRef who = actorRef(actor);
        inserts.insert("""
                insert into audit_entries (chain_key, organization_id, occurred_at, actor_type, actor_id, actor_label, action,
                  object_type, object_id, changes) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                organizationId == null ? AuditChain.PLATFORM : organizationId.toString(), organizationId,
                Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS)), who.type(), who.id(), AuditLog.clip(who.label(), 254),
                AuditLog.clip(action, 64), AuditLog.clip(objectType, 40), objectId == null ? null : AuditLog.clip(objectId.toString(), 100),
                AuditLog.json(changes));
    }

    private ActorRef actorRef(@Nullable Actor actor) {
        if (actor instanceof Actor.Person p) return new ActorRef("person", p.userId().toString(), p.email());
        if (actor instanceof Actor.OrganizationKey k) {
            String name = keyNames.computeIfAbsent(k.keyId(), id -> apiKeys.getObject().name(id).orElse(""));
            return new ActorRef("api-key", k.keyId().toString(), name.isEmpty() ? null : name);
        }
        if (actor instanceof Actor.PlatformAdmin) return new ActorRef("platform-admin", null, "platform administrator");
        return new ActorRef("system", null, null);
    }
}
