package io.guildmark.app.reports;

import java.util.List;

import io.guildmark.app.shared.CsvDownload;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A report as a CSV file: the table's columns and cells, formula-escaped by {@link CsvDownload}. */
final class ReportCsv {

    private ReportCsv() {}

    static ResponseEntity<StreamingResponseBody> of(String slug, ReportTable table, DateRange range) {
        List<String> header = table.columns().stream().map(c -> c.label() + (c.kind() == ReportTable.Kind.MONEY ? " (major unit)" : "")).toList();
        return CsvDownload.of(slug + "-" + table.id() + "-" + range.from() + "-to-" + range.to() + ".csv", header, rows -> {
            for (var row : table.rows()) {
                Object[] cells = new Object[row.size()];
                for (int i = 0; i < cells.length; i++) cells[i] = table.cell(row, i);
                rows.row(cells);
            }
        });
    }
}
