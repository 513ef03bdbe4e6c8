package io.guildmark.app.endorsements;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.guildmark.app.shared.AchievementEndorsements;
import io.guildmark.app.shared.GuildmarkSettings;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The endorsements in force per micro-credential, kept in memory for the award path (hundreds of awards a second, each
 * asking once). What is kept is valid for one stamp of the endorsements table (how many rows, how many in force, the
 * last change): a change on this node forgets everything at its commit; a change on another node is seen when the stamp
 * is next read, at most once a {@link #RECHECK_NANOS second}. So in the steady state an award costs no query here.
 */
@Component
class EndorsementCache implements AchievementEndorsements {

    /** At most this many endorsements of one subject are shown and embedded, newest first (a program has tens of partners). */
    static final int MAX_PER_SUBJECT = 50;
    /** Kept micro-credentials per stamp; past it, the map starts over (bounded memory, never stale). */
    private static final int MAX_KEPT = 10_000;
    private static final long RECHECK_NANOS = 1_000_000_000L;
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String OF_ACHIEVEMENT = "n.achievement_id = ?";
    private static final String OF_ASSOCIATION = "n.association_id = ? and n.achievement_id is null";

    private record Entry(List<JsonObject> signed, List<Shown> shown) {}

    private record Snapshot(String stamp, long checkedAt, Map<UUID, Entry> byAchievement, Map<UUID, Entry> byAssociation) {}

    private final JdbcClient db;
    private final GuildmarkSettings settings;
    private volatile @Nullable Snapshot snapshot;

    EndorsementCache(JdbcClient db, GuildmarkSettings settings) {
        this.db = db;
        this.settings = settings;
    }

    @Override
    public List<JsonObject> signedFor(UUID achievementId) {
        return entry(achievementId).signed();
    }

    @Override
    public List<Shown> shownFor(UUID achievementId) {
        return entry(achievementId).shown();
    }

    @Override
    public List<JsonObject> signedForAssociation(UUID associationId) {
        return associationEntry(associationId).signed();
    }

    @Override
    public List<Shown> shownForAssociation(UUID associationId) {
        return associationEntry(associationId).shown();
    }

    @Override
    public List<Shown> shownNowFor(UUID achievementId) {
        return load(OF_ACHIEVEMENT, achievementId).shown();
    }

    @Override
    public List<Shown> shownNowForAssociation(UUID associationId) {
        return load(OF_ASSOCIATION, associationId).shown();
    }

    private Entry associationEntry(UUID associationId) {
        Map<UUID, Entry> kept = current().byAssociation();
        Entry entry = kept.get(associationId);
        if (entry != null) return entry;
        if (kept.size() >= MAX_KEPT) kept.clear();
        entry = load(OF_ASSOCIATION, associationId);
        kept.put(associationId, entry);
        return entry;
    }

    /** Drops what is kept, so the next question reads the stamp (called after a change commits on this node). */
    void forget() {
        snapshot = null;
    }

    private Entry entry(UUID achievementId) {
        Snapshot current = current();
        Map<UUID, Entry> kept = current.byAchievement();
        Entry entry = kept.get(achievementId);
        if (entry != null) return entry;
        if (kept.size() >= MAX_KEPT) kept.clear();
        entry = load(OF_ACHIEVEMENT, achievementId);
        kept.put(achievementId, entry);
        return entry;
    }

    private Snapshot current() {
        Snapshot kept = snapshot;
        long now = System.nanoTime();
        if (kept != null && now - kept.checkedAt() < RECHECK_NANOS) return kept;
        String stamp = stamp();
        // Read before anything is loaded under it: what is kept is at least as new as its stamp.
        Snapshot fresh = kept != null && kept.stamp().equals(stamp) ? new Snapshot(stamp, now, kept.byAchievement(), kept.byAssociation())
                : new Snapshot(stamp, now, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        snapshot = fresh;
        return fresh;
    }

    private String stamp() {
        return db.sql("""
                select count(*), sum(case when revoked_at is null and hidden_at is null and partnership_ended_at is null then 1 else 0 end),
                  max(changed_at)
                from endorsements""")
                .query((rs, n) -> rs.getLong(1) + "|" + rs.getLong(2) + "|" + (rs.getTimestamp(3) == null ? "" : rs.getTimestamp(3).toInstant()))
                .single();
    }

    /** {@code where} is one of the two constant conditions above, never input. */
    private Entry load(String where, UUID subject) {
        record Row(UUID id, String credential, String employerName, String employerSlug, String statement, java.time.Instant createdAt) {}
        List<Row> rows = db.sql("""
                select n.id, n.credential, e.name, e.slug, n.statement, n.created_at
                from endorsements n join organizations e on e.id = n.employer_id
                where""" + " " + where + """
                 and n.revoked_at is null and n.hidden_at is null and n.partnership_ended_at is null
                order by n.created_at desc, n.id limit""" + " " + MAX_PER_SUBJECT)
                .param(subject)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant()))
                .list();
        List<JsonObject> signed = new ArrayList<>(rows.size());
        List<Shown> shown = new ArrayList<>(rows.size());
        for (Row row : rows) {
            try (var reader = JSON.createReader(new StringReader(row.credential()))) {
                signed.add(reader.readObject());
            }
            shown.add(new Shown(row.id(), settings.url("/endorsements/" + row.id()), row.employerName(), row.employerSlug(),
                    row.statement(), row.createdAt()));
        }
        return new Entry(List.copyOf(signed), List.copyOf(shown));
    }
}
