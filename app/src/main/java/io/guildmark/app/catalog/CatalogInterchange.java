package io.guildmark.app.catalog;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.guildmark.app.shared.Decimals;
import io.guildmark.app.shared.Problem;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Export and import of a catalog, as documented in docs/catalog.md.
 *
 * <p>JSON: an array of Open Badges 3.0 {@code Achievement} objects. Each {@code id} is the micro-credential's public
 * address {@code {baseUrl}/achievements/{id}} (the unversioned one: the export holds working copies); Guildmark's own
 * fields that OB 3.0 has no term for (estimated hours, credit type, validity, prices, earning requirements, status)
 * sit in a {@code guildmark} object, which other systems ignore.
 *
 * <p>CSV: one row per micro-credential under a header row ({@link #CSV_COLUMNS}). {@code tags} are separated by
 * semicolons; {@code alignments} and {@code requirements} hold the same JSON arrays as the API. Text starting with
 * {@code = + - @} is written with a leading apostrophe so spreadsheets do not run it as a formula; import removes it.
 *
 * <p>Import reads everything first and answers every invalid row at once ({@code rows[N].field}, N counting
 * micro-credentials from 1, the header not counted); nothing is written unless every row is valid.
 */
final class CatalogInterchange {

    static final List<String> CSV_COLUMNS = List.of("id", "status", "latestVersion", "name", "description", "achievementType",
            "criteria", "alignments", "tags", "estimatedHours", "creditValue", "creditType", "validityMonths", "memberPrice",
            "nonMemberPrice", "currency", "humanCode", "image", "requirements");

    static final int MAX_ROWS = 1000;

    /** What export needs of one micro-credential. */
    record Exported(AchievementDesign design, String id, @Nullable String imageUrl) {}

    private CatalogInterchange() {}

    // ---- JSON ---------------------------------------------------------------------------------------------------

    static ArrayNode toJson(List<Exported> items) {
        ArrayNode array = DefinitionJson.JSON.createArrayNode();
        items.forEach(item -> array.add(toJson(item)));
        return array;
    }

    static ObjectNode toJson(Exported item) {
        AchievementDefinition d = item.design().definition();
        ObjectNode node = DefinitionJson.JSON.createObjectNode();
        node.put("id", item.id());
        node.putArray("type").add("Achievement");
        node.put("achievementType", d.achievementType());
        node.put("name", d.name());
        node.put("description", d.description());
        node.putObject("criteria").put("narrative", d.criteriaNarrative());
        if (item.imageUrl() != null) {
            node.putObject("image").put("id", item.imageUrl()).put("type", "Image").put("caption", d.name());
        }
        ArrayNode alignment = node.putArray("alignment");
        for (AchievementDefinition.Alignment a : d.alignments()) {
            ObjectNode an = alignment.addObject();
            an.putArray("type").add("Alignment");
            an.setAll(DefinitionJson.alignment(a));
        }
        ArrayNode tag = node.putArray("tag");
        d.tags().forEach(tag::add);
        if (d.creditValue() != null) node.put("creditsAvailable", d.creditValue());
        if (d.humanCode() != null) node.put("humanCode", d.humanCode());
        if (item.design().latestVersion() > 0) node.put("version", String.valueOf(item.design().latestVersion()));
        ObjectNode ext = node.putObject("guildmark");
        ext.put("status", item.design().status().id());
        ext.put("latestVersion", item.design().latestVersion());
        if (d.estimatedHours() != null) ext.put("estimatedHours", d.estimatedHours());
        if (d.creditType() != null) ext.put("creditType", d.creditType());
        if (d.validityMonths() != null) ext.put("validityMonths", d.validityMonths());
        if (d.memberPrice() != null) ext.put("memberPrice", d.memberPrice());
        if (d.nonMemberPrice() != null) ext.put("nonMemberPrice", d.nonMemberPrice());
        ext.put("currency", d.currency());
        ArrayNode requirements = ext.putArray("requirements");
        d.requirements().forEach(r -> requirements.add(DefinitionJson.requirement(r)));
        return node;
    }

    /** Reads an array of OB 3.0 Achievement objects (or one object) into definitions, or lists every invalid row. */
    static List<AchievementDefinition> fromJson(byte[] body) {
        JsonNode root;
        try {
            root = DefinitionJson.JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new Problem(Problem.Kind.INVALID, "malformed-body", "The file is not valid JSON.", List.of());
        }
        if (root == null || root.isMissingNode()) throw Problem.invalid("empty-import", "The file holds no micro-credentials.");
        List<JsonNode> nodes = new ArrayList<>();
        if (root.isArray()) root.forEach(nodes::add);
        else if (root.isObject()) nodes.add(root);
        else throw Problem.invalid("malformed-body", "Send a JSON array of Open Badges 3.0 Achievement objects.");
        checkCount(nodes.size());
        Rows rows = new Rows();
        for (int i = 0; i < nodes.size(); i++) {
            int row = i + 1;
            JsonNode n = nodes.get(i);
            rows.read(row, errors -> definitionFromOb3(n, errors));
        }
        return rows.result();
    }

    private static AchievementDefinition definitionFromOb3(JsonNode n, Map<String, String> errors) {
        if (!n.isObject()) {
            errors.put("", "Each item must be an Achievement object.");
            return null;
        }
        JsonNode type = n.get("type");
        if (type != null && !(type.isArray() ? contains(type, "Achievement") : "Achievement".equals(type.asString()))) {
            errors.put("type", "The type must include \"Achievement\".");
        }
        JsonNode ext = n.path("guildmark");
        JsonNode criteria = n.path("criteria");
        String narrative = text(criteria, "narrative", "criteria.narrative", errors);
        String criteriaId = text(criteria, "id", "criteria.id", errors);
        if (narrative == null && criteriaId != null) narrative = "See " + criteriaId;
        List<AchievementDefinition.Alignment> alignments = new ArrayList<>();
        JsonNode alignment = n.has("alignment") ? n.get("alignment") : n.path("alignments");
        if (alignment.isObject()) alignments.add(DefinitionJson.alignmentFrom(alignment));
        else if (alignment.isArray()) alignment.forEach(a -> alignments.add(DefinitionJson.alignmentFrom(a)));
        List<String> tags = new ArrayList<>();
        JsonNode tag = n.has("tag") ? n.get("tag") : n.path("tags");
        if (tag.isArray()) tag.forEach(t -> tags.add(t.asString()));
        else if (tag.isString()) tags.add(tag.asString());
        String imageUrl = null;
        JsonNode image = n.get("image");
        if (image != null && image.isString()) imageUrl = image.asString();
        else if (image != null && image.isObject()) imageUrl = text(image, "id", "image", errors);
        BigDecimal creditValue = decimal(n, "creditsAvailable", "creditValue", errors);
        String creditType = text(ext, "creditType", "creditType", errors);
        if (creditValue != null && creditType == null) creditType = "credit hours";
        List<EarningRequirement> requirements = requirements(ext.path("requirements"), errors);
        return new AchievementDefinition(text(n, "name", "name", errors), text(n, "description", "description", errors),
                text(n, "achievementType", "achievementType", errors), narrative, alignments, tags,
                decimal(ext, "estimatedHours", "estimatedHours", errors), creditValue, creditType,
                integer(ext, "validityMonths", errors), whole(ext, "memberPrice", errors), whole(ext, "nonMemberPrice", errors),
                text(ext, "currency", "currency", errors), null, imageUrl, text(n, "humanCode", "humanCode", errors), requirements);
    }

    // ---- CSV ----------------------------------------------------------------------------------------------------

    static String toCsv(List<Exported> items) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).build())) {
            for (Exported item : items) {
                AchievementDefinition d = item.design().definition();
                ArrayNode alignments = DefinitionJson.JSON.createArrayNode();
                d.alignments().forEach(a -> alignments.add(DefinitionJson.alignment(a)));
                ArrayNode requirements = DefinitionJson.JSON.createArrayNode();
                d.requirements().forEach(r -> requirements.add(DefinitionJson.requirement(r)));
                csv.printRecord(item.design().id(), item.design().status().id(), item.design().latestVersion(), safe(d.name()),
                        safe(d.description()), d.achievementType(), safe(d.criteriaNarrative()),
                        d.alignments().isEmpty() ? "" : DefinitionJson.JSON.writeValueAsString(alignments),
                        safe(String.join("; ", d.tags())), plain(d.estimatedHours()), plain(d.creditValue()),
                        safe(d.creditType()), d.validityMonths(), d.memberPrice(), d.nonMemberPrice(), d.currency(),
                        safe(d.humanCode()), item.imageUrl(),
                        d.requirements().isEmpty() ? "" : DefinitionJson.JSON.writeValueAsString(requirements));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static List<AchievementDefinition> fromCsv(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<CSVRecord> records;
        Set<String> header;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).build().parse(new StringReader(text))) {
            header = parser.getHeaderMap().keySet();
            records = parser.getRecords();
        } catch (IOException | RuntimeException e) {
            throw Problem.invalid("malformed-csv", "The CSV file could not be read: check quotes and commas.");
        }
        if (!header.contains("name")) {
            throw Problem.invalid("malformed-csv", "The first row must be a header naming the columns: " + String.join(",", CSV_COLUMNS) + ".");
        }
        checkCount(records.size());
        Rows rows = new Rows();
        for (int i = 0; i < records.size(); i++) {
            CSVRecord r = records.get(i);
            rows.read(i + 1, errors -> definitionFromCsv(r, header, errors));
        }
        return rows.result();
    }

    private static AchievementDefinition definitionFromCsv(CSVRecord r, Set<String> header, Map<String, String> errors) {
        List<AchievementDefinition.Alignment> alignments = new ArrayList<>();
        JsonNode alignmentCell = jsonCell(cell(r, header, "alignments"), "alignments", errors);
        if (alignmentCell != null) alignmentCell.forEach(a -> alignments.add(DefinitionJson.alignmentFrom(a)));
        List<EarningRequirement> requirements = requirements(jsonCell(cell(r, header, "requirements"), "requirements", errors), errors);
        String tags = unsafe(cell(r, header, "tags"));
        return new AchievementDefinition(unsafe(cell(r, header, "name")), unsafe(cell(r, header, "description")),
                cell(r, header, "achievementType"), unsafe(cell(r, header, "criteria")), alignments,
                tags == null ? List.of() : Arrays.asList(tags.split(";")),
                parseDecimal(cell(r, header, "estimatedHours"), "estimatedHours", errors),
                parseDecimal(cell(r, header, "creditValue"), "creditValue", errors), unsafe(cell(r, header, "creditType")),
                parseInt(cell(r, header, "validityMonths"), "validityMonths", errors),
                parseLong(cell(r, header, "memberPrice"), "memberPrice", errors),
                parseLong(cell(r, header, "nonMemberPrice"), "nonMemberPrice", errors), cell(r, header, "currency"), null,
                cell(r, header, "image"), unsafe(cell(r, header, "humanCode")), requirements);
    }

    // ---- Shared helpers -----------------------------------------------------------------------------------------

    /** Collects each row's definition or its errors, keyed {@code rows[N].field}. */
    private static final class Rows {
        private final List<AchievementDefinition> definitions = new ArrayList<>();
        private final Map<String, String> errors = new LinkedHashMap<>();

        void read(int row, java.util.function.Function<Map<String, String>, @Nullable AchievementDefinition> reader) {
            Map<String, String> rowErrors = new LinkedHashMap<>();
            try {
                AchievementDefinition d = reader.apply(rowErrors);
                if (d != null && rowErrors.isEmpty()) definitions.add(d);
            } catch (Problem p) {
                p.fieldErrors().forEach(e -> rowErrors.putIfAbsent(e.field(), e.message()));
            }
            rowErrors.forEach((field, message) -> errors.put("rows[" + row + "]" + (field.isEmpty() ? "" : "." + field),
                    "Row " + row + ": " + message));
        }

        List<AchievementDefinition> result() {
            if (!errors.isEmpty()) {
                List<Problem.FieldError> list = errors.entrySet().stream().map(e -> new Problem.FieldError(e.getKey(), e.getValue())).toList();
                long badRows = errors.keySet().stream().map(k -> k.substring(0, k.indexOf(']'))).distinct().count();
                throw new Problem(Problem.Kind.INVALID, "import-invalid", "Nothing was imported: " + badRows
                        + (badRows == 1 ? " row is" : " rows are") + " not valid. Fix the file and import all of it again.", list);
            }
            return definitions;
        }
    }

    private static void checkCount(int count) {
        if (count == 0) throw Problem.invalid("empty-import", "The file holds no micro-credentials.");
        if (count > MAX_ROWS) throw Problem.invalid("import-too-large", "Import at most 1,000 micro-credentials at a time.");
    }

    static List<EarningRequirement> requirements(@Nullable JsonNode array, Map<String, String> errors) {
        List<EarningRequirement> list = new ArrayList<>();
        if (array == null || array.isMissingNode() || array.isNull()) return list;
        if (!array.isArray()) {
            errors.put("requirements", "Requirements must be a list.");
            return list;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode r = array.get(i);
            EarningRequirement requirement = EarningRequirement.of(r.path("kind").asString(""), r.path("description").asString(""));
            if (requirement == null) errors.put("requirements[" + i + "].kind", "The kind must be one of " + String.join(", ", EarningRequirement.KINDS) + ".");
            else list.add(requirement);
        }
        return list;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) if (value.equals(n.asString())) return true;
        return false;
    }

    private static @Nullable String text(JsonNode node, String name, String field, Map<String, String> errors) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) return null;
        if (value.isContainer()) {
            errors.put(field, "This must be text.");
            return null;
        }
        return value.asString();
    }

    private static @Nullable BigDecimal decimal(JsonNode node, String name, String field, Map<String, String> errors) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) return null;
        if (value.isNumber()) {
            BigDecimal number = (value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue()) ? null : value.decimalValue();
            if (number != null && Decimals.isReasonable(number)) return number;
            errors.put(field, "Enter an everyday number, such as 10 or 2.5.");
            return null;
        }
        return parseDecimal(value.isString() ? value.asString() : "?", field, errors);
    }

    private static @Nullable Integer integer(JsonNode node, String name, Map<String, String> errors) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) return null;
        if (value.isIntegralNumber() && value.canConvertToInt()) return value.intValue();
        errors.put(name, "Enter a whole number.");
        return null;
    }

    private static @Nullable Long whole(JsonNode node, String name, Map<String, String> errors) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) return null;
        if (value.isIntegralNumber() && value.canConvertToLong()) return value.longValue();
        errors.put(name, "Enter a whole number of cents.");
        return null;
    }

    static @Nullable BigDecimal parseDecimal(@Nullable String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) return null;
        try {
            return Decimals.parse(text);
        } catch (NumberFormatException e) {
            errors.put(field, "Enter a number, such as 10 or 2.5.");
            return null;
        }
    }

    static @Nullable Integer parseInt(@Nullable String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) return null;
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "Enter a whole number.");
            return null;
        }
    }

    static @Nullable Long parseLong(@Nullable String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) return null;
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "Enter a whole number of cents.");
            return null;
        }
    }

    private static @Nullable JsonNode jsonCell(@Nullable String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) return null;
        try {
            JsonNode node = DefinitionJson.JSON.readTree(text);
            if (node.isArray()) return node;
        } catch (JacksonException e) {
            // reported below
        }
        errors.put(field, "This cell must hold a JSON array, as the export writes it.");
        return null;
    }

    private static @Nullable String cell(CSVRecord record, Set<String> header, String column) {
        if (!header.contains(column) || !record.isSet(column)) return null;
        String value = record.get(column);
        return value == null || value.isBlank() ? null : value;
    }

    private static @Nullable String plain(@Nullable BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    /** Guards against spreadsheet formula injection: text starting with = + - @ gets a leading apostrophe. */
    static @Nullable String safe(@Nullable String value) {
        if (value == null || value.isEmpty()) return value;
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\'' ? "'" + value : value;
    }

    static @Nullable String unsafe(@Nullable String value) {
        if (value == null || value.length() < 2 || value.charAt(0) != '\'') return value;
        char next = value.charAt(1);
        return next == '=' || next == '+' || next == '-' || next == '@' || next == '\'' ? value.substring(1) : value;
    }
}
