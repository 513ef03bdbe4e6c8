package io.guildmark.app.shared;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The {@code where} of a staff list, built from its filters with bound parameters only. A filter that is not given
 * adds nothing. Column expressions are the caller's constants, never user input.
 */
public final class ListWhere {

    public static final int MAX_SEARCH = 200;

    private final StringBuilder sql;
    private final List<Object> params = new ArrayList<>();

    private ListWhere(String first, Object... params) {
        this.sql = new StringBuilder(first);
        this.params.addAll(Arrays.asList(params));
    }

    /** Starts with the condition every row of the list meets, usually the organization. */
    public static ListWhere of(String condition, Object... params) {
        return new ListWhere(condition, params);
    }

    public ListWhere and(String condition, Object... params) {
        sql.append(" and ").append(condition);
        this.params.addAll(Arrays.asList(params));
        return this;
    }

    /** {@code column = value}, when a value is given. */
    public ListWhere equal(String column, @Nullable Object value) {
        return value == null ? this : and(column + " = ?", value);
    }

    /**
     * Rows where any of the expressions contains the words, case-insensitively (the expressions must already be
     * lower case, e.g. {@code lower(name)}; e-mail addresses are stored lower case). {@code % _ \} match themselves.
     * At most 200 characters; a longer search is {@code 400} on field {@code q}.
     */
    public ListWhere search(@Nullable String search, String... lowerCaseExpressions) {
        return search(search, "", java.util.Map.of(), lowerCaseExpressions);
    }

    /**
     * Like {@link #search(String, String...)}, and also rows whose {@code column} holds a key of {@code names} whose
     * name contains the words: a micro-credential's name lives in the catalog, not in the list's table.
     */
    public ListWhere search(@Nullable String search, String column, java.util.Map<?, String> names, String... lowerCaseExpressions) {
        String like = like(search);
        if (like == null) return this;
        String words = search.strip().toLowerCase(Locale.ROOT);
        StringBuilder any = new StringBuilder("(");
        for (int i = 0; i < lowerCaseExpressions.length; i++) {
            if (i > 0) any.append(" or ");
            any.append(lowerCaseExpressions[i]).append(" like ? escape '\\'");
            params.add(like);
        }
        List<Object> matching = names.entrySet().stream().filter(e -> e.getValue().toLowerCase(Locale.ROOT).contains(words))
                .map(e -> (Object) e.getKey()).toList();
        if (!matching.isEmpty()) {
            any.append(" or ").append(column).append(" in (").append(String.join(", ", matching.stream().map(m -> "?").toList())).append(')');
            params.addAll(matching);
        }
        sql.append(" and ").append(any).append(')');
        return this;
    }

    /** The LIKE pattern for a search (escaped, lower case, between {@code %}), or null when there is nothing to search. */
    public static @Nullable String like(@Nullable String search) {
        if (search == null || search.isBlank()) return null;
        if (search.length() > MAX_SEARCH) throw Problem.invalidField("q", "Search for at most " + MAX_SEARCH + " characters.");
        return "%" + search.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Rows whose timestamp falls on or after {@code from} and on or before {@code to}, whole days in UTC. */
    public ListWhere days(String column, @Nullable LocalDate from, @Nullable LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) throw Problem.invalidField("to", "The end date is before the start date.");
        if (from != null) and(column + " >= ?", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()));
        if (to != null) and(column + " < ?", Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        return this;
    }

    /** The condition, without the word {@code where}. */
    public String sql() {
        return sql.toString();
    }

    public List<Object> params() {
        return List.copyOf(params);
    }
}
