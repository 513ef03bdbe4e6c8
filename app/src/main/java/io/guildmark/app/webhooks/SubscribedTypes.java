package io.guildmark.app.webhooks;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which event types each organization's enabled endpoints subscribe to, kept in memory for a few seconds: an award
 * in an organization without webhooks then costs a map lookup, not a query (awards run at hundreds per second).
 * A change on this node is seen at once; on other nodes within {@link #TTL}.
 */
@Component
class SubscribedTypes {

    static final Duration TTL = Duration.ofSeconds(5);

    private record Entry(Set<EventType> types, long loadedAt) {}

    private final ConcurrentHashMap<UUID, Entry> cache = new ConcurrentHashMap<>();
    private final JdbcClient db;

    SubscribedTypes(JdbcClient db) {
        this.db = db;
    }

    boolean any(UUID organizationId, EventType type) {
        long now = System.nanoTime();
        Entry entry = cache.get(organizationId);
        if (entry == null || now - entry.loadedAt() > TTL.toNanos()) {
            entry = new Entry(load(organizationId), now);
            cache.put(organizationId, entry);
        }
        return entry.types().contains(type);
    }

    /** Forgets the organization's types now and again after the current transaction commits (so no reader caches the old ones). */
    void invalidate(UUID organizationId) {
        cache.remove(organizationId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cache.remove(organizationId);
                }
            });
        }
    }

    private Set<EventType> load(UUID organizationId) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String list : db.sql("select event_types from webhook_endpoints where organization_id = ? and enabled = true")
                .param(organizationId).query(String.class).list()) {
            for (String id : list.split(",")) EventType.parse(id.strip()).ifPresent(types::add);
        }
        return types;
    }
}
