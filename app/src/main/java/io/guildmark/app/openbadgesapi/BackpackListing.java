package io.guildmark.app.openbadgesapi;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.issuing.Awards;
import io.guildmark.app.pathways.ImportedCredentials;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts and pages what a person holds for the OB 3.0 API in SQL: the awards accepted in their account and their
 * active imports holding an OB 3.0 credential, as one list, newest first. Which rows count is decided by the modules
 * that own them ({@link Awards#ACCEPTED_BY_USER_SQL}, {@link ImportedCredentials#ACTIVE_OB3_SQL}); here they are only
 * combined, so the work per page stays the same however much a person holds, and the count is exact.
 */
@Component
class BackpackListing {

    /**
     * Awards before imports at the same moment, then by id (descending, as the indexes read backwards): every row has
     * one place in the order, so pages never overlap or miss one.
     */
    enum Kind { AWARD, IMPORT }

    /** One listed credential: which kind, which row, and the moment it is listed by. */
    record Entry(Kind kind, UUID id, Instant listedAt) {}

    private final JdbcClient db;

    BackpackListing(JdbcClient db) {
        this.db = db;
    }

    /** How many credentials the person holds, listed at or after {@code since} when given. */
    long count(UUID userId, @Nullable Instant since) {
        String sql = "select count(*) from (select listed_at from (" + Awards.ACCEPTED_BY_USER_SQL + ") a"
                + " union all select listed_at from (" + ImportedCredentials.ACTIVE_OB3_SQL + ") i) held" + since(since);
        return bind(db.sql(sql), userId, since).query(Long.class).single();
    }

    /**
     * One page, newest first. Each side reads at most {@code offset + limit} of its rows (in index order where an index
     * allows), so a first page costs the same for ten credentials as for ten thousand.
     */
    List<Entry> page(UUID userId, @Nullable Instant since, int limit, long offset) {
        String sql = "select listed_at, kind, id from ("
                + side(Awards.ACCEPTED_BY_USER_SQL, Kind.AWARD, since) + " union all " + side(ImportedCredentials.ACTIVE_OB3_SQL, Kind.IMPORT, since)
                + ") held order by listed_at desc, kind, id desc limit :limit offset :offset";
        return bind(db.sql(sql), userId, since).param("limit", limit).param("offset", offset).param("reach", offset + limit)
                .query((rs, n) -> new Entry(Kind.values()[rs.getInt("kind")], rs.getObject("id", UUID.class), rs.getTimestamp("listed_at").toInstant()))
                .list();
    }

    private static String side(String rows, Kind kind, @Nullable Instant since) {
        return "select * from (select listed_at, " + kind.ordinal() + " as kind, id from (" + rows + ") r" + since(since)
                + " order by listed_at desc, id desc limit :reach) " + kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String since(@Nullable Instant since) {
        return since == null ? "" : " where listed_at >= :since";
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, UUID userId, @Nullable Instant since) {
        statement = statement.param("user", userId);
        return since == null ? statement : statement.param("since", Timestamp.from(since));
    }
}
