package io.guildmark.app.earning;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.issuing.Awards;
import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.ApiPage;
import io.guildmark.app.shared.Listings;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

@ApiController
@Tag(name = "Course completions", description = "A learning system reports the courses learners completed; "
        + "micro-credentials that require the course are awarded when every requirement is met")
class CompletionApi {

    record ReportBody(@Nullable String email, @Nullable String courseCode, @Nullable String completedAt, @Nullable String name) {}

    /**
     * @param status {@code awarded}, {@code in-progress}, {@code payment-due}, {@code prerequisite-not-held},
     *     {@code already-held}, {@code withdrawn} or {@code not-enrolled}
     * @param enrollmentState {@code active}, {@code awarded} or {@code withdrawn}; {@code null} when not enrolled
     */
    record CountsTowardBody(UUID achievementId, String name, String status, @Nullable UUID enrollmentId,
            @Nullable String enrollmentState, @Nullable UUID awardId, @Nullable String credentialUrl, boolean awardedNow,
            String message) {}

    record CompletionBody(UUID id, String email, String courseCode, LocalDate completedAt, String source, Instant reportedAt,
            boolean alreadyReported, @Nullable String note, List<CountsTowardBody> countsToward) {}

    /** @param microCredentials the names of the micro-credentials whose earning design requires the course */
    record ListedCompletion(UUID id, String email, String courseCode, LocalDate completedAt, String source, Instant reportedAt,
            List<String> microCredentials) {}

    private final Completions completions;
    private final Awards awards;
    private final GuildmarkSettings settings;

    private final CompletionList completionList;

    CompletionApi(Completions completions, Awards awards, GuildmarkSettings settings, CompletionList completionList) {
        this.completionList = completionList;
        this.completions = completions;
        this.awards = awards;
        this.settings = settings;
    }

    @PostMapping("/api/v1/organizations/{slug}/completions")
    @Operation(summary = "Report that a learner completed a course",
            description = "completedAt is a date (2026-11-01) or an ISO 8601 timestamp; the course code is compared "
                    + "case-sensitively with the code each micro-credential's earning design requires. Answers 201 with "
                    + "the completion and every micro-credential it counts toward (badges issued by this report have "
                    + "an awardId); 200 with the same body when the completion was reported before: the first date "
                    + "stands and nothing is awarded twice.")
    ResponseEntity<CompletionBody> report(@PathVariable String slug, @RequestBody ReportBody body) {
        Completions.Outcome outcome = completions.report(CurrentActor.get(), slug,
                new Completions.Report(body.email(), body.courseCode(), body.completedAt(), body.name()));
        CompletionBody response = body(outcome);
        if (outcome.alreadyReported()) return ResponseEntity.ok(response);
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create(settings.url("/api/v1/organizations/" + slug
                + "/completions/" + response.id()))).body(response);
    }

    @GetMapping("/api/v1/organizations/{slug}/completions")
    @Operation(summary = "List reported completions, a page at a time",
            description = "Filters: q (e-mail, course code, or the name of a micro-credential that requires the course), credential "
                    + "(micro-credential id: completions of the course it requires), source (api, csv), from/to (reported on these "
                    + "days, YYYY-MM-DD, UTC), sort (newest, oldest, email). Pages with limit (1 to 200, default 50) and cursor; see "
                    + "\"Lists and paging\". offset is no longer accepted: follow next.")
    ResponseEntity<ApiPage<ListedCompletion>> list(@PathVariable String slug,
            @RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String credential,
            @RequestParam(required = false) @Nullable String source, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String sort,
            @Parameter(description = "1 to 200") @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        CompletionList.Filter filter = CompletionList.Filter.parse(q, credential, source, from, to, sort);
        return ApiPage.of(completionList.page(CurrentActor.get(), slug, filter, Listings.limit(limit), cursor),
                l -> new ListedCompletion(l.completion().id(), l.completion().email(), l.completion().courseCode(), l.completion().completedOn(),
                        l.completion().source(), l.completion().reportedAt(), l.credentials()), settings);
    }

    @GetMapping("/api/v1/organizations/{slug}/completions/{id}")
    @Operation(summary = "One completion, with where the learner stands now on each micro-credential it counts toward")
    CompletionBody get(@PathVariable String slug, @PathVariable UUID id) {
        return body(completions.get(CurrentActor.get(), slug, id));
    }

    private CompletionBody body(Completions.Outcome outcome) {
        Completions.Completion c = outcome.completion();
        return new CompletionBody(c.id(), c.email(), c.courseCode(), c.completedOn(), c.source(), c.reportedAt(),
                outcome.alreadyReported(), outcome.note(), outcome.countsToward().stream().map(t -> new CountsTowardBody(
                        t.achievementId(), t.name(), t.standing().id(), t.enrollment() == null ? null : t.enrollment().id(),
                        t.enrollment() == null ? null : t.enrollment().state().id(), t.awardId(),
                        t.awardId() == null ? null : awards.credentialUrl(t.awardId()), t.awardedNow(), t.message())).toList());
    }
}
