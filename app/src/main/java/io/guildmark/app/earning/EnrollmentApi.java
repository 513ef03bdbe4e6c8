package io.guildmark.app.earning;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.ApiPage;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Listings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

@ApiController
@Tag(name = "Enrollments", description = "The organization's learners: who enrolled in which micro-credential, and where they stand")
class EnrollmentApi {

    record EnrollmentResponse(UUID id, UUID achievementId, String achievementName, String email, String name, String state,
            String payment, @Nullable Long priceMinor, @Nullable String currency, Instant enrolledAt, @Nullable Instant deadlineAt,
            @Nullable UUID awardId, @Nullable Instant awardedAt) {}

    private final Enrollments enrollments;
    private final Achievements achievements;
    private final GuildmarkSettings settings;

    EnrollmentApi(Enrollments enrollments, Achievements achievements, GuildmarkSettings settings) {
        this.enrollments = enrollments;
        this.achievements = achievements;
        this.settings = settings;
    }

    @GetMapping("/api/v1/organizations/{slug}/enrollments")
    @Operation(summary = "The organization's enrollments, a page at a time",
            description = "Filters: q (name or e-mail), credential (micro-credential id), state (active, awarded, withdrawn), "
                    + "payment (none, due, paid), from/to (enrolled on these days, YYYY-MM-DD, UTC), sort (newest, oldest, name). "
                    + "Pages with limit (1 to 200, default 50) and cursor; see \"Lists and paging\".")
    ResponseEntity<ApiPage<EnrollmentResponse>> list(@PathVariable String slug, @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String credential, @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String payment, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable Integer limit, @RequestParam(required = false) @Nullable String cursor) {
        Enrollments.Filter filter = new LearningPages.LearnerQuery(q, credential, state, payment, from, to, sort, null).filter();
        var page = enrollments.list(CurrentActor.get(), slug, filter, Listings.limit(limit), cursor);
        java.util.Map<UUID, String> names = new java.util.HashMap<>();
        return ApiPage.of(page, e -> new EnrollmentResponse(e.id(), e.achievementId(),
                names.computeIfAbsent(e.achievementId(), id -> achievements.latestVersion(id).map(v -> v.definition().name()).orElse("")),
                e.email(), e.name(), e.state().name().toLowerCase(Locale.ROOT), e.payment().name().toLowerCase(Locale.ROOT), e.priceMinor(),
                e.currency(), e.enrolledAt(), e.deadlineAt(), e.awardId(), e.awardedAt()), settings);
    }
}
