package io.guildmark.app.issuing;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.ApiPage;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Listings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

@ApiController
@Tag(name = "Awards", description = "Award micro-credentials as signed Open Badges 3.0 credentials, and revoke them")
class AwardApi {

    record Recipient(@Nullable String email, @Nullable String name) {}

    record EvidenceBody(@Nullable String narrative, @Nullable String url, @Nullable String name) {}

    record CreateAward(@Nullable UUID achievementId, @Nullable Recipient recipient, @Nullable List<EvidenceBody> evidence,
            @Nullable Instant validFrom, @Nullable Instant validUntil) {}

    record Revoke(@Nullable String reason) {}

    record AwardResponse(UUID id, String credentialUrl, UUID achievementId, int achievementVersion, String recipientEmail,
            String recipientName, Instant issuedAt, Instant validFrom, @Nullable Instant validUntil, String status,
            @Nullable Instant revokedAt, @Nullable String revocationReason, @Nullable Instant claimedAt, Links links,
            List<DependentResponse> dependents, ClaimResponse claim) {}

    /**
     * Where the recipient's claim stands: {@code state} is pending, accepted or declined; {@code by} the account that
     * decided (only one that verified the address the award was sent to can), {@code at} when; {@code linkExpiresAt}
     * when the e-mailed link stops working (renew it with POST .../claim-link).
     */
    record ClaimResponse(String state, @Nullable ClaimedBy by, @Nullable Instant at, @Nullable Instant linkExpiresAt) {}

    record ClaimedBy(UUID userId, String name) {}

    /**
     * A stacked credential (a pathway's capstone) that cites this one as evidence and is still active; listed in the
     * answer to a revocation, so the caller can revoke it too ({@code revokeUrl}).
     */
    record DependentResponse(UUID id, String credentialUrl, String organization, String achievementName, String recipientName,
            String revokeUrl) {}

    record Links(String html, String jsonLd, String jwt, String png, String svg, String ob2Assertion) {}

    private final Awards awards;
    private final Claims claims;
    private final io.guildmark.app.accounts.Accounts accounts;

    private final AwardList awardList;
    private final GuildmarkSettings settings;

    AwardApi(Awards awards, Claims claims, io.guildmark.app.accounts.Accounts accounts, AwardList awardList, GuildmarkSettings settings) {
        this.awardList = awardList;
        this.settings = settings;
        this.awards = awards;
        this.claims = claims;
        this.accounts = accounts;
    }

    @PostMapping("/api/v1/organizations/{slug}/awards/{id}/claim-link")
    @Operation(summary = "E-mail the recipient a new claim link (the old one stops working); 409 once the award is revoked, accepted or declined")
    AwardResponse renewClaimLink(@PathVariable String slug, @PathVariable UUID id) {
        return response(claims.renewLink(CurrentActor.get(), slug, id));
    }

    @PostMapping("/api/v1/organizations/{slug}/awards")
    @Operation(summary = "Award a published micro-credential to a person; the signed credential is at credentialUrl")
    ResponseEntity<AwardResponse> award(@PathVariable String slug, @RequestBody CreateAward body) {
        Recipient recipient = body.recipient() == null ? new Recipient(null, null) : body.recipient();
        List<Awards.Evidence> evidence = body.evidence() == null ? List.of()
                : body.evidence().stream().map(e -> e == null ? null : new Awards.Evidence(e.narrative(), e.url(), e.name())).toList();
        Award award = awards.award(CurrentActor.get(), slug, new Awards.AwardRequest(body.achievementId(), recipient.email(),
                recipient.name(), evidence, body.validFrom(), body.validUntil()));
        return ResponseEntity.created(URI.create(awards.credentialUrl(award.id()))).body(response(award));
    }

    @GetMapping("/api/v1/organizations/{slug}/awards")
    @Operation(summary = "The organization's awards, a page at a time",
            description = "Filters: q (recipient name or e-mail, micro-credential name), credential (micro-credential id), "
                    + "state (active, expired, revoked), claim (pending, accepted, declined), from/to (issued on these days, "
                    + "YYYY-MM-DD, UTC), sort (newest, oldest, name). Pages with limit (1 to 200, default 50) and cursor; "
                    + "see \"Lists and paging\". offset is no longer accepted: follow next.")
    ResponseEntity<ApiPage<AwardResponse>> list(@PathVariable String slug, @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String credential, @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String claim, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable Integer limit, @RequestParam(required = false) @Nullable String cursor) {
        AwardList.Filter filter = AwardList.Filter.parse(q, credential, state, claim, from, to, sort);
        return ApiPage.of(awardList.page(CurrentActor.get(), slug, filter, Listings.limit(limit), cursor), this::response, settings);
    }

    @GetMapping("/api/v1/awards/{id}")
    AwardResponse get(@PathVariable UUID id) {
        return response(awards.require(CurrentActor.get(), id));
    }

    @PostMapping("/api/v1/awards/{id}/revoke")
    @Operation(summary = "Revoke an award: its credential fails verification from now on, everywhere")
    AwardResponse revoke(@PathVariable UUID id, @RequestBody(required = false) Revoke body) {
        Award revoked = awards.revoke(CurrentActor.get(), id, body == null ? null : body.reason());
        List<DependentResponse> dependents = awards.dependentsOf(revoked.id()).stream()
                .map(d -> new DependentResponse(d.id(), awards.credentialUrl(d.id()), awards.organizationSlug(d.organizationId()),
                        d.achievementName(), d.recipientName(), "/api/v1/awards/" + d.id() + "/revoke"))
                .toList();
        return response(revoked, dependents);
    }

    private AwardResponse response(Award award) {
        return response(award, List.of());
    }

    private AwardResponse response(Award award, List<DependentResponse> dependents) {
        String url = awards.credentialUrl(award.id());
        return new AwardResponse(award.id(), url, award.achievementId(), award.achievementVersion(), award.recipientEmail(),
                award.recipientName(), award.issuedAt(), award.validFrom(), award.validUntil(), award.state(), award.revokedAt(),
                award.revocationReason(), award.claimedAt(),
                new Links(url, url, url, url + ".png", url + ".svg", url + "/ob2"), dependents, claim(award, accounts));
    }

    static ClaimResponse claim(Award award, io.guildmark.app.accounts.Accounts accounts) {
        ClaimedBy by = award.recipientUserId() == null ? null
                : accounts.find(award.recipientUserId()).map(u -> new ClaimedBy(u.id(), u.name())).orElse(null);
        return new ClaimResponse(award.claimState(), by, award.claimedAt(), award.claimLinkExpiresAt());
    }
}
