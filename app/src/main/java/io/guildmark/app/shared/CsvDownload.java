package io.guildmark.app.shared;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A staff list's export: CSV (RFC 4180, CRLF line ends), UTF-8 without a byte-order mark, as an attachment, written
 * while the rows are read so that 100,000 rows never sit in memory. Every cell goes through {@link CsvCells#text}.
 * Check the filters before calling: once the body streams, the status is 200.
 */
public final class CsvDownload {

    private CsvDownload() {}

    /** Writes rows to the CSV. */
    @FunctionalInterface
    public interface Body {
        void write(Rows rows) throws IOException;
    }

    /** The open CSV: one call per row. */
    public static final class Rows {
        private final CSVPrinter printer;

        Rows(CSVPrinter printer) {
            this.printer = printer;
        }

        /** One row; null is an empty cell, an instant is ISO 8601 UTC, everything is formula-escaped. */
        public void row(@Nullable Object... cells) {
            try {
                for (Object cell : cells) printer.print(CsvCells.text(cell == null ? null : cell instanceof Instant i ? i.toString() : cell.toString()));
                printer.println();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Writes the header and the rows to an open writer (a download whose headers the caller set), then flushes it. */
    public static void write(Writer writer, List<String> header, Body body) throws IOException {
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build());
        body.write(new Rows(printer));
        printer.flush();
    }

    public static ResponseEntity<StreamingResponseBody> of(String fileName, List<String> header, Body body) {
        StreamingResponseBody stream = out -> write(new OutputStreamWriter(out, StandardCharsets.UTF_8), header, body);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .body(stream);
    }
}
