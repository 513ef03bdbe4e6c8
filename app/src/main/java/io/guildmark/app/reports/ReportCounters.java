package io.guildmark.app.reports;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

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

    private final JdbcClient db;
    private final Clock clock;
    private final String credentialPrefix;
    private final io.guildmark.app.shared.BufferedCounts<Key> counts;

    ReportCounters(JdbcClient db, TransactionTemplate transactions, Clock clock, GuildmarkSettings settings,
            @Value("${guildmark.sharing.flush-seconds:5}") int flushSeconds) {
        this.db = db;
        this.clock = clock;
        this.credentialPrefix = settings.url("/credentials/");
        this.counts = new io.guildmark.app.shared.BufferedCounts<>(ReportCounters.class, "page views and verifications", MAX_PENDING, flushSeconds, transactions,
                this::write);
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
        counts.add(key);
    }

    /** Adds what this node counted since the last flush to the table(s); answers how many counters were written. */
    int flush() {
        return counts.flush();
    }

    private void write(Key key, long hits) {
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
        counts.stop();
    }
}
