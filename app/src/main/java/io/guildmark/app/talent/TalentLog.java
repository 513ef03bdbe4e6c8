package io.guildmark.app.talent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.ListOrder;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListWhere;
import io.guildmark.app.shared.Listings;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What employers did with a person's profile, kept for the person: every search that showed them ("Acme searched for
 * 'food safety' and saw your profile") and every message an employer sent. Only the person reads it.
 */
@Service
public class TalentLog {

    public enum Kind { SEARCH, CONTACT;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One line of the log. */
    public record Entry(UUID id, String employerName, Kind kind, @Nullable String detail, Instant at) {

        /** The line in words. */
        public String sentence() {
            return switch (kind) {
                case SEARCH -> employerName + " searched for " + (detail == null ? "learners" : detail) + " and saw your profile";
                case CONTACT -> employerName + " wrote to you";
            };
        }
    }

    private static final ListOrder NEWEST = ListOrder.descending("newest", ListOrder.instant("l.at"), ListOrder.uuid("l.id"));

    private final JdbcClient db;
    private final Listings listings;

    TalentLog(JdbcClient db, Listings listings) {
        this.db = db;
        this.listings = listings;
    }

    void record(UUID userId, Organization employer, Kind kind, @Nullable String detail, Instant at) {
        db.sql("insert into talent_log (id, user_id, employer_id, employer_name, kind, detail, at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), userId, employer.id(), employer.name(), kind.id(), detail, Timestamp.from(at)).update();
    }

    /** The person's log, newest first, a page at a time with the total. */
    public ListPage<Entry> of(Actor.Person person, int offset, int limit) {
        return listings.pageAt(new Listings.Source("talent-log", "l.id, l.employer_name, l.kind, l.detail, l.at", "talent_log l",
                ListWhere.of("l.user_id = ?", person.userId())).scopedBy("l.user_id"), NEWEST, Math.max(0, offset), Listings.limit(limit),
                TalentLog::entry);
    }

    private static Entry entry(ResultSet rs, int n) throws SQLException {
        return new Entry(rs.getObject("id", UUID.class), rs.getString("employer_name"),
                Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), rs.getString("detail"), rs.getTimestamp("at").toInstant());
    }
}
