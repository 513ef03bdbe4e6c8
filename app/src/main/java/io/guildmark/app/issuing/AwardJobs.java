package io.guildmark.app.issuing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.Problem;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Bulk awarding as a background job (docs/bulk-awards.md). A file is checked whole in the request; only a file whose
 * every row is good is stored, as a job and its rows in one transaction. The job runner ({@link AwardJobTasks}, one
 * db-scheduler task, so one node at a time) then awards the rows of the oldest job first, a batch at a time, each row
 * on a small bounded pool.
 *
 * <p>EXACTLY ONCE PER ROW: a row's award carries the row's key ({@code awards.issue_key}, unique). A row is claimed
 * ({@code started}) before it is awarded; a row found {@code started} after a crash first looks for the award with its
 * key, and only issues when there is none; two runners racing on one row collide on the key and the loser takes the
 * winner's award. So however often a job is interrupted (kill -9 included) each row is awarded at most once, and a row
 * is never left undone. The claim e-mail is written in the award's own transaction, so it is sent once too.
 */
@Service
public class AwardJobs {

    private static final Logger log = LoggerFactory.getLogger(AwardJobs.class);

    public enum State { QUEUED, RUNNING, COMPLETED, CANCELLED, FAILED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State of(String id) {
            return valueOf(id.toUpperCase(java.util.Locale.ROOT));
        }

        public boolean finished() {
            return this == COMPLETED || this == CANCELLED || this == FAILED;
        }
    }

    /** Where a job stands; {@code rate} in rows per second, {@code secondsLeft} {@code null} until there is a rate. */
    public record Job(UUID id, UUID organizationId, String kind, State state, @Nullable String fileName, boolean allowDuplicates,
            int totalRows, String createdBy, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
            int awarded, int skipped, int failed, int cancelled, int remaining, double rate, @Nullable Long secondsLeft, int recorded) {

        public int done() {
            return awarded + skipped + failed + recorded;
        }

        /** Rows no longer waiting (done or cancelled), as a whole percentage. */
        public int percent() {
            return totalRows == 0 ? 100 : (int) Math.floor(100.0 * (totalRows - remaining) / totalRows);
        }
    }

    /** What was submitted, checked. */
    public record Submission(@Nullable String fileName, byte[] content) {}

    private static final io.guildmark.app.shared.ListOrder NEWEST = io.guildmark.app.shared.ListOrder.descending("newest",
            io.guildmark.app.shared.ListOrder.instant("created_at"), io.guildmark.app.shared.ListOrder.uuid("id"));

    /** A row another module checked: {@code label} names what it concerns in the results (a course code), {@code payload} is the handler's. */
    public record PreparedRow(int line, String email, String name, String label, String payload) {}

    private final JdbcClient db;
    private final Organizations organizations;
    private final Achievements achievements;
    private final Awards awards;
    private final IssuerKeys keys;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final long maxBytes;
    private final int maxRows;
    private final int batchSize;
    private final ExecutorService pool;
    private final org.springframework.beans.factory.ObjectProvider<AwardJobRowHandler> handlers;
    private final io.guildmark.app.shared.Listings listings;
    private final io.guildmark.app.shared.AuditTrail audit;

