package io.guildmark.app.issuing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.catalog.AchievementDesign;
import io.guildmark.app.catalog.AchievementStatus;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.Problem;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks a bulk award file as a whole: every bad line is named (line, column, message) and nothing is kept
 * unless every row is good. Cells are text: one starting with {@code = + - @} is stored as written and never evaluated;
 * the results file escapes it again ({@link io.guildmark.app.shared.CsvCells}).
 */
final class AwardJobFile {

    /** Listing more bad lines than this helps nobody; the count says how many there are. */
    static final int MAX_LISTED_ERRORS = 1000;
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private AwardJobFile() {}

    /** The file's columns; header cells are compared ignoring case, spaces, hyphens and underscores. */
    enum Column {
        EMAIL("email", true, "email", "emailaddress", "recipientemail"),
        NAME("name", true, "name", "recipientname", "fullname"),
        MICRO_CREDENTIAL("micro_credential", true, "microcredential", "achievement", "achievementid", "badge"),
        EVIDENCE_NARRATIVE("evidence_narrative", false, "evidencenarrative", "evidence", "narrative"),
        EVIDENCE_URL("evidence_url", false, "evidenceurl", "url"),
        ISSUE_DATE("issue_date", false, "issuedate", "issuedon", "validfrom"),
        EXPIRY("expiry", false, "expiry", "expirydate", "expireson", "validuntil");

        final String canonical;
        final boolean required;
        final List<String> spellings;

        Column(String canonical, boolean required, String... spellings) {
            this.canonical = canonical;
            this.required = required;
            this.spellings = List.of(spellings);
        }

