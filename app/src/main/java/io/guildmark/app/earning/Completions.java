package io.guildmark.app.earning;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.guildmark.app.catalog.AchievementVersion;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.issuing.AwardJobRowHandler;
import io.guildmark.app.issuing.AwardJobs;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.Problem;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Course completions reported by a learning system, one at a time through the API or many at once in a CSV file.
 *
 * <p>A completion is stored once per person and course code; reporting it again changes nothing (the first date
 * stands). Each report is applied to every published micro-credential of the organization whose newest earning
 * design requires that course code (compared case-sensitively): the learner is enrolled if they are not yet, unless
 * they lack a prerequisite or already hold the badge, and the enrollment is checked for its award once the report
 * has committed. Applying a report again awards nothing twice, so a learning system may safely resend what it sent
 * before; a resend also retries an award whose signing failed and reaches micro-credentials that started requiring
 * the course since.
 *
 * <p>A batch is all or nothing: every row is checked before anything is written, and one bad row stores none.
 */
@Service
public class Completions {

    public static final int MAX_CSV_BYTES = 5 * 1024 * 1024;
    public static final int MAX_CSV_ROWS = 10_000;
    static final int MAX_PAGE = 1000;

    private static final Pattern COURSE_CODE = Pattern.compile("[A-Za-z0-9._:/-]{1,100}");
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    /** A report as sent; {@link #report} checks every field. */
    public record Report(@Nullable String email, @Nullable String courseCode, @Nullable String completedAt, @Nullable String name) {}

    /** A stored completion. {@code source} is {@code api} or {@code csv}, as it was first reported. */
    public record Completion(UUID id, String email, String courseCode, LocalDate completedOn, String source, Instant reportedAt) {}

    /** Where the learner stands on one micro-credential that requires the course. */
    public enum Standing {
        AWARDED("Badge awarded"), IN_PROGRESS("Other requirements to do"), PAYMENT_DUE("Payment due"),
        PREREQUISITE_NOT_HELD("Prerequisite not held"), ALREADY_HELD("Already holds the badge"), WITHDRAWN("Withdrawn"),
        NOT_ENROLLED("Not enrolled");

        private final String label;

