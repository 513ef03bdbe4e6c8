package io.guildmark.app.pathways;

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
@Tag(name = "Imported badges", description = "Badges from other issuers that learners imported, for the organization to recognize")
class ImportApi {

    /**
     * @param decision {@code pending} (asked, not decided), {@code accepted}, {@code declined} or {@code not-asked}
     * @param microCredentialId the organization's micro-credential it counts as, when accepted
     */
    record ListedImport(UUID id, String email, String achievementName, String issuerName, String issuerId, String achievementId,
            @Nullable Instant issuedAt, @Nullable Instant expiresAt, boolean verified, Instant importedAt, String decision,
            @Nullable UUID microCredentialId, @Nullable String microCredential, @Nullable String reason) {}

    private final ImportList list;
    private final GuildmarkSettings settings;

    ImportApi(ImportList list, GuildmarkSettings settings) {
        this.list = list;
        this.settings = settings;
    }

    @GetMapping("/api/v1/organizations/{slug}/imports")
    @Operation(summary = "List the imported badges the organization may see, a page at a time",
            description = "For staff who design (as the page). Active imports of learners on one of the organization's pathways or who "
                    + "asked it for recognition. Filters: q (e-mail, external achievement or issuer, or the name of the micro-credential it "
                    + "was accepted as), status (pending, accepted, declined, not-asked), credential (our micro-credential id), from/to "
                    + "(imported on these days, YYYY-MM-DD, UTC), sort (newest, oldest, email). Pages with limit and cursor; see "
                    + "\"Lists and paging\".")
    ResponseEntity<ApiPage<ListedImport>> list(@PathVariable String slug,
            @RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String credential, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String sort,
            @Parameter(description = "1 to 200") @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        ImportList.Filter filter = ImportList.Filter.parse(q, status, credential, from, to, sort);
        return ApiPage.of(list.page(CurrentActor.get(), slug, filter, Listings.limit(limit), cursor), l -> new ListedImport(
                l.credential().id(), l.credential().email(), l.credential().achievementName(), l.credential().issuerName(),
                l.credential().issuerId(), l.credential().achievementId(), l.credential().issuedAt(), l.credential().expiresAt(),
                l.credential().verified(), l.importedAt(), l.decision().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                l.acceptedAs(), l.acceptedAsName(), l.reason()), settings);
    }
}
