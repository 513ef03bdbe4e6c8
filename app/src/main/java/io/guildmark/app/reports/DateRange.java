package io.guildmark.app.reports;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;

/**
 * The days a report covers, both included, in UTC. Without dates: the last twelve months, from the first day of the
 * month eleven months ago to today. At most ten years, so a report never groups more than 120 months.
 */
record DateRange(LocalDate from, LocalDate to) {

    static final int MAX_YEARS = 10;

    /** The range asked for; a date that is not YYYY-MM-DD, a "to" before "from" or more than ten years is refused. */
    static DateRange parse(@Nullable String from, @Nullable String to, LocalDate today) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate end = day("to", to, errors);
        LocalDate start = day("from", from, errors);
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        if (end == null) end = start != null && start.isAfter(today) ? start : today;
        if (start == null) start = YearMonth.from(end).minusMonths(11).atDay(1);
        if (end.isBefore(start)) throw Problem.invalidField("to", "The end date " + end + " is before the start date " + start + ".");
        if (start.plusYears(MAX_YEARS).isBefore(end)) {
            throw Problem.invalidField("from", "A report covers at most " + MAX_YEARS + " years; choose a later start or an earlier end.");
        }
        return new DateRange(start, end);
    }

    private static @Nullable LocalDate day(String field, @Nullable String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) return null;
        String v = value.strip();
        try {
            if (v.length() > 10) throw new DateTimeParseException("too long", v, 0);
            LocalDate d = LocalDate.parse(v);
            if (d.getYear() < 1970 || d.getYear() > 9999) throw new DateTimeParseException("out of range", v, 0);
            return d;
        } catch (DateTimeParseException e) {
            errors.put(field, "\"" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "\" is not a date; use YYYY-MM-DD, such as 2026-01-31.");
            return null;
        }
    }

    /** The first instant covered. */
    Timestamp start() {
        return Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The first instant after the range. */
    Timestamp end() {
        return Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    java.sql.Date firstDay() {
        return java.sql.Date.valueOf(from);
    }

    java.sql.Date lastDay() {
        return java.sql.Date.valueOf(to);
    }

    /** Every month the range touches, oldest first. */
    List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) months.add(m);
        return months;
    }
}