        Standing(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The stable id the API answers: {@code awarded}, {@code prerequisite-not-held}, … */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One micro-credential the completion counts toward.
     *
     * @param awardedNow whether this report's award check issued the badge (as opposed to an earlier one)
     */
    public record CountsToward(UUID achievementId, String name, Standing standing, @Nullable Enrollment enrollment,
            boolean awardedNow, String message) {

        public @Nullable UUID awardId() {
            return enrollment == null ? null : enrollment.awardId();
        }
    }

    /**
     * What one report did.
     *
     * @param alreadyReported whether the completion was stored before (this report stored nothing)
     * @param note what the caller should know, such as a different date that was not stored; {@code null} when nothing
     */
    public record Outcome(Completion completion, boolean alreadyReported, @Nullable String note, List<CountsToward> countsToward) {}

    /** What a CSV upload did, row by row in file order. */
    public record Upload(List<Outcome> outcomes) {

        public int added() {
            return (int) outcomes.stream().filter(o -> !o.alreadyReported()).count();
        }

        public int alreadyReported() {
            return outcomes.size() - added();
        }

        /** Badges this upload issued; a learner listed twice in the file counts once. */
        public int badgesAwarded() {
            return awarded().size();
        }

        public List<CountsToward> awarded() {
            Set<UUID> seen = new HashSet<>();
            return outcomes.stream().flatMap(o -> o.countsToward().stream()).filter(CountsToward::awardedNow)
                    .filter(c -> c.enrollment() != null && seen.add(c.enrollment().id())).toList();
        }

        /** Rows whose completion was stored but that need a person's attention (a different date, a missing prerequisite, …). */
        public List<Outcome> notable() {
            return outcomes.stream().filter(o -> o.note() != null || o.countsToward().stream().anyMatch(c ->
                    c.standing() == Standing.PREREQUISITE_NOT_HELD || c.standing() == Standing.PAYMENT_DUE
                            || c.standing() == Standing.WITHDRAWN)).toList();
        }
    }

    /** A page of completions, newest report first; {@code nextOffset} is {@code null} on the last page. */
    public record Page(List<Completion> items, int limit, int offset, @Nullable Integer nextOffset) {}

    /** A report that passed every check. */
    private record Checked(String email, String courseCode, LocalDate completedOn, @Nullable String name) {}

    /** A published micro-credential whose newest earning design requires a course. */
    private record Requiring(UUID achievementId, String name, List<UUID> prerequisites) {}

    /** What a report touched inside the transaction, resolved into {@link Outcome}s once it has committed. */
    private record Applied(Completion completion, boolean alreadyReported, @Nullable String note, List<Touched> touched) {}

    /** {@code check} is this report's award check, {@code null} when it made none: only it may say "awarded now". */
    private record Touched(Requiring requiring, @Nullable UUID enrollmentId, EarnedAwards.@Nullable Pending check, @Nullable Standing standing,
            @Nullable String message) {}

    private final JdbcClient db;
    private final Organizations organizations;
    private final Achievements achievements;
    private final EarningDesigns designs;
    private final Enrollments enrollments;
    private final EarnedAwards earnedAwards;
    private final Awards awards;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AwardJobs jobs;

    Completions(JdbcClient db, Organizations organizations, Achievements achievements, EarningDesigns designs,
            Enrollments enrollments, EarnedAwards earnedAwards, Awards awards, TransactionTemplate transaction, Clock clock, AwardJobs jobs) {
        this.jobs = jobs;
        this.db = db;
        this.organizations = organizations;
        this.achievements = achievements;
        this.designs = designs;
        this.enrollments = enrollments;
        this.earnedAwards = earnedAwards;
        this.awards = awards;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Stores one completion (or finds it reported already) and applies it; issuers and API keys only. */
    public Outcome report(Actor actor, String slug, Report report) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        Map<String, String> errors = new LinkedHashMap<>();
        Checked checked = check(report, errors);
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        return apply(org, List.of(Objects.requireNonNull(checked)), "api").get(0);
    }

    /**
     * Reads a CSV file of completions (header row; columns {@code email}, {@code course_code}, {@code completed_at},
     * optional {@code name}) and applies every row, or, if any row is bad, stores nothing and names every bad line.
     */
    public Upload upload(Actor actor, String slug, byte[] csv) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        if (csv.length > MAX_CSV_BYTES) throw Problem.tooLarge("The file is larger than 5 MB; split it into smaller files.");
        return new Upload(apply(org, readCsv(csv).stream().map(Lined::checked).toList(), "csv"));
    }

    /** The kind of award job a completions upload runs as. */
    static final String JOB_KIND = "completions";

    /**
     * Checks a CSV file of completions whole, as {@link #upload} does (one bad row stores nothing and every bad line is
     * named), and then applies the rows in the background on the award job engine, with its progress, cancel and
     * results. Applying a row again (after a crash) changes nothing, as reporting a completion again never does.
     */
    public AwardJobs.Job uploadAsJob(Actor actor, String slug, @Nullable String fileName, byte[] csv) {
        organizations.require(actor, slug, Permission.ISSUE);
        if (csv.length > MAX_CSV_BYTES) throw Problem.tooLarge("The file is larger than 5 MB; split it into smaller files. Nothing was stored.");
        List<AwardJobs.PreparedRow> rows = readCsv(csv).stream().map(l -> new AwardJobs.PreparedRow(l.line(), l.checked().email(),
                l.checked().name() == null ? l.checked().email() : l.checked().name(), l.checked().courseCode(),
                String.join("\n", l.checked().email(), l.checked().courseCode(), l.checked().completedOn().toString(),
                        l.checked().name() == null ? "" : l.checked().name()))).toList();
        return jobs.submitPrepared(actor, slug, JOB_KIND, fileName, csv, rows);
    }

