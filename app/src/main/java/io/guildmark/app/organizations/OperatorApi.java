package io.guildmark.app.organizations;

import java.time.Instant;
import java.util.List;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The operator's vetting of issuers, with the admin token: decide about an organization, list those waiting. */
@ApiController
@RequestMapping("/api/v1/admin/organizations")
@Tag(name = "Issuer vetting", description = "The platform operator approves, rejects or suspends organizations as issuers (admin token)")
class OperatorApi {

    record DecisionRequest(@Nullable String decision, @Nullable String note) {}

    record ApprovalResponse(String slug, String name, String state, boolean approved, @Nullable String decidedBy,
            @Nullable Instant decidedAt, @Nullable String note, Instant createdAt, String issuerUrl) {}

    record ApprovalPage(List<ApprovalResponse> items, int limit, @Nullable String nextCursor, @Nullable String next) {}

    private final IssuerApprovals approvals;
    private final GuildmarkSettings settings;

    OperatorApi(IssuerApprovals approvals, GuildmarkSettings settings) {
        this.approvals = approvals;
        this.settings = settings;
    }

    @PostMapping("/{slug}/approval")
    @Operation(summary = "Approve, reject or suspend an organization as an issuer: body {\"decision\": \"approve|reject|suspend\", \"note\": \"…\"}")
    ApprovalResponse decide(@PathVariable String slug, @RequestBody(required = false) @Nullable DecisionRequest body) {
        DecisionRequest request = body == null ? new DecisionRequest(null, null) : body;
        return view(approvals.decide(CurrentActor.get(), slug, request.decision(), request.note()));
    }

    @GetMapping
    @Operation(summary = "Organizations by vetting state (pending, approved, rejected, suspended), oldest first, a page at a time",
            description = "limit 1 to 200 (default 50); pass the previous page's nextCursor as cursor; next is the next page's address.")
    ApprovalPage list(@RequestParam(required = false) @Nullable String state, @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        IssuerApprovals.Page page = approvals.list(CurrentActor.get(), state, limit, cursor);
        String next = null;
        if (page.nextCursor() != null) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(settings.url("/api/v1/admin/organizations"))
                    .queryParam("limit", limit).queryParam("cursor", page.nextCursor());
            if (state != null && !state.isBlank()) uri.queryParam("state", state);
            next = uri.encode().build().toUriString();
        }
        return new ApprovalPage(page.items().stream().map(this::view).toList(), limit, page.nextCursor(), next);
    }

    private ApprovalResponse view(IssuerApprovals.Approval a) {
        return new ApprovalResponse(a.slug(), a.name(), a.state().id(), a.approved(), a.decidedBy(), a.decidedAt(), a.note(),
                a.createdAt(), settings.url("/issuers/" + a.slug()));
    }
}
