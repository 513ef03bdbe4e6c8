package io.guildmark.app.earning;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.ApiPage;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Listings;
import org.springframework.http.ResponseEntity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

@ApiController
@Tag(name = "Work products", description = "Learners' work products submitted for peer review, and where their review stands")
class SubmissionApi {

    /**
     * @param reviewers how many reviewers hold the round now (assigned or done)
     */
    record SubmissionResponse(UUID id, UUID enrollmentId, UUID achievementId, String achievementName, String learnerName,
            String learnerEmail, int round, String state, @Nullable Instant submittedAt,
            @Nullable Instant decidedAt, @Nullable String decision, int reviewers) {}

    private final Oversight oversight;

    private final GuildmarkSettings settings;

    SubmissionApi(Oversight oversight, GuildmarkSettings settings) {
        this.oversight = oversight;
        this.settings = settings;
    }

    @GetMapping("/api/v1/organizations/{slug}/submissions")
    @Operation(summary = "The organization's submitted work products, a page at a time, with their review state",
            description = "States: submitted (waiting for a reviewer), in_review, tiebreak (reviewers disagree), meets, not_yet. Drafts are not listed. "
                    + "Filters: q (learner name or e-mail, micro-credential name), credential (micro-credential id), state, from/to "
                    + "(submitted on these days, YYYY-MM-DD, UTC), sort (newest, oldest, name). Pages with limit (1 to 200, default 50) "
                    + "and cursor; see \"Lists and paging\".")
    ResponseEntity<ApiPage<SubmissionResponse>> list(@PathVariable String slug,
            @RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String credential,
            @Parameter(description = "Only this state: submitted, in_review, tiebreak, meets or not_yet") @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String sort, @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        Oversight.Filter filter = Oversight.Filter.parse(q, credential, state, from, to, sort);
        return ApiPage.of(oversight.page(CurrentActor.get(), slug, filter, Listings.limit(limit), cursor),
                line -> new SubmissionResponse(line.submission().id(), line.submission().enrollmentId(), line.submission().achievementId(),
                        line.achievementName(), line.learnerName(), line.learnerEmail(),
                        line.submission().round(), line.submission().state().id(), line.submission().submittedAt(), line.submission().decidedAt(),
                        line.submission().decision(), (int) line.reviewers().stream().filter(r -> r.review().open() || r.review().completed()).count()),
                settings);
    }

    /** A state filter as written in a query, or {@code null} for none. */
    static Submission.@Nullable State state(@Nullable String value) {
        if (value == null || value.isBlank()) return null;
        try {
            Submission.State state = Submission.State.of(value.trim().toLowerCase(Locale.ROOT).replace('-', '_'));
            if (state != Submission.State.DRAFT) return state;
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw Problem.invalidField("state", "The state is one of submitted, in_review, tiebreak, meets or not_yet.");
    }
}
