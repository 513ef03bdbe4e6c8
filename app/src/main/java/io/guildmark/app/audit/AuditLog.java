package io.guildmark.app.audit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.AuditTrail;
import io.guildmark.app.shared.CsvCells;
import io.guildmark.app.shared.Problem;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The audit log: records privileged actions (one insert, in the action's transaction, so a rolled-back action leaves
 * no entry), and lets an organization's owners and admins search, export and verify it. Modules the audit module
 * depends on record through {@link AuditTrail} (the {@link AuditRecorder}); others (bulk jobs, webhooks) may call {@link #record}.
 */
@Service
public class AuditLog {

    static final int MAX_PAGE = 500;
    private static final int MAX_TEXT = 1000;

    /** Search filters; every one optional. {@code to} is inclusive (the whole day). */
    public record Filter(@Nullable String action, @Nullable String actor, @Nullable String objectId, @Nullable String from,
            @Nullable String to, @Nullable String q) {
        public static Filter none() {
            return new Filter(null, null, null, null, null, null);
        }
    }

    /** One page, newest first, with the total that match and the cursor of the next (older) page. */
    public record Page(List<AuditEntry> items, long total, @Nullable String nextCursor) {}

    private final JdbcClient db;
    private final Organizations organizations;
    private final AuditRecorder recorder;
    private final AuditChain chain;

    AuditLog(JdbcClient db, Organizations organizations, AuditRecorder recorder, AuditChain chain) {
        this.db = db;
        this.organizations = organizations;
        this.recorder = recorder;
        this.chain = chain;
    }

    /**
     * Records a privileged action, in the caller's transaction (see {@link AuditTrail#record}); for modules that may
     * depend on the audit module. The others inject {@link AuditTrail}.
     */
    public void record(@Nullable Actor actor, @Nullable UUID organizationId, String action, String objectType, @Nullable Object objectId,
            Map<String, ?> changes) {
        recorder.record(actor, organizationId, action, objectType, objectId, changes);
    }

    // ---- Reading ----------------------------------------------------------------------------------------------------

    /** The organization, if the actor may read its audit log (owners, admins, its API keys, the platform admin). */
    public Organization require(Actor actor, String slug) {
        return organizations.require(actor, slug, Permission.SEE_AUDIT);
    }

    /** Newest first, after the cursor, matching the filter; the total counts every match. */
    public Page search(Actor actor, String slug, Filter filter, int limit, @Nullable String cursor) {
        Organization org = require(actor, slug);
        if (limit < 1 || limit > MAX_PAGE) throw Problem.invalidField("limit", "Ask for 1 to " + MAX_PAGE + " entries per page.");
        Long before = cursor == null || cursor.isBlank() ? null : decodeCursor(cursor);
        chain.seal(); // so what is listed shows its position in the chain
        List<Object> params = new ArrayList<>();
        String where = where(org, filter, params);
        long total = db.sql("select count(*) from audit_entries" + where).params(params).query(Long.class).single();
        return page(where, params, total, limit, before);
    }

    private Page page(String where, List<Object> params, long total, int limit, @Nullable Long before) {
        List<Object> pageParams = new ArrayList<>(params);
        String page = where;
        if (before != null) {
            page += " and seq < ?";
            pageParams.add(before);
        }
        pageParams.add(limit + 1);
        List<AuditEntry> items = db.sql("select * from audit_entries" + page + " order by seq desc limit ?").params(pageParams)
                .query(AuditChain::entry).list();
        String next = null;
        if (items.size() > limit) {
            items = new ArrayList<>(items.subList(0, limit));
            next = encodeCursor(items.get(limit - 1).seq());
        }
        return new Page(items, total, next);
    }

    /** Every matching entry as CSV, newest first, a page at a time (never the whole log in memory). */
    public void exportCsv(Actor actor, String slug, Filter filter, Writer out) throws IOException {
        Organization org = require(actor, slug);
        chain.seal();
        List<Object> params = new ArrayList<>();
        String where = where(org, filter, params);
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("position", "seq", "occurred_at", "actor_type",
                "actor_id", "actor", "action", "object_type", "object_id", "changes", "hash").build());
        Long before = null;
        while (true) {
            Page page = page(where, params, -1, MAX_PAGE, before);
            for (AuditEntry e : page.items()) {
                csv.printRecord(e.position() == null ? "" : e.position().toString(), Long.toString(e.seq()), e.occurredAt().toString(),
                        e.actorType(), CsvCells.text(e.actorId()), CsvCells.text(e.actorLabel()), CsvCells.text(e.action()),
                        CsvCells.text(e.objectType()), CsvCells.text(e.objectId()), CsvCells.text(e.changes()), CsvCells.text(e.hash()));
            }
            csv.flush();
            if (page.nextCursor() == null) return;
            before = page.items().get(page.items().size() - 1).seq();
        }
    }

    /** Refuses a bad filter before a download starts (the answer's status cannot change once streaming). */
    public void checkFilter(Actor actor, String slug, Filter filter) {
        where(require(actor, slug), filter, new ArrayList<>());
    }

    /** Whether the organization's chain holds: every entry as sealed, none missing. */
    AuditChain.Verdict verify(Actor actor, String slug) {
        Organization org = require(actor, slug);
        return chain.verify(org.id().toString());
    }

    /** The platform's own chain (actions outside any organization), for the platform administrator. */
    AuditChain.Verdict verifyPlatform(Actor actor) {
        if (!actor.isPlatformAdmin()) throw Problem.notFound("The page");
        return chain.verify(AuditChain.PLATFORM);
    }

    /** Seals what is waiting; the recurring task and tests call it. */
    public int seal() {
        return chain.seal();
    }

    private String where(Organization org, Filter f, List<Object> params) {
        StringBuilder where = new StringBuilder(" where organization_id = ?");
        params.add(org.id());
        if (present(f.action())) {
            String action = f.action().strip().toLowerCase(Locale.ROOT);
            if (action.length() > 64) throw Problem.invalidField("action", "An action is at most 64 characters, like award.issued.");
            // "award" or "award." finds every award action.
            if (!action.contains(".") || action.endsWith(".")) {
                where.append(" and action like ? escape '\\'");
                params.add(escapeLike(action.endsWith(".") ? action : action + ".") + "%");
            } else {
                where.append(" and action = ?");
                params.add(action);
            }
        }
        if (present(f.actor())) {
            String actor = f.actor().strip();
            if (actor.length() > 254) throw Problem.invalidField("actor", "An actor is an e-mail address, a key name or an id (at most 254 characters).");
            where.append(" and (actor_label = ? or actor_id = ? or actor_type = ?)");
            params.addAll(List.of(actor.contains("@") ? actor.toLowerCase(Locale.ROOT) : actor, actor.toLowerCase(Locale.ROOT), actor.toLowerCase(Locale.ROOT)));
        }
        if (present(f.objectId())) {
            String objectId = f.objectId().strip();
            if (objectId.length() > 100) throw Problem.invalidField("objectId", "An object id is at most 100 characters.");
            where.append(" and object_id = ?");
            params.add(objectId);
        }
        Instant from = present(f.from()) ? instant("from", f.from(), false) : null;
        Instant to = present(f.to()) ? instant("to", f.to(), true) : null;
        if (from != null && to != null && !to.isAfter(from)) throw Problem.invalidField("to", "The end of the date range must come after its start.");
        if (from != null) {
            where.append(" and occurred_at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            where.append(" and occurred_at < ?");
            params.add(Timestamp.from(to));
        }
        if (present(f.q())) {
            String q = f.q().strip();
            if (q.length() > 200) throw Problem.invalidField("q", "Search for at most 200 characters.");
            String like = "%" + escapeLike(q.toLowerCase(Locale.ROOT)) + "%";
            where.append(" and (lower(action) like ? escape '\\' or lower(actor_label) like ? escape '\\' or lower(object_id) like ? escape '\\'"
                    + " or lower(changes) like ? escape '\\')");
            params.addAll(List.of(like, like, like, like));
        }
        return where.toString();
    }

    /** A date (YYYY-MM-DD, UTC; as the end of a range it means the whole day) or an instant (2026-12-04T18:00:00Z). */
    private static Instant instant(String field, String value, boolean end) {
        String v = value.strip();
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                if (day.getYear() < 1900 || day.getYear() > 9999) throw new DateTimeParseException("out of range", v, 0);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            Instant instant = Instant.parse(v);
            if (instant.isBefore(Instant.parse("1900-01-01T00:00:00Z")) || instant.isAfter(Instant.parse("9999-12-31T00:00:00Z"))) {
                throw new DateTimeParseException("out of range", v, 0);
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw Problem.invalidField(field, "Give a date as YYYY-MM-DD or an instant as 2026-12-04T18:00:00Z.");
        }
    }

    /**
     * A cursor is the last entry's seq and a check over it, so an edited cursor is refused rather than read as another
     * position. It grants nothing: the organization and filter are checked on every page anyway.
     */
    static String encodeCursor(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("a1:" + seq + ":" + check(seq)).getBytes(StandardCharsets.UTF_8));
    }

    static long decodeCursor(String cursor) {
        try {
            if (cursor.length() <= 60) {
                String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                java.util.regex.Matcher m = CURSOR.matcher(decoded);
                if (m.matches()) {
                    long seq = Long.parseLong(m.group(1));
                    if (check(seq).equals(m.group(2))) return seq;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw Problem.invalid("cursor-invalid", "This cursor is not one this list gave out. Start again from the first page.");
    }

    private static final java.util.regex.Pattern CURSOR = java.util.regex.Pattern.compile("a1:([1-9][0-9]{0,17}):([0-9a-f]{8})");

    private static String check(long seq) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(("guildmark-audit-cursor:" + seq).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean present(@Nullable String s) {
        return s != null && !s.isBlank();
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static @Nullable String clip(@Nullable String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** A small JSON object, keys in the caller's order; long texts are cut, so an entry stays small. */
    static String json(Map<String, ?> changes) {
        StringBuilder out = new StringBuilder();
        write(out, changes);
        return out.toString();
    }

    private static void write(StringBuilder out, @Nullable Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Number n) {
            string(out, n.toString());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            // Map.of has no order: its keys are sorted, so the same change always reads the same.
            Map<?, ?> ordered = map instanceof java.util.LinkedHashMap<?, ?> || map instanceof java.util.SortedMap<?, ?> ? map
                    : new java.util.TreeMap<>(map.entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> String.valueOf(e.getKey()),
                            Map.Entry::getValue, (x, y) -> x)));
            for (Map.Entry<?, ?> e : ordered.entrySet()) {
                if (!first) out.append(',');
                first = false;
                string(out, String.valueOf(e.getKey()));
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) out.append(',');
                first = false;
                write(out, item);
            }
            out.append(']');
        } else if (value instanceof Enum<?> e) {
            string(out, e.name().toLowerCase(Locale.ROOT));
        } else {
            string(out, value.toString());
        }
    }

    private static void string(StringBuilder out, String raw) {
        String s = clip(raw, MAX_TEXT);
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
