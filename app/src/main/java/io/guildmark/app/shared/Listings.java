package io.guildmark.app.shared;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Staff lists at 100,000 rows: a page after a cursor (keyset, cheap at any depth), a page by position for the
 * staff pages' page numbers, each with the total that match; and every matching row in keyset batches for a CSV
 * export, never all in memory.
 *
 * <p>A list is {@code select <select> from <from> where <where> order by <order>}; {@code from} may join, e.g.
 * {@code awards a}. The order's key columns must not be null.
 */
@Component
public class Listings {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    public static final int BATCH = 1000;

    /**
     * What a list reads: a name (the cursor is bound to it), the select items, the table(s), the filters, and the
     * column the filters fix to one value (the organization), if any. That column leads the {@code order by}: it
     * changes nothing in the result, but lets H2 read a page in the order of an index that starts with it (H2 only
     * takes an index for sorting when its columns start with the sort keys), instead of sorting every row of the
     * organization (100,000 awards, whole rows) for each page. PostgreSQL reads the same index either way.
     */
    public record Source(String list, String select, String from, ListWhere where, @Nullable String scope) {

        public Source(String list, String select, String from, ListWhere where) {
            this(list, select, from, where, null);
        }

        /** The same list, ordered first by the column its filters fix (e.g. {@code organization_id}). */
        public Source scopedBy(String column) {
            return new Source(list, select, from, where, column);
        }

        String orderBy(ListOrder order) {
            return scope == null ? order.orderBy() : order.orderBy(scope);
        }
    }

    private final JdbcClient db;
    private final ListCursor cursors;

    Listings(JdbcClient db, ListCursor cursors) {
        this.db = db;
        this.cursors = cursors;
    }

    /** The page size asked for, {@value #DEFAULT_LIMIT} when none; outside 1 to {@value #MAX_LIMIT} is 400 on {@code limit}. */
    public static int limit(@Nullable Integer limit) {
        if (limit == null) return DEFAULT_LIMIT;
        if (limit < 1 || limit > MAX_LIMIT) throw Problem.invalidField("limit", "Ask for 1 to " + MAX_LIMIT + " rows per page.");
        return limit;
    }

    /** The rows after the cursor (or the first ones), with the total that match and the next page's cursor. */
    public <T> ListPage<T> page(Source source, ListOrder order, int limit, @Nullable String cursor, RowMapper<T> mapper) {
        limit(limit);
        List<Object> after = cursor == null || cursor.isBlank() ? null
                : order.parse(cursors.decode(source.list(), order.name(), order.keys().size(), cursor.strip()));
        long total = count(source);
        Batch<T> batch = batch(source, order, after, limit + 1, mapper);
        String next = null;
        List<T> items = batch.items();
        if (items.size() > limit) {
            items = items.subList(0, limit);
            next = cursors.encode(source.list(), order.name(), batch.keys().get(limit - 1));
        }
        return new ListPage<>(items, total, limit, 0, next);
    }

    /**
     * The rows at a position, for page numbers on the staff pages; a position past the end is an empty page. Also
     * gives the cursor after it, so the API and the pages can meet.
     */
    public <T> ListPage<T> pageAt(Source source, ListOrder order, int offset, int limit, RowMapper<T> mapper) {
        limit(limit);
        if (offset < 0) throw Problem.invalidField("page", "Pages start at 1.");
        long total = count(source);
        if (offset >= total) return new ListPage<>(List.of(), total, limit, offset, null);
        List<Object> after = null;
        if (offset > 0) {
            java.util.Optional<List<Object>> before = keyBefore(source, order, offset);
            // Rows removed since the count: the position is past the end now.
            if (before.isEmpty()) return new ListPage<>(List.of(), total, limit, offset, null);
            after = before.get();
        }
        Batch<T> batch = batch(source, order, after, limit + 1, mapper);
        List<T> items = batch.items();
        String next = null;
        if (items.size() > limit) {
            items = items.subList(0, limit);
            next = cursors.encode(source.list(), order.name(), batch.keys().get(limit - 1));
        }
        return new ListPage<>(items, total, limit, offset, next);
    }

    /** Every matching row in order, handed over {@value #BATCH} at a time (keyset, not offset). */
    public <T> void each(Source source, ListOrder order, RowMapper<T> mapper, Consumer<? super T> consumer) {
        List<Object> after = null;
        while (true) {
            Batch<T> batch = batch(source, order, after, BATCH, mapper);
            batch.items().forEach(consumer);
            if (batch.items().size() < BATCH) return;
            after = order.parse(batch.keys().get(BATCH - 1));
        }
    }

    public long count(Source source) {
        return db.sql("select count(*) from " + source.from() + " where " + source.where().sql())
                .params(source.where().params()).query(Long.class).single();
    }

    /**
     * The sort key of the row just before a position. Skips the rows before it reading their keys only (which the
     * list's index holds), then the page itself is a keyset page after that key: a page deep in the list no longer
     * reads, joins and throws away every whole row before it.
     */
    private java.util.Optional<List<Object>> keyBefore(Source source, ListOrder order, int offset) {
        List<Object> params = new ArrayList<>(source.where().params());
        params.add(offset - 1);
        String sql = "select " + order.selectKeys() + " from " + source.from() + " where " + source.where().sql()
                + " order by " + source.orderBy(order) + " limit 1 offset ?";
        return db.sql(sql).params(params).query((ResultSet rs, int n) -> order.read(rs)).optional().map(order::parse);
    }

    private record Batch<T>(List<T> items, List<List<String>> keys) {}

    private <T> Batch<T> batch(Source source, ListOrder order, @Nullable List<Object> after, int size, RowMapper<T> mapper) {
        List<Object> params = new ArrayList<>(source.where().params());
        String where = source.where().sql();
        if (after != null) where = where + " and " + order.after(after, params);
        params.add(size);
        String sql = "select " + source.select() + ", " + order.selectKeys() + " from " + source.from() + " where " + where
                + " order by " + source.orderBy(order) + " limit ?";
        List<List<String>> keys = new ArrayList<>();
        List<T> items = db.sql(sql).params(params).query((ResultSet rs, int n) -> {
            keys.add(order.read(rs));
            return mapper.mapRow(rs, n);
        }).list();
        return new Batch<>(items, keys);
    }
}
