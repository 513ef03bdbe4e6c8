package io.guildmark.app.issuing;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.ProblemWriter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;

@ApiController
@Tag(name = "Award jobs", description = "Award micro-credentials to many people at once: a CSV file (or JSON rows) checked "
        + "whole, then awarded by a background job that survives restarts, each row exactly once")
class AwardJobApi {

    record RowBody(@Nullable String email, @Nullable String name, @Nullable String microCredential, @Nullable String evidenceNarrative,
            @Nullable String evidenceUrl, @Nullable String issueDate, @Nullable String expiry) {}

    record JobRequest(@Nullable List<RowBody> rows, @Nullable Boolean allowDuplicates) {}

    /**
     * @param state queued, running, completed, cancelled or failed
     * @param rate rows done per second since the job started
     * @param secondsLeft at the current rate; absent until a row is done
     */
    record JobBody(UUID id, String state, @Nullable String fileName, boolean allowDuplicates, int totalRows, int done, int awarded,
            int skipped, int failed, int cancelled, int remaining, int percent, double rate, @Nullable Long secondsLeft,
            String createdBy, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt, Links links, String kind,
            int recorded) {}

    record Links(String self, String results, String cancel, String html) {}


    private final AwardJobs jobs;
    private final GuildmarkSettings settings;
    private final ProblemWriter problems;

    AwardJobApi(AwardJobs jobs, GuildmarkSettings settings, ProblemWriter problems) {
        this.jobs = jobs;
        this.settings = settings;
        this.problems = problems;
    }

    @PostMapping(path = "/api/v1/organizations/{slug}/award-jobs", consumes = {"text/csv", "application/csv", "text/plain"})
    @Operation(summary = "Start an award job from a CSV file sent as the body",
            description = "Columns: email, name, micro_credential (id or exact name), and optionally evidence_narrative, "
                    + "evidence_url, issue_date, expiry (YYYY-MM-DD). The file is checked whole first: if any line is bad, "
                    + "nothing is started and the 400 problem lists every bad line (lineErrors). Answers 202 with the job.")
    ResponseEntity<JobBody> csv(@PathVariable String slug, @RequestBody byte[] body,
            @RequestParam(defaultValue = "false") boolean allowDuplicates, @RequestParam(required = false) @Nullable String fileName) {
        return accepted(slug, jobs.submitCsv(CurrentActor.get(), slug, fileName, body, allowDuplicates));
    }

    @PostMapping(path = "/api/v1/organizations/{slug}/award-jobs", consumes = "multipart/form-data")
    @Operation(summary = "Start an award job from a CSV file uploaded as multipart/form-data (part \"file\")")
    ResponseEntity<JobBody> multipart(@PathVariable String slug, @RequestPart(name = "file", required = false) @Nullable MultipartFile file,
            @RequestParam(defaultValue = "false") boolean allowDuplicates) throws IOException {
        if (file == null || file.isEmpty()) throw Problem.invalidField("file", "Send the CSV file in the part named \"file\".");
        if (file.getSize() > jobs.maxBytes()) {
            throw Problem.tooLarge("The file is larger than " + (jobs.maxBytes() / (1024 * 1024)) + " MB; split it into smaller files. Nothing was started.");
        }
        return accepted(slug, jobs.submitCsv(CurrentActor.get(), slug, file.getOriginalFilename(), file.getBytes(), allowDuplicates));
    }

