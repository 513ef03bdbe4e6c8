package io.guildmark.app.renewals;

import java.time.Instant;
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
@Tag(name = "Renewals", description = "Holders ask for a credential that expires to be renewed; staff review the requests")
class RenewalApi {

    /** @param status {@code pending}, {@code approved} or {@code rejected} */
    record ListedRequest(UUID id, String email, String holderName, UUID awardId, UUID microCredentialId, String microCredential,
            @Nullable Instant validUntil, String status, @Nullable String note, Instant requestedAt, @Nullable Instant decidedAt,
            @Nullable String reason) {}

    private final RenewalList list;
    private final GuildmarkSettings settings;

    RenewalApi(RenewalList list, GuildmarkSettings settings) {
        this.list = list;
        this.settings = settings;
    }

    @GetMapping("/api/v1/organizations/{slug}/renewals")
    @Operation(summary = "List renewal requests, a page at a time",
            description = "For staff who may issue. Filters: q (holder's name, e-mail or micro-credential name), credential "
                    + "(micro-credential id), status (pending, approved, rejected), from/to (requested on these days, YYYY-MM-DD, UTC), "
                    + "sort (newest, oldest, name). Pages with limit (1 to 200, default 50) and cursor; see \"Lists and paging\".")
    ResponseEntity<ApiPage<ListedRequest>> list(@PathVariable String slug,
            @RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String credential,
            @RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String sort,
            @Parameter(description = "1 to 200") @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        RenewalList.Filter filter = RenewalList.Filter.parse(q, credential, status, from, to, sort);
        return ApiPage.of(list.page(CurrentActor.get(), slug, filter, Listings.limit(limit), cursor), l -> new ListedRequest(
                l.request().id(), l.request().email(), l.award().recipientName(), l.award().id(), l.award().achievementId(),
                l.award().achievementName(), l.award().validUntil(), l.status().name().toLowerCase(Locale.ROOT), l.request().note(),
                l.request().requestedAt(), l.request().decidedAt(), l.request().reason()), settings);
    }
}