        static @Nullable Column of(String header) {
            String h = header.strip().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
            for (Column c : values()) {
                if (c.spellings.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).equals(h))) return c;
            }
            return null;
        }

        static String allNames() {
            return String.join(", ", java.util.Arrays.stream(values()).map(c -> c.canonical + (c.required ? "" : " (optional)")).toList());
        }
    }

    /** One bad cell or line; {@code column} is empty when the whole line is at fault. */
    record LineError(int line, String column, String message) {
        String text(String unit) {
            return unit + " " + line + (column.isEmpty() ? "" : ", " + column) + ": " + message;
        }
    }

    /** A refused file: nothing was stored. */
    static final class Rejected extends Problem {
        private final List<LineError> lines;
        private final int total;

        Rejected(String message, List<LineError> lines, int total, String unit) {
            super(Kind.INVALID, "invalid-rows", message, lines.stream().map(e -> new FieldError(unit.toLowerCase(Locale.ROOT) + " " + e.line()
                    + (e.column().isEmpty() ? "" : "." + e.column()), e.text(unit))).toList());
            this.lines = List.copyOf(lines);
            this.total = total;
        }

        List<LineError> lines() {
            return lines;
        }

        int total() {
            return total;
        }
    }

    /** A row as written: its line (or position in a JSON list) and its cells. */
    record RawRow(int line, Map<Column, String> cells, int extraCells) {}

    /** A row that passed every check. */
    record Row(int line, String email, String name, UUID achievementId, String achievementName, @Nullable String narrative,
            @Nullable String url, @Nullable Instant validFrom, @Nullable Instant validUntil) {}

    /** Decodes and parses the CSV: strictly UTF-8 (a BOM is fine), with a header naming the columns. */
    static List<RawRow> parse(byte[] bytes, int maxRows) {
        String text = decode(bytes);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        int[] lineStarts = lineStarts(text);
        List<RawRow> rows = new ArrayList<>();
        Map<Integer, Column> columns = new HashMap<>();
        int headerSize;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).build().parse(new StringReader(text))) {
            var records = parser.iterator();
            if (!records.hasNext()) throw Problem.invalid("empty-file", "The file is empty: it needs a header row and one row per award.");
            CSVRecord header = records.next();
            headerSize = header.size();
            List<LineError> headerErrors = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String cell = header.get(i);
                Column c = Column.of(cell);
                if (c == null) {
                    if (!cell.isBlank()) headerErrors.add(new LineError(1, cell, "This is not a column of the award file."));
                } else if (columns.containsValue(c)) {
                    headerErrors.add(new LineError(1, cell, "The column " + c.canonical + " appears twice."));
                } else {
                    columns.put(i, c);
                }
            }
            for (Column c : Column.values()) {
                if (c.required && !columns.containsValue(c)) headerErrors.add(new LineError(1, c.canonical, "The header has no " + c.canonical + " column."));
            }
            if (!headerErrors.isEmpty()) {
                throw new Rejected("The first row must be a header naming the columns " + Column.allNames() + ". Nothing was started.",
                        headerErrors, headerErrors.size(), "Line");
            }
            while (true) {
                CSVRecord r;
                try {
                    if (!records.hasNext()) break;
                    r = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    int line = (int) parser.getCurrentLineNumber() + 1;
                    throw new Rejected("The file could not be read as CSV from line " + line + ": check its quotes and commas. Nothing was started.",
                            List.of(new LineError(line, "", "A quoted cell is not closed, or a quote stands inside an unquoted cell.")), 1, "Line");
                }
                if (rows.size() == maxRows) {
                    throw Problem.invalid("too-many-rows", "The file has more than " + String.format(Locale.ROOT, "%,d", maxRows)
                            + " rows; split it into smaller files. Nothing was started.");
                }
                Map<Column, String> cells = new EnumMap<>(Column.class);
                columns.forEach((index, column) -> {
                    if (index < r.size()) cells.put(column, r.get(index));
                });
                rows.add(new RawRow(lineOf(lineStarts, r.getCharacterPosition()), cells, Math.max(0, r.size() - headerSize)));
            }
        } catch (IOException e) {
            throw Problem.invalid("malformed-csv", "The file could not be read as CSV: check its quotes and commas. Nothing was started.");
        }
        if (rows.isEmpty()) throw Problem.invalid("empty-file", "The file has a header but no rows to award.");
        return rows;
    }

    /**
     * Checks every row, naming every bad one; {@code designs} are the organization's micro-credentials, drafts and
     * retired ones included, so that a row naming one is told why it cannot be awarded. The micro-credential cell holds
     * its id or its exact name (ignoring case).
     */
    static List<Row> check(List<RawRow> raw, List<AchievementDesign> designs, String unit) {
        Map<UUID, AchievementDesign> byId = new HashMap<>();
        Map<String, List<AchievementDesign>> byName = new HashMap<>();
        for (AchievementDesign d : designs) {
            byId.put(d.id(), d);
            byName.computeIfAbsent(d.definition().name().strip().toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(d);
        }
        List<LineError> errors = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int badRows = 0;
        for (RawRow r : raw) {
            List<LineError> mine = new ArrayList<>();
            int line = r.line();
            if (r.extraCells() > 0) mine.add(new LineError(line, "", "The row has more cells than the header; quote cells that contain commas."));
            String email = null;
            String emailCell = cell(r, Column.EMAIL);
            try {
                if (emailCell == null) throw Problem.invalid("x", "x");
                email = EmailAddress.of(emailCell).value();
            } catch (Problem p) {
                mine.add(new LineError(line, "email", emailCell == null ? "Give the recipient's e-mail address." : "This is not an e-mail address."));
            }
            String name = cell(r, Column.NAME);
            if (name == null) {
                mine.add(new LineError(line, "name", "Give the recipient's name."));
            } else if (name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
                mine.add(new LineError(line, "name", "The name is at most 200 characters on one line."));
            }
            AchievementDesign design = null;
            String wanted = cell(r, Column.MICRO_CREDENTIAL);
            if (wanted == null) {
                mine.add(new LineError(line, "micro_credential", "Give the micro-credential's id or exact name."));
            } else {
                List<AchievementDesign> found = new ArrayList<>();
                UUID id = uuid(wanted);
                if (id != null && byId.containsKey(id)) found.add(byId.get(id));
                if (found.isEmpty()) found.addAll(byName.getOrDefault(wanted.toLowerCase(Locale.ROOT), List.of()));
                List<AchievementDesign> awardable = found.stream().filter(AwardJobFile::awardable).toList();
                if (found.isEmpty()) {
                    mine.add(new LineError(line, "micro_credential", "There is no micro-credential with this id or name in your organization."));
                } else if (awardable.size() > 1) {
                    mine.add(new LineError(line, "micro_credential", "Several published micro-credentials have this name; give the id instead."));
                } else if (awardable.isEmpty()) {
                    AchievementDesign d = found.get(0);
                    mine.add(new LineError(line, "micro_credential", d.status() == AchievementStatus.RETIRED
                            ? "\"" + d.definition().name() + "\" is retired and can no longer be awarded."
                            : "\"" + d.definition().name() + "\" is not published yet; publish it before awarding it."));
                } else {
                    design = awardable.get(0);
                }
            }
            String narrative = cell(r, Column.EVIDENCE_NARRATIVE);
            if (narrative != null && narrative.length() > 10_000) {
                mine.add(new LineError(line, "evidence_narrative", "Keep the evidence narrative under 10,000 characters."));
            }
            String url = cell(r, Column.EVIDENCE_URL);
            if (url != null && !isWebAddress(url)) mine.add(new LineError(line, "evidence_url", "The evidence URL must be an http(s) address."));
            Instant from = date(r, Column.ISSUE_DATE, mine);
            Instant until = date(r, Column.EXPIRY, mine);
            if (until != null && !until.isAfter(from != null ? from : Instant.now())) {
                mine.add(new LineError(line, "expiry", from != null ? "The expiry must come after the issue date." : "The expiry must be in the future."));
            }
            if (email != null && design != null) {
                String key = email + "\n" + design.id();
                Integer first = seen.putIfAbsent(key, line);
                if (first != null) {
                    mine.add(new LineError(line, "", "Duplicates " + unit.toLowerCase(Locale.ROOT) + " " + first
                            + ": the same person and micro-credential; remove one of them."));
                }
            }
            if (mine.isEmpty()) {
                rows.add(new Row(line, email, name, design.id(), design.definition().name(), narrative, url, from, until));
            } else {
                badRows++;
                for (LineError e : mine) {
                    if (errors.size() < MAX_LISTED_ERRORS) errors.add(e);
                }
            }
        }
        if (!errors.isEmpty()) {
            String listed = errors.size() < badRows ? " (the first " + errors.size() + " problems are listed)" : "";
            throw new Rejected("Nothing was started: " + badRows + (badRows == 1 ? " row is" : " rows are") + " not valid" + listed
                    + ". Fix " + (badRows == 1 ? "it" : "them") + " and send the whole file again.", errors, badRows, unit);
        }
        return rows;
    }

    private static boolean awardable(AchievementDesign d) {
        return d.status() == AchievementStatus.PUBLISHED && d.latestVersion() > 0;
    }

    private static @Nullable Instant date(RawRow r, Column column, List<LineError> errors) {
        String text = cell(r, column);
        if (text == null) return null;
        Instant value;
        try {
            value = text.length() <= 10 ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new LineError(r.line(), column.canonical, "Write the date as YYYY-MM-DD, like 2026-11-01."));
            return null;
        }
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            errors.add(new LineError(r.line(), column.canonical, "Give a date between the years 1900 and 9999."));
            return null;
        }
        return value;
    }

    private static @Nullable String cell(RawRow r, Column column) {
        String value = r.cells().get(column);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static @Nullable UUID uuid(String value) {
        try {
            return value.length() == 36 ? UUID.fromString(value) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isWebAddress(String value) {
        try {
            URI uri = new URI(value);
            return value.length() <= 2048 && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** Strict UTF-8: a file saved in another encoding, or mixing two, is refused with every line that is not UTF-8. */
    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            List<LineError> bad = new ArrayList<>();
            int badLines = 0;
            int line = 1;
            int start = 0;
            for (int i = 0; i <= bytes.length; i++) {
                if (i == bytes.length || bytes[i] == '\n') {
                    try {
                        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, start, i - start));
                    } catch (CharacterCodingException notUtf8) {
                        badLines++;
                        if (bad.size() < MAX_LISTED_ERRORS) {
                            bad.add(new LineError(line, "", "This line is not UTF-8 text (the file mixes encodings, or was saved as another one)."));
                        }
                    }
                    line++;
                    start = i + 1;
                }
            }
            throw new Rejected("The file must be UTF-8 text (in a spreadsheet, save it as \"CSV UTF-8\"); " + badLines
                    + (badLines == 1 ? " line is" : " lines are") + " not. Nothing was started.", bad, badLines, "Line");
        }
    }

    /** The character offset where each line starts (line 1 at index 0), so a record's position names its line. */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) starts.add(i + 1);
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOf(int[] lineStarts, long position) {
        int index = java.util.Arrays.binarySearch(lineStarts, (int) position);
        return (index >= 0 ? index : -index - 2) + 1;
    }
}
