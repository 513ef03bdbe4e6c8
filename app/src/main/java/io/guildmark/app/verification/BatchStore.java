package io.guildmark.app.verification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.shared.ListOrder;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListWhere;
import io.guildmark.app.shared.Listings;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** A signed-in person's finished batch checks ({@code verification_batches} and their rows); each is theirs only. */
@Repository
class BatchStore {

    /** A saved batch as the list of past checks shows it. */
    record Summary(UUID id, String label, Instant createdAt, int credentials, int verified) {

        /** The day, as people write it. */
        public String createdOn() {
            return ReportView.DATE.format(createdAt);
        }
    }

    private static final ListOrder NEWEST = ListOrder.descending("newest", ListOrder.instant("created_at"), ListOrder.uuid("id"));

    private final JdbcClient db;
    private final Listings listings;

    BatchStore(JdbcClient db, Listings listings) {
        this.db = db;
        this.listings = listings;
    }

    /** Saves a finished batch with all its rows, or nothing. */
    @Transactional
    void save(UUID id, UUID userId, String label, Instant createdAt, List<BatchRow> rows) {
        int verified = (int) rows.stream().filter(BatchRow::verified).count();
        db.sql("insert into verification_batches (id, user_id, label, created_at, credentials, verified) values (?, ?, ?, ?, ?, ?)")
                .params(id, userId, cut(label, 300), Timestamp.from(createdAt), rows.size(), verified).update();
        for (BatchRow r : rows) {
            db.sql("""
                    insert into verification_batch_rows (batch_id, position, candidate_name, candidate_email, source, verdict, reason,
                        recipient, revocation, expired, valid_until, achievement, issuer_name, issuer_id, issuer_standing, credential_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, r.position(), cut(r.candidateName(), 200), cut(r.candidateEmail(), 254), cut(r.source(), 500),
                            r.verdict(), cut(r.reason(), 2000), cut(r.recipient(), 40), cut(r.revocation(), 40), r.expired(),
                            r.validUntil() == null ? null : Timestamp.from(r.validUntil()), cut(r.achievement(), 500),
                            cut(r.issuerName(), 500), cut(r.issuerId(), 2000), cut(r.standing(), 300), cut(r.credentialId(), 2000))
                    .update();
        }
    }

    /** The batch if it is this person's. */
    Optional<Summary> find(UUID id, UUID userId) {
        return db.sql("select id, label, created_at, credentials, verified from verification_batches where id = ? and user_id = ?")
                .params(id, userId).query(BatchStore::summary).optional();
    }

    List<BatchRow> rows(UUID batchId) {
        return db.sql("""
                select position, candidate_name, candidate_email, source, verdict, reason, recipient, revocation, expired, valid_until,
                    achievement, issuer_name, issuer_id, issuer_standing, credential_id
                from verification_batch_rows where batch_id = ? order by position""")
                .param(batchId).query((rs, n) -> new BatchRow(rs.getInt("position"), rs.getString("candidate_name"),
                        rs.getString("candidate_email"), rs.getString("source"), rs.getString("verdict"), rs.getString("reason"),
                        rs.getString("recipient"), rs.getString("revocation"), rs.getBoolean("expired"), instant(rs, "valid_until"),
                        rs.getString("achievement"), rs.getString("issuer_name"), rs.getString("issuer_id"),
                        rs.getString("issuer_standing"), rs.getString("credential_id"))).list();
    }

    /** The person's past checks, newest first, {@code limit} a page. */
    ListPage<Summary> page(UUID userId, int page, int limit) {
        var source = new Listings.Source("verification-batches", "id, label, created_at, credentials, verified", "verification_batches",
                ListWhere.of("user_id = ?", userId)).scopedBy("user_id");
        return listings.pageAt(source, NEWEST, Math.max(0, page - 1) * limit, limit, (rs, n) -> summary(rs, n));
    }

    private static Summary summary(ResultSet rs, int n) throws SQLException {
        return new Summary(rs.getObject("id", UUID.class), rs.getString("label"), rs.getTimestamp("created_at").toInstant(),
                rs.getInt("credentials"), rs.getInt("verified"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static @Nullable String cut(@Nullable String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
