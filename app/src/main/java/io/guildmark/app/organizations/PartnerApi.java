package io.guildmark.app.organizations;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.ApiPage;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.ListParams;
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
@Tag(name = "Employer partners", description = "Employers in an association's program: invitations, answers, ends")
class PartnerApi {

    record Invite(@Nullable String employer, @Nullable String message) {}

    record PartnershipView(UUID id, String association, String associationName, String employer, String employerName,
            String state, @Nullable String message, Instant invitedAt, @Nullable Instant answeredAt) {}

    private final Partnerships partnerships;
    private final GuildmarkSettings settings;

    PartnerApi(Partnerships partnerships, GuildmarkSettings settings) {
        this.partnerships = partnerships;
        this.settings = settings;
    }

    @GetMapping("/api/v1/organizations/{slug}/partners")
    @Operation(summary = "The organization's partnerships (as association or as employer), newest first")
    ResponseEntity<ApiPage<PartnershipView>> list(@PathVariable String slug, @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable Integer limit, @RequestParam(required = false) @Nullable String cursor) {
        var page = partnerships.list(CurrentActor.get(), slug, ListParams.choice(Partnerships.State.class, state, "state"),
                limit, cursor);
        return ApiPage.of(page, PartnerApi::view, settings);
    }

    @PostMapping("/api/v1/organizations/{slug}/partners")
    @Operation(summary = "Invite an employer organization (by its slug) into the association's program")
    ResponseEntity<PartnershipView> invite(@PathVariable String slug, @RequestBody Invite body) {
        var partnership = partnerships.invite(CurrentActor.get(), slug, body.employer(), body.message());
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + slug + "/partners")).body(view(partnership));
    }

    @PostMapping("/api/v1/organizations/{slug}/partners/{id}/accept")
    @Operation(summary = "The employer accepts an invitation")
    PartnershipView accept(@PathVariable String slug, @PathVariable UUID id) {
        return view(partnerships.answer(CurrentActor.get(), slug, id, true));
    }

    @PostMapping("/api/v1/organizations/{slug}/partners/{id}/decline")
    @Operation(summary = "The employer declines an invitation")
    PartnershipView decline(@PathVariable String slug, @PathVariable UUID id) {
        return view(partnerships.answer(CurrentActor.get(), slug, id, false));
    }

    @PostMapping("/api/v1/organizations/{slug}/partners/{id}/end")
    @Operation(summary = "Either side ends a partnership; the association may withdraw an unanswered invitation")
    PartnershipView end(@PathVariable String slug, @PathVariable UUID id) {
        return view(partnerships.end(CurrentActor.get(), slug, id));
    }

    private static PartnershipView view(Partnerships.Partnership p) {
        return new PartnershipView(p.id(), p.associationSlug(), p.associationName(), p.employerSlug(), p.employerName(),
                p.state().id(), p.message(), p.invitedAt(), p.answeredAt());
    }
}
