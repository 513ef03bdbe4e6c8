package io.guildmark.app.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.guildmark.app.shared.Money;

import org.jspecify.annotations.Nullable;

/**
 * One report's figures: columns and rows, shown as the table under its chart, answered by the API as JSON and
 * downloaded as CSV. Values are kept as numbers (amounts in the currency's minor unit, rates as percentages rounded to
 * one decimal, durations in hours to one decimal) and formatted only for the table.
 */
record ReportTable(String id, String title, String description, List<Column> columns, List<List<@Nullable Object>> rows,
        String chart) {

    /** How a column's values read. */
    enum Kind { TEXT, COUNT, PERCENT, HOURS, DECIMAL, MONEY }

    /** A column; a MONEY column's currency is in the row's {@code currency} column. */
    record Column(String key, String label, Kind kind) {}

    ReportTable {
        columns = List.copyOf(columns);
        rows = Collections.unmodifiableList(new ArrayList<>(rows));
    }

    static Column text(String key, String label) {
        return new Column(key, label, Kind.TEXT);
    }

    static Column count(String key, String label) {
        return new Column(key, label, Kind.COUNT);
    }

    static Column percent(String key, String label) {
        return new Column(key, label, Kind.PERCENT);
    }

    static Column hours(String key, String label) {
        return new Column(key, label, Kind.HOURS);
    }

    static Column decimal(String key, String label) {
        return new Column(key, label, Kind.DECIMAL);
    }

    static Column money(String key, String label) {
        return new Column(key, label, Kind.MONEY);
    }

    /** part / whole as a percentage to one decimal, or null when the whole is zero. */
    static @Nullable BigDecimal rate(long part, long whole) {
        if (whole == 0) return null;
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    /** part / whole to one decimal, or null when the whole is zero. */
    static @Nullable BigDecimal ratio(long part, long whole) {
        if (whole == 0) return null;
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    /** Seconds as hours to one decimal, or null. */
    static @Nullable BigDecimal hoursOf(@Nullable Number seconds) {
        if (seconds == null) return null;
        return new BigDecimal(seconds.toString()).divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP);
    }

    /** The rows as objects keyed by column, for JSON. */
    List<Map<String, @Nullable Object>> records() {
        List<Map<String, @Nullable Object>> records = new ArrayList<>(rows.size());
        for (List<@Nullable Object> row : rows) {
            Map<String, @Nullable Object> record = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) record.put(columns.get(i).key(), row.get(i));
            records.add(record);
        }
        return records;
    }

    /** A cell as the table and the CSV show it: amounts in the major unit, no thousands separators. */
    String cell(List<@Nullable Object> row, int column) {
        Object value = row.get(column);
        if (value == null) return "";
        Column c = columns.get(column);
        if (c.kind() == Kind.MONEY) {
            Object currency = currencyOf(row);
            // Money.digits gives 2 for anything that is not an ISO 4217 code, as for a row without a currency.
            return Money.plain(((Number) value).longValue(), currency == null ? "" : currency.toString());
        }
        return value.toString();
    }

    /** A cell for the HTML table: counts with thousands separators, percentages with a sign. */
    public String shown(List<@Nullable Object> row, int column) {
        Object value = row.get(column);
        Column c = columns.get(column);
        if (value == null) return c.kind() == Kind.TEXT ? "" : "—";
        return switch (c.kind()) {
            case COUNT -> String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
            case PERCENT -> cell(row, column) + " %";
            default -> cell(row, column);
        };
    }

    public boolean numeric(int column) {
        return columns.get(column).kind() != Kind.TEXT;
    }

    private @Nullable Object currencyOf(List<@Nullable Object> row) {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).key().equals("currency")) return row.get(i);
        return null;
    }
}
