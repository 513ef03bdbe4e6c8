package io.guildmark.app.membership;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.CsvCells;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.ListCursor;
import io.guildmark.app.shared.Problem;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The roster: members upserted by member number (the association-management system's key), one at a time or in
 * batches validated whole before anything is written, listed in pages with a cursor, and asked whether an address
 * belongs to a member in good standing.
 */
@Service
public class Roster {

    public static final int MAX_BATCH = 1000;
    public static final int MAX_EMAILS = 5;
    public static final int MAX_PAGE = 1000;
    public static final int MAX_CSV_ROWS = 50_000;
    public static final int MAX_CSV_BYTES = 10 * 1024 * 1024;
    static final List<String> CSV_COLUMNS = List.of("member_number", "name", "emails", "status", "member_type", "expires_on");
    private static final Pattern MEMBER_NUMBER = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** What a caller sends for one member. */
    public record Entry(@Nullable String memberNumber, @Nullable String name, @Nullable List<String> emails,
            @Nullable String status, @Nullable String memberType, @Nullable String expiresOn) {}

    /** What an upsert did. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public record Upserted(RosterMember member, Outcome outcome) {}

    public record BatchResult(int created, int updated, int unchanged) {}

    /** One page of members, ordered by member number, with the total that match and the cursor of the next page. */
    public record Page(List<RosterMember> items, long total, @Nullable String nextCursor) {}

    private record Checked(String memberNumber, String name, List<String> emails, RosterMember.Status status,
            @Nullable String memberType, @Nullable LocalDate expiresOn) {}

    private final JdbcClient db;
    private final Organizations organizations;
    private final Clock clock;
    private final ListCursor cursors;
    private final ApplicationEventPublisher events;
    // The cursor is signed (tamper-evident) and bound to this list and its order by member number.
    private static final String CURSOR_LIST = "roster";
    private static final String CURSOR_SORT = "member-number";

    private final io.guildmark.app.shared.AuditTrail audit;

    Roster(JdbcClient db, Organizations organizations, Clock clock, ListCursor cursors, ApplicationEventPublisher events,
            io.guildmark.app.shared.AuditTrail audit) {
        this.cursors = cursors;
        this.events = events;
        this.audit = audit;
        this.db = db;
        this.organizations = organizations;
        this.clock = clock;
    }

    @Transactional
    public Upserted put(Actor actor, String slug, String memberNumber, Entry entry) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ROSTER);
        Map<String, String> errors = new LinkedHashMap<>();
        Checked checked = check(new Entry(memberNumber, entry.name(), entry.emails(), entry.status(), entry.memberType(), entry.expiresOn()), "", errors);
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        Upserted upserted = upsert(org.id(), checked);
        if (upserted.outcome() != Outcome.UNCHANGED) {
            audit.record(actor, org.id(), "roster.member-" + upserted.outcome().name().toLowerCase(Locale.ROOT), "roster-member",
                    upserted.member().memberNumber(), Map.of("status", upserted.member().status().id()));
        }
        return upserted;
    }

    /** Upserts every entry or none: the batch is checked whole first and every bad entry is named. */
    @Transactional
    public BatchResult putAll(Actor actor, String slug, @Nullable List<Entry> entries) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ROSTER);
        if (entries == null || entries.isEmpty()) throw Problem.invalidField("members", "Send at least one member.");
        if (entries.size() > MAX_BATCH) {
            throw Problem.invalidField("members", "Send at most " + MAX_BATCH + " members per request; split larger rosters into batches.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        List<Checked> checked = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Checked c = check(entries.get(i), "members[" + i + "].", errors);
            if (c != null && !numbers.add(c.memberNumber().toLowerCase(Locale.ROOT))) {
                errors.put("members[" + i + "].memberNumber", "Member number " + c.memberNumber() + " appears twice in this batch.");
            }
            checked.add(c);
        }
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        int created = 0, updated = 0, unchanged = 0;
        for (Checked c : checked) {
            switch (upsert(org.id(), c).outcome()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }
        audit.record(actor, org.id(), "roster.batch-upserted", "roster", null, Map.of("created", created, "updated", updated, "unchanged", unchanged));
        return new BatchResult(created, updated, unchanged);
    }

    public RosterMember get(Actor actor, String slug, String memberNumber) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ROSTER);
        return find(org.id(), memberNumber).orElseThrow(() -> Problem.notFound("Member " + memberNumber));
    }

    @Transactional
    public void remove(Actor actor, String slug, String memberNumber) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ROSTER);
        RosterMember member = find(org.id(), memberNumber).orElseThrow(() -> Problem.notFound("Member " + memberNumber));
        db.sql("delete from roster_members where id = ?").param(member.id()).update();
        events.publishEvent(new RosterMemberChanged(org.id(), member.memberNumber(), "removed", member.status().id(), member.memberType(),
                member.expiresOn()));
        audit.record(actor, org.id(), "roster.member-removed", "roster-member", member.memberNumber(), Map.of("name", member.name()));
    }

    /**
     * Members ordered by member number, after the cursor, matching the search (name, member number or e-mail) and
     * status; the total counts every match.
     */
    public Page list(Actor actor, String slug, @Nullable String search, @Nullable String status, int limit, @Nullable String cursor) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ROSTER);
        if (limit < 1 || limit > MAX_PAGE) throw Problem.invalidField("limit", "Ask for 1 to " + MAX_PAGE + " members per page.");
        StringBuilder where = new StringBuilder(" where m.organization_id = ?");
        List<Object> params = new ArrayList<>(List.of(org.id()));
        if (search != null && !search.isBlank()) {
            if (search.length() > 200) throw Problem.invalidField("q", "Search for at most 200 characters.");
            String like = "%" + search.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.append(" and (lower(m.name) like ? escape '\\' or lower(m.member_number) like ? escape '\\'"
                    + " or exists (select 1 from roster_emails e where e.member_id = m.id and e.email like ? escape '\\'))");
            params.addAll(List.of(like, like, like));
        }
        if (status != null && !status.isBlank()) {
            where.append(" and m.status = ?");
            params.add(parseStatus(status).orElseThrow(() -> Problem.invalidField("status", STATUS_MESSAGE)).id());
        }
        long total = db.sql("select count(*) from roster_members m" + where).params(params).query(Long.class).single();
        StringBuilder page = new StringBuilder(where);
        List<Object> pageParams = new ArrayList<>(params);
        if (cursor != null && !cursor.isBlank()) {
            page.append(" and m.member_number > ?");
            pageParams.add(cursors.decode(CURSOR_LIST, CURSOR_SORT, 1, cursor.strip()).get(0));
        }
        pageParams.add(limit + 1);
        List<RosterMember> members = db.sql("select m.* from roster_members m" + page + " order by m.member_number limit ?")
                .params(pageParams).query(this::member).list();
        String next = null;
        if (members.size() > limit) {
            members = new ArrayList<>(members.subList(0, limit));
            next = cursors.encode(CURSOR_LIST, CURSOR_SORT, List.of(members.get(limit - 1).memberNumber()));
        }
        return new Page(withEmails(members), total, next);
    }

    /**
     * Upserts every row of a CSV export of the association's membership system, or none: the file is checked whole
     * first and every bad line is named. Columns: member_number, name, emails (several separated by ";"), status,
     * member_type, expires_on; a UTF-8 byte-order mark is allowed.
     */
    @Transactional
    public BatchResult importCsv(Actor actor, String slug, byte[] file) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ROSTER);
        if (file.length > MAX_CSV_BYTES) throw Problem.tooLarge("The file is larger than 10 MB; split it into smaller files. Nothing was stored.");
        String text = utf8(file);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        Map<String, String> errors = new LinkedHashMap<>();
        List<Checked> rows = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).setAllowMissingColumnNames(true).setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY).build()
                .parse(new StringReader(text))) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.strip().toLowerCase(Locale.ROOT).replace(' ', '_')).toList();
            for (String required : List.of("member_number", "name")) {
                if (!header.contains(required)) {
                    throw Problem.invalid("csv-header", "The first row must name the columns; " + required + " is missing. Expected: "
                            + String.join(", ", CSV_COLUMNS) + ". Nothing was stored.");
                }
            }
            for (CSVRecord record : parser) {
                if (rows.size() == MAX_CSV_ROWS) {
                    throw Problem.invalid("csv-too-many-rows", "The file has more than " + MAX_CSV_ROWS + " rows; split it. Nothing was stored.");
                }
                String prefix = "Line " + (record.getRecordNumber() + 1) + ": ";
                Map<String, String> cells = new HashMap<>();
                for (int c = 0; c < Math.min(header.size(), record.size()); c++) cells.putIfAbsent(header.get(c), record.get(c));
                String emails = cells.getOrDefault("emails", cells.getOrDefault("email", ""));
                Entry entry = new Entry(cells.get("member_number"), cells.get("name"),
                        emails.isBlank() ? List.of() : List.of(emails.split("\\s*[;,]\\s*")), cells.get("status"), cells.get("member_type"),
                        cells.get("expires_on"));
                Map<String, String> rowErrors = new LinkedHashMap<>();
                Checked checked = check(entry, "", rowErrors);
                if (checked != null && !numbers.add(checked.memberNumber().toLowerCase(Locale.ROOT))) {
                    rowErrors.put("memberNumber", "member number " + checked.memberNumber() + " appears twice in the file.");
                }
                rowErrors.forEach((field, message) -> errors.put(prefix.strip() + " " + field, prefix + field + ": " + message));
                rows.add(checked);
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw Problem.invalid("csv-unreadable", "The file is not a readable CSV file (" + e.getMessage() + "). Nothing was stored.");
        }
        if (rows.isEmpty()) throw Problem.invalid("csv-empty", "The file has a header but no members. Nothing was stored.");
        if (!errors.isEmpty()) {
            throw new Problem(Problem.Kind.INVALID, "csv-invalid", "Nothing was stored: " + errors.size() + (errors.size() == 1 ? " value is" : " values are")
                    + " not valid.", errors.entrySet().stream().map(e -> new Problem.FieldError(e.getKey(), e.getValue())).toList());
        }
        int created = 0, updated = 0, unchanged = 0;
        for (Checked c : rows) {
            switch (upsert(org.id(), c).outcome()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }
        audit.record(actor, org.id(), "roster.imported", "roster", null, Map.of("created", created, "updated", updated, "unchanged", unchanged));
        return new BatchResult(created, updated, unchanged);
    }

    /**
     * Writes every member that matches, a page at a time (never the whole roster in memory), as CSV in the import's
     * columns; a cell that a spreadsheet would run as a formula is prefixed with an apostrophe.
     */
    public void exportCsv(Actor actor, String slug, @Nullable String search, @Nullable String status, Writer out) throws IOException {
        organizations.require(actor, slug, Permission.MANAGE_ROSTER);
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).build());
        String cursor = null;
        do {
            Page page = list(actor, slug, search, status, MAX_PAGE, cursor);
            for (RosterMember m : page.items()) {
                csv.printRecord(CsvCells.text(m.memberNumber()), CsvCells.text(m.name()), CsvCells.text(String.join(";", m.emails())), m.status().id(),
                        CsvCells.text(m.memberType()), m.expiresOn() == null ? "" : m.expiresOn().toString());
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        csv.flush();
    }

    private static String utf8(byte[] bytes) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw Problem.invalid("csv-encoding", "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and upload it again. Nothing was stored.");
        }
    }

    /** Whether one of the addresses belongs to a member of the organization in good standing today. */
    public boolean isActiveMember(UUID organizationId, Collection<String> emails) {
        return activeMembership(organizationId, emails).isPresent();
    }

    /**
     * The membership in good standing today of whoever holds one of these addresses: present when they are an active
     * member, with the member types (lower case) of their roster entries, empty when none has a type.
     */
    public Optional<List<String>> activeMembership(UUID organizationId, Collection<String> emails) {
        if (emails.isEmpty()) return Optional.empty();
        LocalDate today = LocalDate.now(clock);
        List<String> lowered = emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).distinct().toList();
        String marks = String.join(", ", lowered.stream().map(e -> "?").toList());
        List<Object> params = new ArrayList<>(List.of(organizationId));
        params.addAll(lowered);
        params.add(java.sql.Date.valueOf(today));
        List<Optional<String>> types = db.sql("""
                select distinct m.id, m.member_type from roster_emails e join roster_members m on m.id = e.member_id
                where e.organization_id = ? and e.email in (%s) and m.status in ('active', 'grace')
                  and (m.expires_on is null or m.expires_on >= ?)""".formatted(marks))
                .params(params).query((rs, n) -> Optional.ofNullable(rs.getString(2))).list();
        if (types.isEmpty()) return Optional.empty();
        return Optional.of(types.stream().flatMap(Optional::stream).map(t -> t.strip().toLowerCase(Locale.ROOT)).distinct().toList());
    }

    private Upserted upsert(UUID organizationId, Checked c) {
        Optional<RosterMember> existing = find(organizationId, c.memberNumber());
        Timestamp now = Timestamp.from(clock.instant());
        UUID id;
        Outcome outcome;
        if (existing.isEmpty()) {
            id = UUID.randomUUID();
            db.sql("""
                    insert into roster_members (id, organization_id, member_number, name, status, member_type, expires_on, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, organizationId, c.memberNumber(), c.name(), c.status().id(), c.memberType(),
                            c.expiresOn() == null ? null : java.sql.Date.valueOf(c.expiresOn()), now).update();
            outcome = Outcome.CREATED;
        } else {
            RosterMember old = existing.get();
            id = old.id();
            boolean same = old.name().equals(c.name()) && old.status() == c.status() && java.util.Objects.equals(old.memberType(), c.memberType())
                    && java.util.Objects.equals(old.expiresOn(), c.expiresOn()) && new HashSet<>(old.emails()).equals(new HashSet<>(c.emails()));
            if (same) return new Upserted(old, Outcome.UNCHANGED);
            db.sql("update roster_members set name = ?, status = ?, member_type = ?, expires_on = ?, updated_at = ? where id = ?")
                    .params(c.name(), c.status().id(), c.memberType(), c.expiresOn() == null ? null : java.sql.Date.valueOf(c.expiresOn()), now, id)
                    .update();
            db.sql("delete from roster_emails where member_id = ?").param(id).update();
            outcome = Outcome.UPDATED;
        }
        for (String email : c.emails()) {
            db.sql("insert into roster_emails (member_id, organization_id, email) values (?, ?, ?)").params(id, organizationId, email).update();
        }
        events.publishEvent(new RosterMemberChanged(organizationId, c.memberNumber(), outcome == Outcome.CREATED ? "created" : "updated",
                c.status().id(), c.memberType(), c.expiresOn()));
        return new Upserted(find(organizationId, c.memberNumber()).orElseThrow(), outcome);
    }

    private Optional<RosterMember> find(UUID organizationId, String memberNumber) {
        return db.sql("select * from roster_members where organization_id = ? and member_number = ?")
                .params(organizationId, memberNumber).query(this::member).optional()
                .map(m -> withEmails(List.of(m)).get(0));
    }

    private List<RosterMember> withEmails(List<RosterMember> members) {
        if (members.isEmpty()) return members;
        Map<UUID, List<String>> emails = new LinkedHashMap<>();
        String marks = String.join(", ", members.stream().map(m -> "?").toList());
        db.sql("select member_id, email from roster_emails where member_id in (" + marks + ") order by email")
                .params(members.stream().map(m -> (Object) m.id()).toList())
                .query((rs, n) -> emails.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2))).list();
        return members.stream().map(m -> new RosterMember(m.id(), m.organizationId(), m.memberNumber(), m.name(),
                List.copyOf(emails.getOrDefault(m.id(), List.of())), m.status(), m.memberType(), m.expiresOn(), m.updatedAt())).toList();
    }

    private RosterMember member(ResultSet rs, int row) throws SQLException {
        java.sql.Date expires = rs.getDate("expires_on");
        return new RosterMember(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class), rs.getString("member_number"),
                rs.getString("name"), List.of(), RosterMember.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                rs.getString("member_type"), expires == null ? null : expires.toLocalDate(), rs.getTimestamp("updated_at").toInstant());
    }

    private static @Nullable Checked check(Entry e, String prefix, Map<String, String> errors) {
        int before = errors.size();
        String number = e.memberNumber() == null ? "" : e.memberNumber().strip();
        if (!MEMBER_NUMBER.matcher(number).matches()) {
            errors.put(prefix + "memberNumber", "A member number is 1 to 64 letters, digits, dots, dashes or underscores.");
        }
        String name = e.name() == null ? "" : e.name().strip();
        if (name.isEmpty() || name.length() > 200) errors.put(prefix + "name", "Give the member's name (at most 200 characters).");
        List<String> emails = e.emails() == null ? List.of() : e.emails();
        if (emails.size() > MAX_EMAILS) errors.put(prefix + "emails", "Give at most " + MAX_EMAILS + " e-mail addresses per member.");
        Set<String> checkedEmails = new LinkedHashSet<>();
        for (int i = 0; i < Math.min(emails.size(), MAX_EMAILS); i++) {
            try {
                checkedEmails.add(EmailAddress.of(emails.get(i)).value());
            } catch (Problem p) {
                errors.put(prefix + "emails[" + i + "]", "Enter a valid e-mail address, like name@example.org.");
            }
        }
        RosterMember.Status status = RosterMember.Status.ACTIVE;
        if (e.status() != null && !e.status().isBlank()) {
            Optional<RosterMember.Status> parsed = parseStatus(e.status());
            if (parsed.isEmpty()) errors.put(prefix + "status", STATUS_MESSAGE);
            else status = parsed.get();
        }
        String type = e.memberType() == null || e.memberType().isBlank() ? null : e.memberType().strip();
        if (type != null && type.length() > 64) errors.put(prefix + "memberType", "A member type is at most 64 characters.");
        LocalDate expires = null;
        if (e.expiresOn() != null && !e.expiresOn().isBlank()) {
            try {
                if (e.expiresOn().length() > 10) throw new DateTimeParseException("too long", e.expiresOn(), 0);
                expires = LocalDate.parse(e.expiresOn().strip());
            } catch (DateTimeParseException ex) {
                errors.put(prefix + "expiresOn", "Give the expiry date as YYYY-MM-DD.");
            }
        }
        if (errors.size() > before) return null;
        return new Checked(number, name, List.copyOf(checkedEmails), status, type, expires);
    }

    private static final String STATUS_MESSAGE = "Status is one of active, grace, lapsed, suspended or cancelled.";

    private static Optional<RosterMember.Status> parseStatus(String value) {
        try {
            return Optional.of(RosterMember.Status.valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

}