    /** Applies one row of a completions job: {@code awarded} when it issued a badge now, otherwise {@code recorded}. */
    AwardJobRowHandler.Outcome applyRow(UUID organizationId, String payload) {
        Organization org = organizations.findById(organizationId).orElseThrow(() -> Problem.notFound("The organization"));
        String[] f = payload.split("\n", -1);
        Checked report = new Checked(f[0], f[1], LocalDate.parse(f[2]), f[3].isEmpty() ? null : f[3]);
        Outcome outcome = apply(org, List.of(report), "csv").get(0);
        List<String> said = new ArrayList<>();
        if (outcome.alreadyReported()) said.add("Already reported.");
        if (outcome.note() != null) said.add(outcome.note());
        outcome.countsToward().forEach(c -> said.add(c.name() + ": " + (c.awardedNow() ? "badge awarded" : c.standing().label()) + "."));
        String message = String.join(" ", said);
        Optional<CountsToward> awarded = outcome.countsToward().stream().filter(CountsToward::awardedNow).findFirst();
        return awarded.isPresent() ? new AwardJobRowHandler.Outcome("awarded", awarded.get().awardId(), message)
                : new AwardJobRowHandler.Outcome("recorded", null, message);
    }

    /** The organization's completions, newest report first. */
    public Page list(Actor actor, String slug, int limit, int offset) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        Map<String, String> errors = new LinkedHashMap<>();
        if (limit < 1 || limit > MAX_PAGE) errors.put("limit", "The limit must be between 1 and " + MAX_PAGE + ".");
        if (offset < 0) errors.put("offset", "The offset must be 0 or more.");
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        List<Completion> rows = db.sql("select * from completions where organization_id = ? order by reported_at desc, id limit ? offset ?")
                .params(org.id(), limit + 1, offset).query(Completions::row).list();
        boolean more = rows.size() > limit;
        return new Page(more ? rows.subList(0, limit) : rows, limit, offset, more ? offset + limit : null);
    }

