package io.guildmark.app.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inserts that belong together, written in one round trip. A change that other features add rows to (an award: its
 * e-mail, audit entry, pathway check, webhook event) runs its work {@link #together}; while that work runs on the
 * thread, {@link #insert} queues each insert instead of running it, and when the work returns the queue is written at
 * once: on PostgreSQL as ONE statement of data-modifying CTEs ({@code with i1 as (insert …), i2 as (insert …) insert …}),
 * which is atomic by itself, so outside a transaction it needs no BEGIN and no COMMIT, and inside a caller's transaction
 * it simply joins it; on H2, which has no data-modifying CTEs, one by one in a transaction. Either way all the rows are
 * written or none. Work that throws writes nothing.
 *
 * <p>Outside such work {@link #insert} runs the insert at once, in whatever transaction the caller has, as before.
 *
 * <p>Inside it: every write must go through {@link #insert} (there may be no transaction for a direct write to join);
 * nothing may read the queued rows back (they are not written yet: listeners take what they need from the event); what
 * must follow the commit goes to {@link #afterCommit}. Features hand their inserts here without knowing who groups them,
 * and the grouping feature never learns their tables.
 */
@Component
public class GroupedInserts {

    private record Insert(String sql, @Nullable Object[] params) {}

    private static final class Group {
        final List<Insert> inserts = new ArrayList<>(6);
        final List<Runnable> afterCommit = new ArrayList<>(2);
        /** The caller's transaction (its connection), or null: a write in another transaction is not the group's. */
        final @Nullable Object transaction;

        Group(@Nullable Object transaction) {
            this.transaction = transaction;
        }
    }

    private static final ThreadLocal<@Nullable Group> OPEN = new ThreadLocal<>();

    /** Statements built so far, by the inserts they combine: the same text per shape, so pgjdbc prepares it on the server. */
    private final Map<List<String>, String> statements = new ConcurrentHashMap<>();
    private static final int MAX_SHAPES = 256;

    private final JdbcClient db;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final boolean oneStatement;

    GroupedInserts(JdbcClient db, DataSource dataSource, TransactionTemplate transactions, GuildmarkSettings settings) {
        this.db = db;
        this.dataSource = dataSource;
        this.transactions = transactions;
        String url = settings.database().url();
        // A database URL means PostgreSQL (see DatabaseConfiguration); none means the embedded H2.
        this.oneStatement = url != null && url.startsWith("jdbc:postgresql:");
    }

    /**
     * Runs the work with the thread's inserts queued, then writes them all (in one statement on PostgreSQL) and answers
     * the work's result. Inside another group (in the same transaction) the work simply joins it: the outermost group
     * writes.
     */
    public <T> T together(Supplier<T> work) {
        if (current() != null) return work.get();
        Group outer = OPEN.get(); // open around a transaction this work runs in: it resumes once ours is written
        Group group = new Group(transaction());
        OPEN.set(group);
        T result;
        try {
            result = work.get();
        } finally {
            if (outer == null) OPEN.remove();
            else OPEN.set(outer);
        }
        write(group.inserts);
        group.afterCommit.forEach(this::afterCommit);
        return result;
    }

    /**
     * One {@code insert into table (columns) values (?, …)} with its parameters, in order: queued while a group is open on
     * this thread, run at once otherwise. Pass the same SQL text every time for the same insert.
     */
    public void insert(String sql, @Nullable Object... params) {
        Group group = current();
        if (group == null) {
            db.sql(sql).params(params).update();
            return;
        }
        if (!sql.stripLeading().regionMatches(true, 0, "insert into ", 0, 12)) {
            throw new IllegalArgumentException("Only inserts can be grouped: " + sql);
        }
        group.inserts.add(new Insert(sql, params.clone()));
    }

    /**
     * Runs the action once what was written so far is committed: after the open group's rows are written and the
     * caller's transaction (if any) commits; at once when there is neither a group nor a transaction.
     */
    public void afterCommit(Runnable action) {
        Group group = current();
        if (group != null) {
            group.afterCommit.add(action);
        } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    /** Whether inserts are queued on this thread now (for tests and assertions). */
    public static boolean grouping() {
        return OPEN.get() != null;
    }

    /**
     * The group open on this thread, unless the work has since started a transaction of its own (a new one, or one
     * suspending the caller's): what is written there belongs to that transaction, not to the group.
     */
    private @Nullable Group current() {
        Group group = OPEN.get();
        return group == null || group.transaction == transaction() ? group : null;
    }

    private @Nullable Object transaction() {
        return TransactionSynchronizationManager.getResource(dataSource);
    }

    private void write(List<Insert> inserts) {
        if (inserts.isEmpty()) return;
        if (inserts.size() == 1) {
            db.sql(inserts.get(0).sql()).params(inserts.get(0).params()).update();
        } else if (oneStatement) {
            List<String> shape = new ArrayList<>(inserts.size());
            List<@Nullable Object> params = new ArrayList<>();
            for (Insert insert : inserts) {
                shape.add(insert.sql());
                params.addAll(java.util.Arrays.asList(insert.params()));
            }
            String sql = statements.get(shape);
            if (sql == null) {
                sql = withClauses(shape);
                if (statements.size() < MAX_SHAPES) statements.put(shape, sql);
            }
            db.sql(sql).params(params).update();
        } else {
            transactions.executeWithoutResult(tx -> inserts.forEach(i -> db.sql(i.sql()).params(i.params()).update()));
        }
    }

    /**
     * {@code with i1 as (insert …), i2 as (insert …) insert …}: every sub-statement runs exactly once, to completion, in
     * the one statement's snapshot (PostgreSQL's rule for data-modifying WITH), and a failure of any one undoes them all.
     * Each insert's parameters take their types from its target columns, as in a plain insert.
     */
    static String withClauses(List<String> inserts) {
        StringBuilder sql = new StringBuilder("with ");
        for (int i = 0; i < inserts.size() - 1; i++) {
            if (i > 0) sql.append(", ");
            sql.append('i').append(i + 1).append(" as (").append(inserts.get(i).strip()).append(')');
        }
        return sql.append(' ').append(inserts.get(inserts.size() - 1).strip()).toString();
    }
}
