package io.guildmark.app.verification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
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

/**
 * Finished batch checks ({@code verification_batches} and their rows): a signed-in person's own, theirs only, or an
 * employer organization's, shared by everyone who checks candidates for it ({@link CheckingEmployers}).
 */
@Repository
class BatchStore {

    /** A saved batch as the list of past checks shows it. */
    record Summary(UUID id, String label, Instant createdAt, int credentials, int verified, @Nullable String checkedBy) {

        /** The day, as people write it. */
        public String createdOn() {
            return ReportView.DATE.format(createdAt);
        }
    }

    /** Whose a saved batch is: a person's ({@code userId}) or an employer's ({@code organizationId}). */
    record Saved(Summary summary, @Nullable UUID userId, @Nullable UUID organizationId) {}

    private static final String COLUMNS = "id, label, created_at, credentials, verified, checked_by";
    private static final ListOrder NEWEST = ListOrder.descending("newest", ListOrder.instant("created_at"), ListOrder.uuid("id"));

    private final JdbcClient db;
    private final Listings listings;

    BatchStore(JdbcClient db, Listings listings) {
        this.db = db;
        this.listings = listings;
    }

    /** Saves a finished batch with all its rows, or nothing: the person's own, or the employer's when one is named. */
    @Transactional
    void save(UUID id, BatchVerifications.Owner owner, String label, Instant createdAt, List<BatchRow> rows) {
        int verified = (int) rows.stream().filter(BatchRow::verified).count();
        UUID employer = owner.employer() == null ? null : owner.employer().id();
        db.sql("""
                insert into verification_batches (id, user_id, organization_id, checked_by, label, created_at, credentials, verified)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, employer == null ? owner.userId() : null, employer, cut(owner.checkedBy(), 254), cut(label, 300),
                        Timestamp.from(createdAt), rows.size(), verified).update();
        for (BatchRow r : rows) {
            db.sql("""
                    insert into verification_batch_rows (batch_id, position, candidate_name, candidate_email, source, verdict, reason,
                        recipient, revocation, expired, valid_until, achievement, issuer_name, issuer_id, issuer_standing, credential_id,
                        holder_binding, holder_proof)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, r.position(), cut(r.candidateName(), 200), cut(r.candidateEmail(), 254), cut(r.source(), 500),
                            r.verdict(), cut(r.reason(), 2000), cut(r.recipient(), 40), cut(r.revocation(), 40), r.expired(),
                            r.validUntil() == null ? null : Timestamp.from(r.validUntil()), cut(r.achievement(), 500),
                            cut(r.issuerName(), 500), cut(r.issuerId(), 2000), cut(r.standing(), 300), cut(r.credentialId(), 2000),
                            r.holderBinding(), r.holderProof())
                    .update();
        }
    }

    /** The saved batch and whose it is; the caller decides who may see it. */
    Optional<Saved> find(UUID id) {
        return db.sql("select " + COLUMNS + ", user_id, organization_id from verification_batches where id = ?")
                .param(id).query((rs, n) -> new Saved(summary(rs, n), rs.getObject("user_id", UUID.class),
                        rs.getObject("organization_id", UUID.class))).optional();
    }

    List<BatchRow> rows(UUID batchId) {
        return db.sql("""
                select position, candidate_name, candidate_email, source, verdict, reason, recipient, revocation, expired, valid_until,
                    achievement, issuer_name, issuer_id, issuer_standing, credential_id, holder_binding, holder_proof
                from verification_batch_rows where batch_id = ? order by position""")
                .param(batchId).query((rs, n) -> new BatchRow(rs.getInt("position"), rs.getString("candidate_name"),
                        rs.getString("candidate_email"), rs.getString("source"), rs.getString("verdict"), rs.getString("reason"),
                        rs.getString("recipient"), rs.getString("revocation"), rs.getBoolean("expired"), instant(rs, "valid_until"),
                        rs.getString("achievement"), rs.getString("issuer_name"), rs.getString("issuer_id"),
                        rs.getString("issuer_standing"), rs.getString("credential_id"), rs.getString("holder_binding"),
                        rs.getString("holder_proof"))).list();
    }

    /** The person's past checks, newest first, {@code limit} a page. */
    ListPage<Summary> page(UUID userId, int page, int limit) {
        var source = new Listings.Source("verification-batches", COLUMNS, "verification_batches",
                ListWhere.of("user_id = ?", userId)).scopedBy("user_id");
        return listings.pageAt(source, NEWEST, Math.max(0, page - 1) * limit, limit, (rs, n) -> summary(rs, n));
    }

    /** What an employer's past checks are filtered by: words of the label or of a candidate's name or e-mail, and days. */
    record Filter(@Nullable String search, @Nullable LocalDate from, @Nullable LocalDate to) {}

    /** An employer's past checks, newest first, at a page number (the pages). */
    ListPage<Summary> employerPage(UUID organizationId, Filter filter, int page, int limit) {
        return listings.pageAt(employerSource(organizationId, filter), NEWEST, Math.max(0, page - 1) * limit, limit, BatchStore::summary);
    }

    /** The same list after a cursor (the API). */
    ListPage<Summary> employerPage(UUID organizationId, Filter filter, int limit, @Nullable String cursor) {
        return listings.page(employerSource(organizationId, filter), NEWEST, limit, cursor, BatchStore::summary);
    }

    private static Listings.Source employerSource(UUID organizationId, Filter filter) {
        ListWhere where = ListWhere.of("organization_id = ?", organizationId).days("created_at", filter.from(), filter.to());
        String like = ListWhere.like(filter.search());
        if (like != null) {
            where.and("""
                    (lower(label) like ? escape '\\' or exists (select 1 from verification_batch_rows r
                      where r.batch_id = verification_batches.id
                        and (lower(r.candidate_name) like ? escape '\\' or lower(r.candidate_email) like ? escape '\\')))""",
                    like, like, like);
        }
        return new Listings.Source("employer-verification-batches", COLUMNS, "verification_batches", where).scopedBy("organization_id");
    }

    private static Summary summary(ResultSet rs, int n) throws SQLException {
        return new Summary(rs.getObject("id", UUID.class), rs.getString("label"), rs.getTimestamp("created_at").toInstant(),
                rs.getInt("credentials"), rs.getInt("verified"), rs.getString("checked_by"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static @Nullable String cut(@Nullable String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
