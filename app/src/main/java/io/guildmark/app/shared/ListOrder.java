package io.guildmark.app.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How a list is ordered for keyset paging: sort key columns, all ascending or all descending, the last one unique
 * (the row's id) so the order is total and every row is given out exactly once. Named, so a cursor made for one
 * order is refused by another.
 */
public record ListOrder(String name, boolean descending, List<Key> keys) {

    /** The kinds of values a sort key holds, so a cursor's text turns back into a typed parameter. */
    public enum Type { INSTANT, TEXT, UUID, DATE }

    /** One sort key column: an SQL expression (a constant of the caller, never input) and its type; never null. */
    public record Key(String sql, Type type) {}

    public ListOrder {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) throw new IllegalArgumentException("An order needs at least one key");
    }

    public static ListOrder descending(String name, Key... keys) {
        return new ListOrder(name, true, List.of(keys));
    }

    public static ListOrder ascending(String name, Key... keys) {
        return new ListOrder(name, false, List.of(keys));
    }

    public static Key instant(String sql) {
        return new Key(sql, Type.INSTANT);
    }

    public static Key text(String sql) {
        return new Key(sql, Type.TEXT);
    }

    public static Key uuid(String sql) {
        return new Key(sql, Type.UUID);
    }

    public static Key date(String sql) {
        return new Key(sql, Type.DATE);
    }

    /** {@code a desc, b desc}. */
    String orderBy() {
        return orderBy(null);
    }

    /** {@code scope desc, a desc, b desc}: a leading column the filters fix to one value, in the same direction. */
    String orderBy(@org.jspecify.annotations.Nullable String scope) {
        List<String> parts = new ArrayList<>();
        if (scope != null) parts.add(scope + (descending ? " desc" : " asc"));
        for (Key k : keys) parts.add(k.sql() + (descending ? " desc" : " asc"));
        return String.join(", ", parts);
    }

    /** The key columns as extra select items {@code k__0, k__1…}, read back for the next cursor. */
    String selectKeys() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) parts.add(keys.get(i).sql() + " as k__" + i);
        return String.join(", ", parts);
    }

    /**
     * Rows after the key: {@code (a <= ? and (a < ? or (a = ? and b < ?)))} for descending. Written out rather than as
     * a row value comparison so H2 and PostgreSQL read it alike; the leading {@code a <= ?} is a range both can take
     * from the index, so a page deep in the list does not scan the rows before it.
     */
    String after(List<Object> values, List<Object> params) {
        String op = descending ? " < ?" : " > ?";
        StringBuilder sql = new StringBuilder("(").append(keys.get(0).sql()).append(descending ? " <= ?" : " >= ?").append(" and (");
        params.add(values.get(0));
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) sql.append(" or ");
            sql.append('(');
            for (int j = 0; j < i; j++) {
                sql.append(keys.get(j).sql()).append(" = ? and ");
                params.add(values.get(j));
            }
            sql.append(keys.get(i).sql()).append(op).append(')');
            params.add(values.get(i));
        }
        return sql.append("))").toString();
    }

    /** The cursor's text values as parameters; a value that does not parse is an invalid cursor. */
    List<Object> parse(List<String> values) {
        List<Object> typed = new ArrayList<>();
        try {
            for (int i = 0; i < keys.size(); i++) {
                String v = values.get(i);
                typed.add(switch (keys.get(i).type()) {
                    case INSTANT -> Timestamp.from(Instant.parse(v));
                    case TEXT -> v;
                    case UUID -> java.util.UUID.fromString(v);
                    case DATE -> java.sql.Date.valueOf(LocalDate.parse(v));
                });
            }
        } catch (RuntimeException e) {
            throw ListCursor.invalid();
        }
        return typed;
    }

    /** The key of the current row as text, for the cursor. */
    List<String> read(ResultSet rs) throws SQLException {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String column = "k__" + i;
            values.add(switch (keys.get(i).type()) {
                case INSTANT -> rs.getTimestamp(column).toInstant().toString();
                case TEXT -> rs.getString(column);
                case UUID -> rs.getObject(column, UUID.class).toString();
                case DATE -> rs.getDate(column).toLocalDate().toString();
            });
        }
        return values;
    }
}