    /** One completion of the organization, with where it stands now. */
    public Outcome get(Actor actor, String slug, UUID id) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        Completion completion = db.sql("select * from completions where id = ? and organization_id = ?").params(id, org.id())
                .query(Completions::row).optional().orElseThrow(() -> Problem.notFound("The completion"));
        List<CountsToward> counts = new ArrayList<>();
        for (Requiring r : requiring(org).getOrDefault(completion.courseCode(), List.of())) {
            Optional<Enrollment> e = enrollments.find(r.achievementId(), completion.email());
            counts.add(e.map(x -> standing(r, x, false)).orElseGet(() -> notEnrolled(r, completion.email())));
        }
        return new Outcome(completion, true, null, counts);
    }

    // ---- Applying reports -----------------------------------------------------------------------------------------

    /**
     * Stores and applies the checked reports in one transaction. Awards are issued as it commits, in this thread (see
     * {@link EarnedAwards#checkAfterCommit}), so the outcomes read afterwards show them.
     */
    private List<Outcome> apply(Organization org, List<Checked> reports, String source) {
        Map<String, List<Requiring>> requiring = requiring(org);
        List<Applied> applied = Objects.requireNonNull(transaction.execute(tx ->
                reports.stream().map(r -> apply(org, r, source, requiring.getOrDefault(r.courseCode(), List.of()))).toList()));
        return applied.stream().map(this::outcome).toList();
    }

    private Applied apply(Organization org, Checked report, String source, List<Requiring> requiring) {
        Instant now = clock.instant();
        // Two reports of the same completion at the same moment: the second insert does nothing and reads the first.
        int inserted = db.sql("""
                insert into completions (id, organization_id, email, course_code, completed_on, source, reported_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(UUID.randomUUID(), org.id(), report.email(), report.courseCode(), java.sql.Date.valueOf(report.completedOn()),
                        source, Timestamp.from(now)).update();
        Completion stored = db.sql("select * from completions where organization_id = ? and email = ? and course_code = ?")
                .params(org.id(), report.email(), report.courseCode()).query(Completions::row).single();
        String note = inserted == 0 && !stored.completedOn().equals(report.completedOn())
                ? "Already reported with the completion date " + stored.completedOn() + "; that date stands, and "
                        + report.completedOn() + " was not stored."
                : null;
        List<Touched> touched = new ArrayList<>();
        for (Requiring r : requiring) touched.add(enroll(org, r, stored, report.name()));
        return new Applied(stored, inserted == 0, note, touched);
    }

    /** Enrolls the learner if they may be, and has the enrollment checked for its award after commit. */
    private Touched enroll(Organization org, Requiring r, Completion completion, @Nullable String name) {
        Optional<Enrollment> existing = enrollments.find(r.achievementId(), completion.email());
        if (existing.isEmpty()) {
            // A badge awarded directly by staff is not awarded a second time through a report.
            if (awards.holds(completion.email(), r.achievementId())) {
                return new Touched(r, null, null, Standing.ALREADY_HELD, "Already holds this badge; nothing more to do.");
            }
            Optional<String> missing = missingPrerequisites(r, completion.email());
            if (missing.isPresent()) return new Touched(r, null, null, Standing.PREREQUISITE_NOT_HELD, missing.get());
        }
        Enrollment e = existing.orElseGet(() -> enrollments.enrollByReport(org.id(), r.achievementId(), completion.email(),
                name == null ? completion.email() : name));
        EarnedAwards.Pending check = e.active() ? earnedAwards.checkAfterCommit(e.id()) : null;
        return new Touched(r, e.id(), check, null, null);
    }

    private Outcome outcome(Applied applied) {
        List<CountsToward> counts = new ArrayList<>();
        for (Touched t : applied.touched()) {
            Enrollment e = t.enrollmentId() == null ? null : enrollments.find(t.enrollmentId()).orElse(null);
            if (e == null) {
                counts.add(new CountsToward(t.requiring().achievementId(), t.requiring().name(),
                        t.standing() == null ? Standing.IN_PROGRESS : t.standing(), null, false, Objects.requireNonNullElse(t.message(), "")));
            } else {
                // Not "no award before, one now": two reports at once would both see that. Only the check that made it says so.
                counts.add(standing(t.requiring(), e, t.check() != null && t.check().awarded()));
            }
        }
        return new Outcome(applied.completion(), applied.alreadyReported(), applied.note(), counts);
    }

    private static CountsToward standing(Requiring r, Enrollment e, boolean awardedNow) {
        if (e.state() == Enrollment.State.AWARDED) {
            return new CountsToward(r.achievementId(), r.name(), Standing.AWARDED, e, awardedNow,
                    awardedNow ? "Every requirement is met: the badge is awarded." : "The badge was awarded earlier.");
        }
        if (e.state() == Enrollment.State.WITHDRAWN) {
            return new CountsToward(r.achievementId(), r.name(), Standing.WITHDRAWN, e, false,
                    "The learner withdrew; the completion counts if they enroll again.");
        }
        if (e.paymentDue()) {
            return new CountsToward(r.achievementId(), r.name(), Standing.PAYMENT_DUE, e, false,
                    "Payment of " + e.price() + " is due: the badge is awarded once staff mark it paid and every requirement is met.");
        }
        return new CountsToward(r.achievementId(), r.name(), Standing.IN_PROGRESS, e, false,
                "The course counts; the learner has other requirements still to meet.");
    }

    private CountsToward notEnrolled(Requiring r, String email) {
        if (awards.holds(email, r.achievementId())) {
            return new CountsToward(r.achievementId(), r.name(), Standing.ALREADY_HELD, null, false, "Already holds this badge.");
        }
        return missingPrerequisites(r, email)
                .map(m -> new CountsToward(r.achievementId(), r.name(), Standing.PREREQUISITE_NOT_HELD, null, false, m))
                .orElseGet(() -> new CountsToward(r.achievementId(), r.name(), Standing.NOT_ENROLLED, null, false,
                        "Not enrolled yet: the completion counts when the learner enrolls, or when it is reported again."));
    }

    /** Names the prerequisites the learner does not hold, in a sentence; empty when they hold them all. */
    private Optional<String> missingPrerequisites(Requiring r, String email) {
        List<String> missing = r.prerequisites().stream().filter(p -> !awards.holds(email, p))
                .map(p -> achievements.latestVersion(p).map(v -> "\"" + v.definition().name() + "\"").orElse("a retired micro-credential"))
                .toList();
        if (missing.isEmpty()) return Optional.empty();
        return Optional.of("Prerequisite not held: " + String.join(" and ", missing) + ". The completion is kept and counts once the learner has earned "
                + (missing.size() == 1 ? "it" : "them") + " and enrolls.");
    }

    /** The organization's published micro-credentials by the course code their newest earning design requires. */
    private Map<String, List<Requiring>> requiring(Organization org) {
        Map<String, List<Requiring>> byCode = new LinkedHashMap<>();
        List<UUID> designed = db.sql("select distinct achievement_id from earning_designs where organization_id = ?")
                .param(org.id()).query(UUID.class).list();
        for (UUID achievementId : designed) {
            Optional<AchievementVersion> published = achievements.latestPublished(achievementId).filter(AchievementVersion::awardable);
            if (published.isEmpty()) continue;
            designs.latest(achievementId).map(EarningDesigns.Versioned::design).filter(d -> d.completion() != null).ifPresent(d -> {
                EarningDesign.CompletionDesign completion = Objects.requireNonNull(d.completion());
                byCode.computeIfAbsent(completion.courseCode(), c -> new ArrayList<>())
                        .add(new Requiring(achievementId, published.get().definition().name(), d.prerequisites()));
            });
        }
        return byCode;
    }

    // ---- Checking input ------------------------------------------------------------------------------------------

    /** The checked report, or {@code null} with the problems put in {@code errors} by field. */
    private @Nullable Checked check(Report report, Map<String, String> errors) {
        String email = null;
        try {
            email = EmailAddress.of(report.email()).value();
        } catch (Problem p) {
            errors.put("email", blank(report.email()) ? "Give the learner's e-mail address." : p.getMessage());
        }
        String code = report.courseCode() == null ? "" : report.courseCode().strip();
        if (code.isEmpty()) {
            errors.put("courseCode", "Give the course code.");
        } else if (!COURSE_CODE.matcher(code).matches()) {
            errors.put("courseCode", "The course code is 1 to 100 letters, digits or . _ : / - (no spaces).");
        }
        LocalDate completedOn = completedOn(report.completedAt(), errors);
        String name = report.name() == null || report.name().isBlank() ? null : report.name().strip();
        if (name != null && (name.length() > 200 || name.chars().anyMatch(Character::isISOControl))) {
            errors.put("name", "The name is at most 200 characters on one line.");
        }
        return errors.isEmpty() ? new Checked(Objects.requireNonNull(email), code, Objects.requireNonNull(completedOn), name) : null;
    }

    /**
     * A date ({@code 2026-11-01}) or a timestamp ({@code 2026-11-01T14:30:00Z}, {@code …+02:00}, or without an offset).
     * A timestamp counts on the date it names, in the offset it names: the day the learner finished.
     */
    private @Nullable LocalDate completedOn(@Nullable String value, Map<String, String> errors) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            errors.put("completedAt", "Give the completion date, like 2026-11-01 or 2026-11-01T14:30:00Z.");
            return null;
        }
        LocalDate date = parseDate(text);
        if (date == null) {
            errors.put("completedAt", "The completion date must be a date like 2026-11-01 or an ISO 8601 timestamp like 2026-11-01T14:30:00Z.");
            return null;
        }
        // A day's grace for learners in time zones ahead of UTC.
        LocalDate latest = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        if (date.isBefore(EARLIEST) || date.isAfter(latest)) {
            errors.put("completedAt", "The completion date must be between 1900-01-01 and today.");
            return null;
        }
        return date;
    }

    private static @Nullable LocalDate parseDate(String text) {
        try {
            if (text.length() <= 10) return LocalDate.parse(text);
            if (text.endsWith("Z") || text.endsWith("z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toLocalDate();
            }
            return LocalDateTime.parse(text).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ---- CSV -----------------------------------------------------------------------------------------------------

    private enum Column {
        EMAIL("email", "email", "e-mail"), COURSE_CODE("course_code", "course_code", "coursecode"),
        COMPLETED_AT("completed_at", "completed_at", "completedat", "completed_on", "completedon"), NAME("name", "name");

        final String canonical;
        final Set<String> spellings;

        Column(String canonical, String... spellings) {
            this.canonical = canonical;
            this.spellings = Set.of(spellings);
        }

        static @Nullable Column of(String header) {
            String h = header.strip().toLowerCase(Locale.ROOT);
            for (Column c : values()) {
                if (c.spellings.contains(h)) return c;
            }
            return null;
        }
    }

    private record Lined(int line, Checked checked) {}

    private List<Lined> readCsv(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<CSVRecord> records = new ArrayList<>();
        Map<Column, String> columns = new LinkedHashMap<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).setAllowMissingColumnNames(true).setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY).build()
                .parse(new StringReader(text))) {
            for (String header : parser.getHeaderNames()) {
                Column c = Column.of(header);
                if (c != null) columns.putIfAbsent(c, header);
            }
            for (CSVRecord r : parser) {
                if (records.size() == MAX_CSV_ROWS) {
                    throw Problem.invalid("too-many-rows", "The file has more than " + String.format(Locale.ROOT, "%,d", MAX_CSV_ROWS)
                            + " rows; split it into smaller files. Nothing was stored.");
                }
                records.add(r);
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw Problem.invalid("malformed-csv", "The file could not be read as CSV: check its quotes and commas. Nothing was stored.");
        }
        List<String> missing = java.util.stream.Stream.of(Column.EMAIL, Column.COURSE_CODE, Column.COMPLETED_AT)
                .filter(c -> !columns.containsKey(c)).map(c -> c.canonical).toList();
        if (!missing.isEmpty()) {
            throw Problem.invalid("malformed-csv", "The first row must be a header naming the columns email, course_code, completed_at"
                    + " (and optionally name); missing: " + String.join(", ", missing) + ". Nothing was stored.");
        }
        if (records.isEmpty()) throw Problem.invalid("empty-file", "The file has a header but no completions.");

        int[] lineStarts = lineStarts(text);
        List<Lined> checked = new ArrayList<>();
        List<Problem.FieldError> bad = new ArrayList<>();
        for (CSVRecord r : records) {
            int line = lineOf(lineStarts, r.getCharacterPosition());
            Map<String, String> errors = new LinkedHashMap<>();
            Checked row = check(new Report(cell(r, columns, Column.EMAIL), cell(r, columns, Column.COURSE_CODE),
                    cell(r, columns, Column.COMPLETED_AT), cell(r, columns, Column.NAME)), errors);
            if (row != null) {
                checked.add(new Lined(line, row));
            } else {
                String reasons = errors.entrySet().stream().map(e -> csvName(e.getKey()) + ": " + e.getValue())
                        .collect(java.util.stream.Collectors.joining(" "));
                bad.add(new Problem.FieldError("line " + line, "Line " + line + ": " + reasons));
            }
        }
        if (!bad.isEmpty()) {
            throw new Problem(Problem.Kind.INVALID, "invalid-rows", "Nothing was stored: " + bad.size() + (bad.size() == 1 ? " row is" : " rows are")
                    + " not valid. Fix " + (bad.size() == 1 ? "it" : "them") + " and upload the whole file again.", bad);
        }
        return checked;
    }

    private static @Nullable String cell(CSVRecord r, Map<Column, String> columns, Column column) {
        String header = columns.get(column);
        return header == null || !r.isSet(header) ? null : r.get(header);
    }

    private static String csvName(String field) {
        return switch (field) {
            case "courseCode" -> "course_code";
            case "completedAt" -> "completed_at";
            default -> field;
        };
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

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    static Completion row(ResultSet rs, int n) throws SQLException {
        return new Completion(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("course_code"),
                rs.getDate("completed_on").toLocalDate(), rs.getString("source"), rs.getTimestamp("reported_at").toInstant());
    }
}
