package io.guildmark.app.reports;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.guildmark.app.shared.CsvCells;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A report as a CSV file (RFC 4180, UTF-8, CRLF): the table's columns and cells, every cell formula-escaped by
 * {@link CsvCells}. A report is already aggregated in memory, so it is written whole rather than streamed.
 */
final class ReportCsv {

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private ReportCsv() {}

    static ResponseEntity<byte[]> of(String slug, ReportTable table, DateRange range) {
        List<String> header = table.columns().stream().map(c -> c.label() + (c.kind() == ReportTable.Kind.MONEY ? " (major unit)" : "")).toList();
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            for (String h : header) printer.print(CsvCells.text(h));
            printer.println();
            for (var row : table.rows()) {
                for (int i = 0; i < row.size(); i++) {
                    String cell = table.cell(row, i);
                    // A figure such as a negative net ("-10.00") is a number, not a formula: it stays a number.
                    boolean figure = table.columns().get(i).kind() != ReportTable.Kind.TEXT && cell != null && NUMBER.matcher(cell).matches();
                    printer.print(figure ? cell : CsvCells.text(cell));
                }
                printer.println();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String fileName = (slug + "-" + table.id() + "-" + range.from() + "-to-" + range.to() + ".csv").replaceAll("[^A-Za-z0-9._-]", "_");
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
