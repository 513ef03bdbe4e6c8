package io.guildmark.app.earning;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.Problem;
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
    record SubmissionResponse(UUID id, UUID enrollmentId, UUID achievementId, int round, String state, @Nullable Instant submittedAt,
            @Nullable Instant decidedAt, @Nullable String decision, int reviewers) {}

    record Page(List<SubmissionResponse> items) {}

    private final Oversight oversight;

    SubmissionApi(Oversight oversight) {
        this.oversight = oversight;
    }

    @GetMapping("/api/v1/organizations/{slug}/submissions")
    @Operation(summary = "The organization's submitted work products, newest first, with their review state",
            description = "States: submitted (waiting for a reviewer), in_review, tiebreak (reviewers disagree), meets, not_yet. Drafts are not listed.")
    Page list(@PathVariable String slug,
            @Parameter(description = "Only this state: submitted, in_review, tiebreak, meets or not_yet") @RequestParam(required = false) @Nullable String state) {
        return new Page(oversight.list(CurrentActor.get(), slug, state(state)).stream()
                .map(line -> new SubmissionResponse(line.submission().id(), line.submission().enrollmentId(), line.submission().achievementId(),
                        line.submission().round(), line.submission().state().id(), line.submission().submittedAt(), line.submission().decidedAt(),
                        line.submission().decision(), (int) line.reviewers().stream().filter(r -> r.review().open() || r.review().completed()).count()))
                .toList());
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
