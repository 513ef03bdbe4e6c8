package io.guildmark.app.shared;

import org.jspecify.annotations.Nullable;

/** Cells for CSV files that staff open in spreadsheets. */
public final class CsvCells {

    private CsvCells() {}

    /**
     * The value as a cell that a spreadsheet shows as text: a value starting with {@code = + - @}, a tab or a carriage
     * return would run as a formula (CSV injection), so it gets a leading apostrophe. Null is an empty cell.
     */
    public static String text(@Nullable String value) {
        if (value == null) return "";
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