    AwardJobs(JdbcClient db, Organizations organizations, Achievements achievements, Awards awards, IssuerKeys keys,
            TransactionTemplate transactions, Clock clock, org.springframework.beans.factory.ObjectProvider<AwardJobRowHandler> handlers,
            @Value("${guildmark.award-jobs.max-file-size:10MB}") DataSize maxFileSize,
            @Value("${guildmark.award-jobs.max-rows:50000}") int maxRows,
            @Value("${guildmark.award-jobs.threads:3}") int threads,
            @Value("${guildmark.award-jobs.batch-size:100}") int batchSize, io.guildmark.app.shared.Listings listings,
            io.guildmark.app.shared.AuditTrail audit) {
        this.audit = audit;
        this.db = db;
        this.listings = listings;
        this.handlers = handlers;
        this.organizations = organizations;
        this.achievements = achievements;
        this.awards = awards;
        this.keys = keys;
        this.transactions = transactions;
        this.clock = clock;
        this.maxBytes = maxFileSize.toBytes();
        this.maxRows = maxRows;
        this.batchSize = Math.max(1, batchSize);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, 8)), r -> {
            Thread t = new Thread(r, "award-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    public long maxBytes() {
        return maxBytes;
    }

    public int maxRows() {
        return maxRows;
    }

    // ---- Submitting -----------------------------------------------------------------------------------------------

    /** Checks a CSV file whole and, if every row is good, stores it as a queued job; otherwise names every bad line. */
    public Job submitCsv(Actor actor, String slug, @Nullable String fileName, byte[] csv, boolean allowDuplicates) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        if (csv.length > maxBytes) {
            throw Problem.tooLarge("The file is larger than " + (maxBytes / (1024 * 1024)) + " MB; split it into smaller files. Nothing was started.");
        }
        List<AwardJobFile.RawRow> raw = AwardJobFile.parse(csv, maxRows);
        return store(actor, org, slug, fileName, sha256(csv), raw, allowDuplicates, "Line");
    }

    /** The same for rows sent as JSON; a row is named by its position in the list (from 1). */
    public Job submitRows(Actor actor, String slug, List<AwardJobFile.RawRow> rows, boolean allowDuplicates, String fingerprint) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        if (rows.isEmpty()) throw Problem.invalidField("rows", "Give at least one row to award.");
        if (rows.size() > maxRows) {
            throw Problem.invalid("too-many-rows", "More than " + String.format(java.util.Locale.ROOT, "%,d", maxRows)
                    + " rows; split them into several jobs. Nothing was started.");
        }
        return store(actor, org, slug, null, sha256(fingerprint.getBytes(java.nio.charset.StandardCharsets.UTF_8)), rows, allowDuplicates, "Row");
    }

    /**
     * Stores rows another module checked as a queued job of its kind (the completions CSV); its
     * {@link AwardJobRowHandler} handles each row. The caller has checked the actor's permission.
     */
    public Job submitPrepared(Actor actor, String slug, String kind, @Nullable String fileName, byte[] content, List<PreparedRow> rows) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> {
            db.sql("""
                    insert into award_jobs (id, organization_id, kind, state, file_name, file_hash, allow_duplicates, total_rows, created_by, created_at,
                      submitted_by_type, submitted_by_id)
                    values (?, ?, ?, 'queued', ?, ?, false, ?, ?, ?, ?, ?)""")
                    .params(id, org.id(), kind, fileName == null ? null : fileName.substring(0, Math.min(255, fileName.length())),
                            sha256(content), rows.size(), describe(actor), Timestamp.from(now), submitterType(actor), submitterId(actor)).update();
            int number = 0;
            for (PreparedRow r : rows) {
                number++;
                db.sql("insert into award_job_rows (job_id, row_number, line, email, name, achievement_name, payload) values (?, ?, ?, ?, ?, ?, ?)")
                        .params(id, number, r.line(), r.email(), r.name(), r.label(), r.payload()).update();
            }
            audit.record(actor, org.id(), "award-job.submitted", "award_job", id, submitted(kind, fileName, rows.size(), false));
        });
        return find(org.id(), id).orElseThrow();
    }

    private Job store(Actor actor, Organization org, String slug, @Nullable String fileName, String hash, List<AwardJobFile.RawRow> raw,
            boolean allowDuplicates, String unit) {
        String blocked = keys.whyMayNotIssue(org);
        if (blocked != null) throw Problem.conflict("may-not-issue", blocked + " Nothing was started.");
        List<AwardJobFile.Row> rows = AwardJobFile.check(raw, achievements.list(actor, slug), unit);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String name = fileName == null || fileName.isBlank() ? null : fileName.strip().substring(0, Math.min(255, fileName.strip().length()));
        transactions.executeWithoutResult(tx -> {
            db.sql("""
                    insert into award_jobs (id, organization_id, kind, state, file_name, file_hash, allow_duplicates, total_rows, created_by, created_at,
                      submitted_by_type, submitted_by_id)
                    values (?, ?, 'awards', 'queued', ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, org.id(), name, hash, allowDuplicates, rows.size(), describe(actor), Timestamp.from(now), submitterType(actor),
                            submitterId(actor)).update();
            int number = 0;
            for (AwardJobFile.Row r : rows) {
                number++;
                db.sql("""
                        insert into award_job_rows (job_id, row_number, line, email, name, achievement_id, achievement_name,
                          evidence_narrative, evidence_url, valid_from, valid_until)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(id, number, r.line(), r.email(), r.name(), r.achievementId(), r.achievementName(), r.narrative(), r.url(),
                                r.validFrom() == null ? null : Timestamp.from(r.validFrom()),
                                r.validUntil() == null ? null : Timestamp.from(r.validUntil()))
                        .update();
            }
            audit.record(actor, org.id(), "award-job.submitted", "award_job", id, submitted("awards", name, rows.size(), allowDuplicates));
        });
        return find(org.id(), id).orElseThrow();
    }

    // ---- Reading --------------------------------------------------------------------------------------------------

    /** One job of the organization; another organization's job is not found. */
    public Job get(Actor actor, String slug, UUID id) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        return find(org.id(), id).orElseThrow(() -> Problem.notFound("The award job"));
    }

    /** The organization's jobs, newest first, after the cursor of the previous page (the API), with the total. */
    public io.guildmark.app.shared.ListPage<Job> page(Actor actor, String slug, int limit, @Nullable String cursor) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        return listings.page(source(org.id()), NEWEST, limit, cursor, (rs, n) -> rs.getObject("id", UUID.class))
                .map(id -> find(org.id(), id).orElseThrow());
    }

    /** The organization's jobs, newest first, a page by position (the staff page), with the total. */
    public io.guildmark.app.shared.ListPage<Job> pageAt(Actor actor, String slug, int offset, int limit) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        return listings.pageAt(source(org.id()), NEWEST, offset, limit, (rs, n) -> rs.getObject("id", UUID.class))
                .map(id -> find(org.id(), id).orElseThrow());
    }

    private static io.guildmark.app.shared.Listings.Source source(UUID organizationId) {
        return new io.guildmark.app.shared.Listings.Source("award-jobs", "id", "award_jobs",
                io.guildmark.app.shared.ListWhere.of("organization_id = ?", organizationId));
    }

    private Optional<Job> find(UUID organizationId, UUID id) {
        return db.sql("select * from award_jobs where id = ? and organization_id = ?").params(id, organizationId)
                .query((rs, n) -> job(rs)).optional();
    }

    private Job job(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        int[] counts = new int[6]; // awarded, skipped, failed, cancelled, remaining, recorded
        db.sql("select outcome, count(*) from award_job_rows where job_id = ? group by outcome").param(id).query(r -> {
            String outcome = r.getString(1);
            int n = r.getInt(2);
            switch (outcome == null ? "" : outcome) {
                case "awarded" -> counts[0] += n;
                case "skipped-duplicate" -> counts[1] += n;
                case "failed" -> counts[2] += n;
                case "cancelled" -> counts[3] += n;
                case "recorded" -> counts[5] += n;
                default -> counts[4] += n;
            }
        });
        Instant started = ts(rs.getTimestamp("started_at"));
        Instant finished = ts(rs.getTimestamp("finished_at"));
        int done = counts[0] + counts[1] + counts[2] + counts[5];
        double rate = 0;
        Long left = null;
        if (started != null && done > 0) {
            double seconds = Math.max(0.001, Duration.between(started, finished != null ? finished : clock.instant()).toMillis() / 1000.0);
            rate = done / seconds;
            left = counts[4] == 0 ? 0L : (long) Math.ceil(counts[4] / rate);
        }
        return new Job(id, rs.getObject("organization_id", UUID.class), rs.getString("kind"), State.of(rs.getString("state")),
                rs.getString("file_name"), rs.getBoolean("allow_duplicates"), rs.getInt("total_rows"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), started, finished, counts[0], counts[1], counts[2], counts[3], counts[4],
                Math.round(rate * 10) / 10.0, left, counts[5]);
    }

    private static final List<String> RESULT_COLUMNS = List.of("line", "email", "name", "micro_credential", "outcome", "award_id",
            "credential_url", "message");

    private record ResultRow(int number, int line, @Nullable String email, @Nullable String name, @Nullable String achievementName,
            @Nullable String outcome, @Nullable UUID awardId, @Nullable String message) {}

    /**
     * The per-row results as CSV (commons-csv, RFC 4180), in file order, read a thousand rows at a time; every cell
     * goes through the same formula guard as the staff lists' exports ({@link io.guildmark.app.shared.CsvDownload}).
     */
    public void writeResults(Actor actor, String slug, UUID id, Writer out) {
        Job job = get(actor, slug, id);
        try {
            io.guildmark.app.shared.CsvDownload.write(out, RESULT_COLUMNS, rows -> {
                int after = 0;
                while (true) {
                    List<ResultRow> batch = db.sql("""
                            select row_number, line, email, name, achievement_name, outcome, award_id, message from award_job_rows
                            where job_id = ? and row_number > ? order by row_number limit 1000""").params(job.id(), after)
                            .query((rs, n) -> new ResultRow(rs.getInt("row_number"), rs.getInt("line"), rs.getString("email"),
                                    rs.getString("name"), rs.getString("achievement_name"), rs.getString("outcome"),
                                    rs.getObject("award_id", UUID.class), rs.getString("message"))).list();
                    if (batch.isEmpty()) break;
                    for (ResultRow r : batch) {
                        rows.row(r.line(), r.email(), r.name(), r.achievementName(),
                                r.outcome() == null || "started".equals(r.outcome()) ? "pending" : r.outcome(),
                                r.awardId(), r.awardId() == null ? null : awards.credentialUrl(r.awardId()), r.message());
                    }
                    after = batch.get(batch.size() - 1).number();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- Cancelling -----------------------------------------------------------------------------------------------

    /** Cancels a job: rows not yet started are marked cancelled; rows done (or being done) stay done. */
    public Job cancel(Actor actor, String slug, UUID id) {
        Job job = get(actor, slug, id);
        if (job.state().finished()) {
            throw Problem.conflict("job-finished", "This job has already " + (job.state() == State.CANCELLED ? "been cancelled." : "finished."));
        }
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> {
            db.sql("update award_jobs set state = 'cancelled' where id = ? and state in ('queued', 'running')").param(id).update();
            int cancelled = db.sql("update award_job_rows set outcome = 'cancelled', message = ?, done_at = ? where job_id = ? and outcome is null")
                    .params("Cancelled before it was started.", Timestamp.from(now), id).update();
            audit.record(actor, job.organizationId(), "award-job.cancelled", "award_job", id, Map.of("before", job.state().id(),
                    "rowsCancelled", cancelled, "rowsDone", job.done()));
        });
        return get(actor, slug, id);
    }

    // ---- Running --------------------------------------------------------------------------------------------------

    /**
     * Runs jobs, oldest first, until none is left or {@code stopping} says the node is shutting down (the rest is taken
     * up at the next run). A cancelled job whose finish was not recorded is run too: it may hold rows a crash left
     * started.
     */
    void runDue(BooleanSupplier stopping) {
        while (!stopping.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            Optional<UUID> next = db.sql("""
                    select id from award_jobs where state in ('queued', 'running') or (state = 'cancelled' and finished_at is null)
                    order by created_at, id limit 1""").query(UUID.class).optional();
            if (next.isEmpty()) return;
            run(next.get(), stopping);
        }
    }

    private record Pending(UUID jobId, int number, String email, String name, @Nullable UUID achievementId, @Nullable String narrative,
            @Nullable String url, @Nullable Instant validFrom, @Nullable Instant validUntil, @Nullable String payload) {}

    private void run(UUID jobId, BooleanSupplier stopping) {
        var head = db.sql("select organization_id, allow_duplicates, kind, created_by, submitted_by_type, submitted_by_id from award_jobs where id = ?")
                .param(jobId).query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getBoolean(2), rs.getString(3),
                        submitter(rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class), rs.getObject(1, UUID.class))}).single();
        @Nullable Actor submitter = (Actor) head[3];
        String kind = (String) head[2];
        AwardJobRowHandler handler = "awards".equals(kind) ? null
                : handlers.stream().filter(h -> h.kind().equals(kind)).findFirst().orElseThrow(() -> new IllegalStateException("No handler for " + kind));
        Organization org = organizations.findById((UUID) head[0]).orElseThrow();
        boolean allowDuplicates = (Boolean) head[1];
        Instant now = clock.instant();
        db.sql("update award_jobs set state = 'running', started_at = coalesce(started_at, ?) where id = ? and state = 'queued'")
                .params(Timestamp.from(now), jobId).update();
        int after = 0;
        int passes = 0;
        while (!stopping.getAsBoolean()) {
            List<Pending> batch = db.sql("""
                    select * from award_job_rows where job_id = ? and row_number > ? and (outcome is null or outcome = 'started')
                    order by row_number limit ?""").params(jobId, after, batchSize).query((rs, n) -> new Pending(jobId,
                    rs.getInt("row_number"), rs.getString("email"), rs.getString("name"), rs.getObject("achievement_id", UUID.class),
                    rs.getString("evidence_narrative"), rs.getString("evidence_url"), ts(rs.getTimestamp("valid_from")),
                    ts(rs.getTimestamp("valid_until")), rs.getString("payload"))).list();
            if (batch.isEmpty()) {
                // A row an unexpected error left unmarked (a lock wait on mark, say) is still to do: go over the job
                // again, and finish it only when every row has an outcome; a row that will not settle fails, named.
                if (undone(jobId) > 0 && ++passes <= EXTRA_PASSES) {
                    log.warn("Award job {} has rows left undone after a pass; going over them again", jobId);
                    after = 0;
                    pause(500L * passes);
                    continue;
                }
                if (passes > EXTRA_PASSES) failUndone(jobId);
                finish(jobId);
                return;
            }
            List<Future<?>> running = new ArrayList<>();
            for (Pending row : batch) {
                running.add(pool.submit(() -> {
                    if (handler == null) award(org, allowDuplicates, row, submitter);
                    else handle(org, handler, row);
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException e) {
                    log.warn("An award job row failed unexpectedly", e.getCause());
                }
            }
            after = batch.get(batch.size() - 1).number();
        }
    }

    private static final int EXTRA_PASSES = 3;

    private int undone(UUID jobId) {
        return db.sql("select count(*) from award_job_rows where job_id = ? and (outcome is null or outcome = 'started')").param(jobId)
                .query(Integer.class).single();
    }

    /** After the extra passes: a row still without an outcome is failed with a reason, unless its award exists after all. */
    private void failUndone(UUID jobId) {
        List<Integer> rows = db.sql("select row_number from award_job_rows where job_id = ? and (outcome is null or outcome = 'started')")
                .param(jobId).query(Integer.class).list();
        for (int number : rows) {
            Optional<UUID> stored = awards.idByIssueKey(jobId + ":" + number);
            db.sql("update award_job_rows set outcome = ?, award_id = ?, message = ?, done_at = ? where job_id = ? and row_number = ?")
                    .params(stored.isPresent() ? "awarded" : "failed", stored.orElse(null),
                            stored.isPresent() ? null : "This row could not be handled (an internal error); send it again.",
                            Timestamp.from(clock.instant()), jobId, number).update();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void finish(UUID jobId) {
        Instant now = clock.instant();
        boolean allFailed = db.sql("select count(*) from award_job_rows where job_id = ? and outcome <> 'failed'").param(jobId)
                .query(Long.class).single() == 0;
        db.sql("update award_jobs set state = ?, finished_at = ? where id = ? and state = 'running'")
                .params(allFailed ? "failed" : "completed", Timestamp.from(now), jobId).update();
        db.sql("update award_jobs set finished_at = ? where id = ? and finished_at is null").params(Timestamp.from(now), jobId).update();
    }

    /** A row of another module's kind; its handler makes handling it again harmless. */
    private void handle(Organization org, AwardJobRowHandler handler, Pending row) {
        int claimed = db.sql("update award_job_rows set outcome = 'started' where job_id = ? and row_number = ? and (outcome is null or outcome = 'started')")
                .params(row.jobId(), row.number()).update();
        if (claimed == 0) return;
        try {
            AwardJobRowHandler.Outcome outcome = handler.handle(org.id(), Objects.requireNonNull(row.payload()));
            mark(row, outcome.outcome(), outcome.awardId(), outcome.message());
        } catch (Problem p) {
            mark(row, "failed", null, p.getMessage());
        } catch (RuntimeException e) {
            log.warn("Job {} row {} failed", row.jobId(), row.number(), e);
            mark(row, "failed", null, "This row could not be handled (an internal error); send it again.");
        }
    }

    /** One row, exactly once (see the class comment). */
    private void award(Organization org, boolean allowDuplicates, Pending row, @Nullable Actor submitter) {
        int claimed = db.sql("update award_job_rows set outcome = 'started' where job_id = ? and row_number = ? and (outcome is null or outcome = 'started')")
                .params(row.jobId(), row.number()).update();
        if (claimed == 0) return; // cancelled meanwhile
        String key = row.jobId() + ":" + row.number();
        Optional<UUID> existing = awards.idByIssueKey(key);
        if (existing.isPresent()) {
            mark(row, "awarded", existing.get(), null);
            return;
        }
        if (!allowDuplicates) {
            Optional<UUID> held = awards.activeAwardTo(org.id(), row.email(), row.achievementId());
            if (held.isPresent()) {
                mark(row, "skipped-duplicate", null, "Already holds an active award of this micro-credential (" + held.get()
                        + "); tick \"award again\" to award it anyway.");
                return;
            }
        }
        List<Awards.Evidence> evidence = row.narrative() == null && row.url() == null ? List.of()
                : List.of(new Awards.Evidence(row.narrative(), row.url(), null));
        try {
            Award award = issueRetrying(org, new Awards.AwardRequest(row.achievementId(), row.email(), row.name(), evidence,
                    row.validFrom(), row.validUntil()), key, submitter);
            mark(row, "awarded", award.id(), null);
        } catch (DataIntegrityViolationException collided) {
            Optional<UUID> winner = awards.idByIssueKey(key);
            if (winner.isPresent()) {
                mark(row, "awarded", winner.get(), null);
            } else {
                log.warn("Award job {} row {} could not be stored", row.jobId(), row.number(), collided);
                mark(row, "failed", null, "The award could not be stored; send this row again.");
            }
        } catch (Problem p) {
            mark(row, "failed", null, p.getMessage());
        } catch (TransientDataAccessException busy) {
            // Left started: the job goes over it again after a pause (run), and fails it, named, only if it never settles
            log.warn("Award job {} row {} met a busy database; it is tried again", row.jobId(), row.number(), busy);
        } catch (RuntimeException e) {
            log.warn("Award job {} row {} failed", row.jobId(), row.number(), e);
            mark(row, "failed", null, "The award could not be issued (an internal error); send this row again.");
        }
    }

    /**
     * Issues, trying again after a transient database failure (a lock wait that timed out, such as several rows of a new
     * organization's first awards all creating its status list): the failed attempt rolled back, and the row's key
     * shows whether an attempt did commit after all.
     */
    private Award issueRetrying(Organization org, Awards.AwardRequest request, String key, @Nullable Actor submitter) {
        for (int attempt = 1; ; attempt++) {
            try {
                return awards.issueOnce(org, request, key, submitter);
            } catch (TransientDataAccessException e) {
                if (attempt == RETRIES) throw e;
                try {
                    Thread.sleep(250L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                Optional<UUID> stored = awards.idByIssueKey(key);
                if (stored.isPresent()) return awards.find(stored.get()).orElseThrow();
            }
        }
    }

    private static final int RETRIES = 5;

    private void mark(Pending row, String outcome, @Nullable UUID awardId, @Nullable String message) {
        db.sql("update award_job_rows set outcome = ?, award_id = ?, message = ?, done_at = ? where job_id = ? and row_number = ?")
                .params(outcome, awardId, message == null ? null : message.substring(0, Math.min(1000, message.length())),
                        Timestamp.from(clock.instant()), row.jobId(), row.number()).update();
    }

    private static Map<String, Object> submitted(String kind, @Nullable String fileName, int rows, boolean allowDuplicates) {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("kind", kind);
        d.put("fileName", fileName);
        d.put("rows", rows);
        d.put("allowDuplicates", allowDuplicates);
        return d;
    }

    // ---- Helpers --------------------------------------------------------------------------------------------------

    private static @Nullable String submitterType(Actor actor) {
        if (actor instanceof Actor.Person) return "person";
        if (actor instanceof Actor.OrganizationKey) return "api-key";
        return actor instanceof Actor.PlatformAdmin ? "platform-admin" : null;
    }

    private static @Nullable UUID submitterId(Actor actor) {
        if (actor instanceof Actor.Person p) return p.userId();
        if (actor instanceof Actor.OrganizationKey k) return k.keyId();
        return null;
    }

    /**
     * Who submitted the job, as the actor its awards are recorded under in the audit log (a job awards on behalf of
     * the person or key that sent the file, not by itself); null for a job stored before this was kept.
     */
    private static @Nullable Actor submitter(String createdBy, @Nullable String type, @Nullable UUID id, UUID organizationId) {
        if ("person".equals(type) && id != null) return new Actor.Person(id, createdBy, false);
        if ("api-key".equals(type) && id != null) return new Actor.OrganizationKey(id, organizationId);
        if ("platform-admin".equals(type)) return new Actor.PlatformAdmin();
        return null;
    }

    private static String describe(Actor actor) {
        if (actor instanceof Actor.Person p) return p.email();
        if (actor instanceof Actor.OrganizationKey k) return "API key " + k.keyId();
        return "platform operator";
    }

    private static @Nullable Instant ts(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