    @PostMapping(path = "/api/v1/organizations/{slug}/award-jobs", consumes = "application/json")
    @Operation(summary = "Start an award job from JSON rows",
            description = "{\"rows\": [{\"email\", \"name\", \"microCredential\", \"evidenceNarrative\", \"evidenceUrl\", "
                    + "\"issueDate\", \"expiry\"}], \"allowDuplicates\": false}; a bad row is named by its position (from 1).")
    ResponseEntity<JobBody> json(@PathVariable String slug, @RequestBody JobRequest body) {
        List<RowBody> rows = body.rows() == null ? List.of() : body.rows();
        StringBuilder fingerprint = new StringBuilder();
        List<AwardJobFile.RawRow> raw = new java.util.ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            RowBody r = rows.get(i) == null ? new RowBody(null, null, null, null, null, null, null) : rows.get(i);
            Map<AwardJobFile.Column, String> cells = new EnumMap<>(AwardJobFile.Column.class);
            put(cells, AwardJobFile.Column.EMAIL, r.email());
            put(cells, AwardJobFile.Column.NAME, r.name());
            put(cells, AwardJobFile.Column.MICRO_CREDENTIAL, r.microCredential());
            put(cells, AwardJobFile.Column.EVIDENCE_NARRATIVE, r.evidenceNarrative());
            put(cells, AwardJobFile.Column.EVIDENCE_URL, r.evidenceUrl());
            put(cells, AwardJobFile.Column.ISSUE_DATE, r.issueDate());
            put(cells, AwardJobFile.Column.EXPIRY, r.expiry());
            raw.add(new AwardJobFile.RawRow(i + 1, cells, 0));
            fingerprint.append(cells).append('\n');
        }
        return accepted(slug, jobs.submitRows(CurrentActor.get(), slug, raw, Boolean.TRUE.equals(body.allowDuplicates()), fingerprint.toString()));
    }

    @GetMapping("/api/v1/organizations/{slug}/award-jobs")
    @Operation(summary = "The organization's award jobs, newest first, with the total (limit 1 to 200, default 50; cursor from next)")
    ResponseEntity<io.guildmark.app.shared.ApiPage<JobBody>> list(@PathVariable String slug, @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return io.guildmark.app.shared.ApiPage.of(jobs.page(CurrentActor.get(), slug, io.guildmark.app.shared.Listings.limit(limit), cursor),
                j -> body(slug, j), settings);
    }

    @GetMapping("/api/v1/organizations/{slug}/award-jobs/{id}")
    @Operation(summary = "Where a job stands: rows done, awarded, skipped, failed, cancelled, remaining, rate and time left")
    JobBody get(@PathVariable String slug, @PathVariable UUID id) {
        return body(slug, jobs.get(CurrentActor.get(), slug, id));
    }

    @PostMapping("/api/v1/organizations/{slug}/award-jobs/{id}/cancel")
    @Operation(summary = "Cancel a job: rows not yet started are cancelled, rows done stay done; 409 once the job has finished")
    JobBody cancel(@PathVariable String slug, @PathVariable UUID id) {
        return body(slug, jobs.cancel(CurrentActor.get(), slug, id));
    }

    @GetMapping("/api/v1/organizations/{slug}/award-jobs/{id}/results")
    @Operation(summary = "The per-row results as CSV: line, email, micro_credential, outcome, award_id, credential_url, message")
    void results(@PathVariable String slug, @PathVariable UUID id, HttpServletResponse response) throws IOException {
        jobs.get(CurrentActor.get(), slug, id); // 404 before any byte is written
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"award-job-" + id + "-results.csv\"");
        OutputStreamWriter out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        jobs.writeResults(CurrentActor.get(), slug, id, out);
    }

    /** A refused file: the usual problem, plus {@code lineErrors} ({@code line}, {@code column}, {@code message}) and their count. */
    @ExceptionHandler(AwardJobFile.Rejected.class)
    ResponseEntity<ProblemDetail> rejected(AwardJobFile.Rejected rejected, HttpServletRequest request) {
        ProblemDetail detail = problems.toDetail(rejected, request);
        detail.setProperty("lineErrors", rejected.lines().stream()
                .map(e -> Map.of("line", e.line(), "column", e.column(), "message", e.message())).toList());
        detail.setProperty("badRows", rejected.total());
        return ResponseEntity.status(detail.getStatus()).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }

    private static void put(Map<AwardJobFile.Column, String> cells, AwardJobFile.Column column, @Nullable String value) {
        if (value != null) cells.put(column, value);
    }

    private ResponseEntity<JobBody> accepted(String slug, AwardJobs.Job job) {
        JobBody body = body(slug, job);
        return ResponseEntity.accepted().location(URI.create(body.links().self())).body(body);
    }

    private JobBody body(String slug, AwardJobs.Job j) {
        String self = settings.url("/api/v1/organizations/" + slug + "/award-jobs/" + j.id());
        return new JobBody(j.id(), j.state().id(), j.fileName(), j.allowDuplicates(), j.totalRows(), j.done(), j.awarded(), j.skipped(),
                j.failed(), j.cancelled(), j.remaining(), j.percent(), j.rate(), j.secondsLeft(), j.createdBy(), j.createdAt(),
                j.startedAt(), j.finishedAt(), new Links(self, self + "/results", self + "/cancel",
                        settings.url("/organizations/" + slug + "/award-jobs/" + j.id())), j.kind(), j.recorded());
    }
}
