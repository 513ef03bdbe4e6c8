package io.guildmark.app.credits;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.ApiPage;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Listings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

@ApiController
@Tag(name = "Credits", description = "External credits members report, and the CLR transcripts the organization signed")
class CreditListApi {

    /** @param status {@code pending}, {@code approved} or {@code rejected} */
    record ListedCredit(UUID id, String email, String title, String provider, LocalDate completedOn, BigDecimal amount, String creditType,
            @Nullable String category, String status, Instant reportedAt, @Nullable Instant reviewedAt, @Nullable String reason) {}

    /** @param state {@code active} or {@code revoked} */
    record ListedTranscript(UUID id, String holderName, String holderEmail, Instant issuedAt, int credentials, int externalCredits,
            String state, @Nullable Instant revokedAt, @Nullable String revocationReason) {}

    private final ExternalCreditList external;
    private final TranscriptList transcripts;
    private final GuildmarkSettings settings;

    CreditListApi(ExternalCreditList external, TranscriptList transcripts, GuildmarkSettings settings) {
        this.external = external;
        this.transcripts = transcripts;
        this.settings = settings;
    }

    @GetMapping("/api/v1/organizations/{slug}/external-credits")
    @Operation(summary = "List external credit reports, a page at a time",
            description = "For staff who may issue. Filters: q (e-mail, course title or provider), status (pending, approved, rejected), "
                    + "type (credit type, e.g. PDU), category, from/to (reported on these days, YYYY-MM-DD, UTC), sort (newest, oldest, "
                    + "email, title). Pages with limit (1 to 200, default 50) and cursor; see \"Lists and paging\".")
    ResponseEntity<ApiPage<ListedCredit>> externalCredits(@PathVariable String slug,
            @RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String type, @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String sort,
            @Parameter(description = "1 to 200") @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        ExternalCreditList.Filter filter = ExternalCreditList.Filter.parse(q, status, type, category, from, to, sort);
        return ApiPage.of(external.page(CurrentActor.get(), slug, filter, Listings.limit(limit), cursor), r -> new ListedCredit(r.id(),
                r.email(), r.title(), r.provider(), r.completedOn(), r.amount(), r.creditType(), r.category(),
                r.status().name().toLowerCase(Locale.ROOT), r.reportedAt(), r.reviewedAt(), r.reason()), settings);
    }

    @GetMapping("/api/v1/organizations/{slug}/clr-transcripts")
    @Operation(summary = "List the CLR transcripts the organization signed, a page at a time",
            description = "For staff who may issue. Filters: q (holder's name or e-mail), state (active, revoked), from/to (signed on "
                    + "these days, YYYY-MM-DD, UTC), sort (newest, oldest, name). Pages with limit and cursor; see \"Lists and paging\".")
    ResponseEntity<ApiPage<ListedTranscript>> transcripts(@PathVariable String slug,
            @RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String sort,
            @Parameter(description = "1 to 200") @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        TranscriptList.Filter filter = TranscriptList.Filter.parse(q, state, from, to, sort);
        return ApiPage.of(transcripts.page(CurrentActor.get(), slug, filter, Listings.limit(limit), cursor), t -> new ListedTranscript(t.id(),
                t.holderName(), t.holderEmail(), t.issuedAt(), t.credentials(), t.externalCredits(), t.revoked() ? "revoked" : "active",
                t.revokedAt(), t.revocationReason()), settings);
    }
}
