package io.guildmark.app.reports;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.guildmark.app.catalog.AchievementPageViewed;
import io.guildmark.app.issuing.BadgeAudience;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.verification.CredentialVerified;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Views of micro-credentials' public pages and verifications of this platform's credentials, per day (UTC), for the
 * funnel and engagement reports. Both happen on public, hot paths, so they are counted the way
 * {@link BadgeAudience} counts badge views: in memory, added to the tables every few seconds in one transaction, no
 * write per view and nothing about the visitor kept. Crawlers are left out of page views.
 */
@Component
class ReportCounters {

    static final int MAX_PENDING = 50_000;

    /** The table a counter goes to; both are (subject id, on_day, hits) and each refers to a parent table. */
    enum Kind {
        PAGE_VIEW("achievement_page_views", "achievement_id", "achievements"),
        VERIFICATION("credential_verifications", "award_id", "awards");

        final String table;
        final String column;
        final String parent;

        Kind(String table, String column, String parent) {
            this.table = table;
            this.column = column;
            this.parent = parent;
        }
    }

    private record Key(Kind kind, UUID subject, LocalDate day) {}

    private volatile ConcurrentHashMap<Key, LongAdder> pending = new ConcurrentHashMap<>();
    private final JdbcClient db;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String credentialPrefix;
    private final ScheduledExecutorService flusher;

    ReportCounters(JdbcClient db, TransactionTemplate transactions, Clock clock, GuildmarkSettings settings,
            @Value("${guildmark.sharing.flush-seconds:5}") int flushSeconds) {
        this.db = db;
        this.transactions = transactions;
        this.clock = clock;
        this.credentialPrefix = settings.url("/credentials/");
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "report-counters-flush");
            t.setDaemon(true);
            return t;
        });
        int every = Math.max(1, flushSeconds);
        flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.SECONDS);
    }

    @EventListener
    void on(AchievementPageViewed viewed) {
        if (!BadgeAudience.bot(viewed.userAgent())) add(new Key(Kind.PAGE_VIEW, viewed.achievementId(), today()));
    }

    /** Only credentials whose id is one of this platform's credential addresses count; others' are none of ours. */
    @EventListener
    void on(CredentialVerified verified) {
        UUID awardId = ownAward(verified.credentialId());
        if (awardId != null) add(new Key(Kind.VERIFICATION, awardId, today()));
    }

    private @Nullable UUID ownAward(@Nullable String credentialId) {
        if (credentialId == null || !credentialId.startsWith(credentialPrefix)) return null;
        String rest = credentialId.substring(credentialPrefix.length());
        if (rest.length() != 36) return null;
        try {
            return UUID.fromString(rest);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private void add(Key key) {
        ConcurrentHashMap<Key, LongAdder> counters = pending;
        if (counters.size() >= MAX_PENDING && !counters.containsKey(key)) flusher.execute(this::flushQuietly);
        counters.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ReportCounters.class).warn("Could not record page views and verifications; will try again", e);
        }
    }

    /** Adds what this node counted since the last flush to the tables; answers how many counters were written. */
    synchronized int flush() {
        ConcurrentHashMap<Key, LongAdder> counted = pending;
        if (counted.isEmpty()) return 0;
        pending = new ConcurrentHashMap<>();
        Map<Key, Long> deltas = new HashMap<>();
        counted.forEach((key, adder) -> deltas.put(key, adder.sum()));
        try {
            transactions.executeWithoutResult(status -> deltas.forEach(this::write));
        } catch (RuntimeException e) {
            deltas.forEach((key, n) -> {
                if (pending.size() < MAX_PENDING) pending.computeIfAbsent(key, k -> new LongAdder()).add(n);
            });
            throw e;
        }
        return deltas.size();
    }

    private void write(Key key, long hits) {
        if (hits == 0) return;
        Kind kind = key.kind();
        Date day = Date.valueOf(key.day());
        String update = "update " + kind.table + " set hits = hits + ? where " + kind.column + " = ? and on_day = ?";
        if (db.sql(update).params(hits, key.subject(), day).update() > 0) return;
        // Only a subject that still exists is counted (one deleted since is skipped, not retried for ever).
        int inserted = db.sql("insert into " + kind.table + " (" + kind.column + ", on_day, hits) select id, ?, ? from " + kind.parent
                + " where id = ? on conflict do nothing").params(day, hits, key.subject()).update();
        // Another node inserted the row between our update and insert: add to theirs.
        if (inserted == 0) db.sql(update).params(hits, key.subject(), day).update();
    }

    @PreDestroy
    void stop() {
        flusher.shutdown();
        flushQuietly();
    }
}
