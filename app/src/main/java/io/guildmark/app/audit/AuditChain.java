package io.guildmark.app.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hash chains of the audit log, one per organization and one for the platform. Actions only insert their entry
 * (one cheap insert, no lock shared with other actions); the sealer then gives each unsealed entry, in insertion order,
 * the next position of its chain and {@code hash = SHA-256(previous hash || canonical form of every field)}. A single
 * sealer at a time is guaranteed by locking the one row of {@code audit_sealer}. The price: an entry is chained a few
 * seconds after its action, and an entry altered in that window is not detected.
 */
@Component
class AuditChain {

    static final String PLATFORM = "platform";
    static final String GENESIS = "0".repeat(64);
    private static final int BATCH = 1000;
    private static final Logger log = LoggerFactory.getLogger(AuditChain.class);

    /** What verification found. {@code firstBrokenPosition} and {@code reason} are null when the chain holds. */
    record Verdict(boolean intact, long entries, @Nullable Long firstBrokenPosition, @Nullable String reason, String headHash) {}

    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    AuditChain(JdbcClient db, JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.db = db;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Seals every entry committed so far; answers how many. Safe to call from anywhere, any number of times. */
    int seal() {
        int total = 0;
        while (true) {
            int sealed = Objects.requireNonNull(transactions.execute(tx -> sealBatch()));
            total += sealed;
            if (sealed < BATCH) return total;
        }
    }

    private record Head(long position, String hash, boolean stored) {}

    private int sealBatch() {
        // The lock: a second sealer (another thread, another node) waits here until this one commits.
        db.sql("select id from audit_sealer where id = 1 for update").query(Integer.class).single();
        List<AuditEntry> entries = db.sql("select * from audit_entries where position is null order by seq limit ?").param(BATCH)
                .query(AuditChain::entry).list();
        if (entries.isEmpty()) return 0;
        Map<String, Head> heads = new LinkedHashMap<>();
        List<Object[]> updates = new ArrayList<>();
        for (AuditEntry entry : entries) {
            Head head = heads.computeIfAbsent(entry.chainKey(), this::head);
            long position = head.position() + 1;
            String hash = hash(head.hash(), entry, position);
            updates.add(new Object[] {position, hash, entry.seq()});
            heads.put(entry.chainKey(), new Head(position, hash, head.stored()));
        }
        jdbc.batchUpdate("update audit_entries set position = ?, hash = ? where seq = ? and position is null", updates);
        heads.forEach((key, head) -> {
            if (head.stored()) {
                db.sql("update audit_chains set last_position = ?, last_hash = ? where chain_key = ?").params(head.position(), head.hash(), key).update();
            } else {
                db.sql("insert into audit_chains (chain_key, last_position, last_hash) values (?, ?, ?)").params(key, head.position(), head.hash()).update();
            }
        });
        return entries.size();
    }

    private Head head(String chainKey) {
        return db.sql("select last_position, last_hash from audit_chains where chain_key = ?").param(chainKey)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), true)).optional()
                .orElse(new Head(0, GENESIS, false));
    }

    /**
     * Walks a chain from position 1, recomputing every hash, and compares its end with the chain's head: a changed
     * field shows as a hash mismatch at its position, a deleted entry as a missing position (a deleted last entry as a
     * gap before the head). Unsealed entries are sealed first. Reads a page at a time: memory stays flat however long the log.
     */
    Verdict verify(String chainKey) {
        seal();
        Head head = head(chainKey);
        long[] expected = {1};
        String[] previous = {GENESIS};
        String[] reason = {null};
        long[] broken = {0};
        long after = 0;
        while (reason[0] == null) {
            // A page at a time by position (keyset), so memory stays flat however long the chain.
            List<AuditEntry> page = db.sql("select * from audit_entries where chain_key = ? and position > ? order by position limit ?")
                    .params(chainKey, after, BATCH).query(AuditChain::entry).list();
            for (AuditEntry entry : page) {
                long position = Objects.requireNonNull(entry.position());
                if (position != expected[0]) {
                    broken[0] = expected[0];
                    reason[0] = expected[0] + 1 == position ? "position " + expected[0] + " missing (deleted)"
                            : "positions " + expected[0] + " to " + (position - 1) + " missing (deleted)";
                    break;
                }
                String computed = hash(previous[0], entry, position);
                if (!computed.equals(entry.hash())) {
                    broken[0] = position;
                    reason[0] = "hash mismatch at position " + position + " (altered)";
                    break;
                }
                previous[0] = computed;
                expected[0]++;
                after = position;
            }
            if (page.size() < BATCH) break;
        }
        long checked = expected[0] - 1;
        if (reason[0] == null && head.position() > checked) {
            broken[0] = checked + 1;
            reason[0] = head.position() == checked + 1 ? "position " + head.position() + " missing (deleted)"
                    : "positions " + (checked + 1) + " to " + head.position() + " missing (deleted)";
        } else if (reason[0] == null && head.stored() && !head.hash().equals(previous[0])) {
            broken[0] = checked;
            reason[0] = "the chain's head does not match position " + checked + " (altered)";
        }
        if (reason[0] != null) {
            log.warn("Audit chain {} is broken: {}", chainKey, reason[0]);
            return new Verdict(false, checked, broken[0], reason[0], head.hash());
        }
        return new Verdict(true, checked, null, null, head.hash());
    }

    /**
     * SHA-256 over the previous hash and every field of the entry, each written as its length and its text (null as
     * "~"), so no two different entries serialize alike.
     */
    static String hash(String previousHash, AuditEntry e, long position) {
        StringBuilder canonical = new StringBuilder("guildmark-audit-v1\n").append(previousHash).append('\n');
        for (Object field : new Object[] {e.chainKey(), position, e.seq(), e.organizationId(), e.occurredAt(), e.actorType(), e.actorId(),
                e.actorLabel(), e.action(), e.objectType(), e.objectId(), e.changes()}) {
            if (field == null) {
                canonical.append("~;");
            } else {
                String text = field.toString();
                canonical.append(text.length()).append(':').append(text).append(';');
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e2) {
            throw new IllegalStateException(e2);
        }
    }

    static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        long position = rs.getLong("position");
        Long pos = rs.wasNull() ? null : position;
        return new AuditEntry(rs.getLong("seq"), rs.getString("chain_key"), rs.getObject("organization_id", UUID.class),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor_type"), rs.getString("actor_id"),
                rs.getString("actor_label"), rs.getString("action"), rs.getString("object_type"), rs.getString("object_id"),
                rs.getString("changes"), pos, rs.getString("hash"));
    }
}
