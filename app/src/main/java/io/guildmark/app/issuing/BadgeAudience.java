package io.guildmark.app.issuing;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How often a badge's page was viewed and its share buttons used, per award, day (UTC) and channel, for its holder
 * and its organization. Nothing identifies a visitor and no third party is told: our own pages and redirects count.
 *
 * <p>The badge page is a hot public path, so a view costs no database write: it adds to a counter in memory, and every
 * few seconds this node adds its counters to {@code badge_audience} in one transaction (an update, or an insert when
 * the day's row does not exist yet, which works the same on H2 and PostgreSQL and is safe with other nodes doing the
 * same). Counts lost in a crash are a few seconds' worth; a failed flush keeps them for the next one.
 */
@Component
public class BadgeAudience {

    /** The channel of badge-page views; share clicks use the network's name ({@link ShareNetwork#slug}). */
    static final String VIEW = "view";

    /** At most this many (award, day, channel) counters wait in memory; beyond it new ones flush at once. */
    static final int MAX_PENDING = 50_000;

    /** Crawlers and link-preview fetchers (a share's own preview card would otherwise count as a view). */
    private static final Pattern BOT = Pattern.compile(
            "bot|crawl|spider|slurp|preview|facebookexternalhit|embedly|curl|wget|python-requests|http-client|okhttp",
            Pattern.CASE_INSENSITIVE);

    /** Views and shares of one award, as its holder and its organization see them. */
    public record Totals(long views, long shares, Map<String, Long> sharesByNetwork) {
        static final Totals NONE = new Totals(0, 0, Map.of());
    }

    private record Key(UUID awardId, LocalDate day, String channel) {}

    private final JdbcClient db;
    private final Clock clock;
    private final io.guildmark.app.shared.BufferedCounts<Key> counts;

    BadgeAudience(JdbcClient db, TransactionTemplate transactions, Clock clock,
            @Value("${guildmark.sharing.flush-seconds:5}") int flushSeconds) {
        this.db = db;
        this.clock = clock;
        this.counts = new io.guildmark.app.shared.BufferedCounts<>(BadgeAudience.class, "badge views and shares", MAX_PENDING, flushSeconds, transactions,
                this::write);
    }

    /** Whether a request looks like a crawler or link-preview fetcher rather than a person (cheap, not exhaustive). */
    public static boolean bot(@Nullable String userAgent) {
        return userAgent == null || userAgent.isBlank() || BOT.matcher(userAgent).find();
    }

    void viewed(UUID awardId) {
        add(new Key(awardId, today(), VIEW));
    }

    void shared(UUID awardId, ShareNetwork network) {
        add(new Key(awardId, today(), network.slug()));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private void add(Key key) {
        counts.add(key);
    }

    /** Adds what this node counted since the last flush to the table(s); answers how many counters were written. */
    int flush() {
        return counts.flush();
    }

    private void write(Key key, long hits) {
        Date day = Date.valueOf(key.day());
        String update = "update badge_audience set hits = hits + ? where award_id = ? and on_day = ? and channel = ?";
        if (db.sql(update).params(hits, key.awardId(), day, key.channel()).update() > 0) return;
        // Only an award that still exists is counted (one deleted since the view is skipped, not retried for ever).
        int inserted = db.sql("""
                insert into badge_audience (award_id, on_day, channel, hits)
                select id, ?, ?, ? from awards where id = ?
                on conflict do nothing""").params(day, key.channel(), hits, key.awardId()).update();
        // Another node inserted the row between our update and insert: add to theirs.
        if (inserted == 0) db.sql(update).params(hits, key.awardId(), day, key.channel()).update();
    }

    /** The flushed totals of these awards; callers check who may see them. */
    Map<UUID, Totals> totals(Collection<UUID> awardIds) {
        if (awardIds.isEmpty()) return Map.of();
        Map<UUID, long[]> sums = new HashMap<>();
        Map<UUID, Map<String, Long>> byNetwork = new HashMap<>();
        for (List<UUID> chunk : chunks(List.copyOf(awardIds))) {
            db.sql("select award_id, channel, sum(hits) from badge_audience where award_id in (:ids) group by award_id, channel")
                    .param("ids", chunk)
                    .query(rs -> {
                        UUID id = rs.getObject(1, UUID.class);
                        String channel = rs.getString(2);
                        long n = rs.getLong(3);
                        long[] s = sums.computeIfAbsent(id, k -> new long[2]);
                        if (VIEW.equals(channel)) {
                            s[0] += n;
                        } else {
                            s[1] += n;
                            byNetwork.computeIfAbsent(id, k -> new java.util.TreeMap<>()).put(channel, n);
                        }
                    });
        }
        Map<UUID, Totals> totals = new HashMap<>();
        for (UUID id : awardIds) {
            long[] s = sums.get(id);
            totals.put(id, s == null ? Totals.NONE : new Totals(s[0], s[1], byNetwork.getOrDefault(id, Map.of())));
        }
        return totals;
    }

    private static List<List<UUID>> chunks(List<UUID> ids) {
        List<List<UUID>> chunks = new java.util.ArrayList<>();
        for (int i = 0; i < ids.size(); i += 500) chunks.add(ids.subList(i, Math.min(ids.size(), i + 500)));
        return chunks;
    }

    @PreDestroy
    void stop() {
        counts.stop();
    }
}
