package io.guildmark.app.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Spring Session's JDBC store with the last-access time written at most once a {@code guildmark.session.access-write-every}
 * (a minute by default) instead of on every request.
 *
 * <p>The store marks a session changed whenever a request touches it, so every signed-in page view, however small,
 * ended with an update of the session row in a transaction of its own: a write and a commit, which cost more than the
 * rest of a signed-in page. Only idle expiry needs the time, and for a session that stays valid for hours a time up to
 * a minute old is enough. A session therefore expires after its idle time counted from a request at most that long
 * before the last one. Anything else a request changes (an attribute, the id at sign-in, the idle time) is written at
 * once, with the current access time.
 */
final class SessionAccessWrites implements FindByIndexNameSessionRepository<SessionAccessWrites.Tracked> {

    /** The JDBC store, by the interface it implements (its own session type is not public). */
    private final FindByIndexNameSessionRepository<Session> store;
    private final Duration writeEvery;

    @SuppressWarnings("unchecked")
    SessionAccessWrites(JdbcIndexedSessionRepository store, Duration writeEvery) {
        this.store = (FindByIndexNameSessionRepository<Session>) (FindByIndexNameSessionRepository<? extends Session>) store;
        this.writeEvery = writeEvery;
    }

    @Override
    public Tracked createSession() {
        return new Tracked(store.createSession(), true);
    }

    @Override
    public void save(Tracked session) {
        Instant accessed = session.accessed;
        if (accessed != null && (session.changed
                || Duration.between(session.stored.getLastAccessedTime(), accessed).compareTo(writeEvery) >= 0)) {
            session.stored.setLastAccessedTime(accessed);
        }
        store.save(session.stored); // writes nothing when nothing was changed
        session.changed = false;
        session.accessed = null;
    }

    @Override
    public @Nullable Tracked findById(String id) {
        Session found = store.findById(id);
        return found == null ? null : new Tracked(found, false);
    }

    @Override
    public void deleteById(String id) {
        store.deleteById(id);
    }

    @Override
    public Map<String, Tracked> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        Map<String, Tracked> found = new LinkedHashMap<>();
        store.findByIndexNameAndIndexValue(indexName, indexValue).forEach((id, s) -> found.put(id, new Tracked(s, false)));
        return found;
    }

    /** A stored session that keeps a request's access time aside until there is a reason to write it. */
    static final class Tracked implements Session {

        private final Session stored;
        /** Whether anything but the access time changed (a new session always is). */
        private boolean changed;
        private @Nullable Instant accessed;

        Tracked(Session stored, boolean isNew) {
            this.stored = stored;
            this.changed = isNew;
        }

        @Override
        public String getId() {
            return stored.getId();
        }

        @Override
        public String changeSessionId() {
            changed = true;
            return stored.changeSessionId();
        }

        @Override
        public <T> @Nullable T getAttribute(String name) {
            return stored.getAttribute(name);
        }

        @Override
        public Set<String> getAttributeNames() {
            return stored.getAttributeNames();
        }

        @Override
        public void setAttribute(String name, @Nullable Object value) {
            changed = true;
            stored.setAttribute(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            changed = true;
            stored.removeAttribute(name);
        }

        @Override
        public Instant getCreationTime() {
            return stored.getCreationTime();
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            accessed = lastAccessedTime;
        }

        @Override
        public Instant getLastAccessedTime() {
            return accessed != null ? accessed : stored.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            changed = true;
            stored.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return stored.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            Duration idle = getMaxInactiveInterval();
            return !idle.isNegative() && Instant.now().minus(idle).isAfter(getLastAccessedTime());
        }
    }

    /**
     * Puts the wrapper in front of the JDBC store that Spring Boot configures (and still starts, cleans up and stops),
     * where the session filter and everything else that asks for the session store get it.
     */
    @Configuration(proxyBeanMethods = false)
    static class Wiring {

        @Bean
        static BeanPostProcessor sessionAccessWrites(Environment environment) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (!(bean instanceof JdbcIndexedSessionRepository store)) return bean;
                    return new SessionAccessWrites(store, environment.getProperty("guildmark.session.access-write-every", Duration.class,
                            Duration.ofMinutes(1)));
                }
            };
        }
    }
}
