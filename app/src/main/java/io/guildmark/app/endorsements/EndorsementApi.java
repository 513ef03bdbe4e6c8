package io.guildmark.app.endorsements;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.ApiPage;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
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
@Tag(name = "Endorsements", description = "Employers endorse partner associations' micro-credentials with signed OB 3.0 EndorsementCredentials")
class EndorsementApi {

    record EndorsementView(UUID id, String url, String employer, String employerName, String association, String associationName,
            @Nullable UUID achievementId, String subjectName, String kind, String statement, String state, Instant createdAt,
            @Nullable Instant revokedAt, @Nullable Instant hiddenAt) {}

    private final Endorsements endorsements;
    private final GuildmarkSettings settings;

    EndorsementApi(Endorsements endorsements, GuildmarkSettings settings) {
        this.endorsements = endorsements;
        this.settings = settings;
    }

    @GetMapping("/api/v1/organizations/{slug}/endorsements")
    @Operation(summary = "Endorsements the organization gave (as employer) or received (as association), newest first")
    ResponseEntity<ApiPage<EndorsementView>> list(@PathVariable String slug, @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return ApiPage.of(endorsements.list(CurrentActor.get(), slug, limit, cursor), EndorsementApi::view, settings);
    }

    @PostMapping("/api/v1/organizations/{slug}/endorsements")
    @Operation(summary = "The employer endorses a partner association's published micro-credential (achievementId) or the association (its slug)")
    ResponseEntity<EndorsementView> endorse(@PathVariable String slug, @RequestBody Endorsements.EndorseRequest body) {
        Endorsement endorsement = endorsements.endorse(CurrentActor.get(), slug, body);
        return ResponseEntity.created(URI.create(endorsement.url())).body(view(endorsement));
    }

    @PostMapping("/api/v1/organizations/{slug}/endorsements/{id}/revoke")
    @Operation(summary = "The employer revokes its endorsement (its status list entry is set)")
    EndorsementView revoke(@PathVariable String slug, @PathVariable UUID id) {
        return view(endorsements.revoke(CurrentActor.get(), slug, id));
    }

    @PostMapping("/api/v1/organizations/{slug}/endorsements/{id}/hide")
    @Operation(summary = "The association hides an endorsement from its pages and from credentials it issues from now on")
    EndorsementView hide(@PathVariable String slug, @PathVariable UUID id) {
        return view(endorsements.hide(CurrentActor.get(), slug, id, true));
    }

    @PostMapping("/api/v1/organizations/{slug}/endorsements/{id}/show")
    @Operation(summary = "The association shows a hidden endorsement again")
    EndorsementView show(@PathVariable String slug, @PathVariable UUID id) {
        return view(endorsements.hide(CurrentActor.get(), slug, id, false));
    }

    static EndorsementView view(Endorsement e) {
        return new EndorsementView(e.id(), e.url(), e.employerSlug(), e.employerName(), e.associationSlug(), e.associationName(),
                e.achievementId(), e.subjectName(), e.kind(), e.statement(), e.state(), e.createdAt(), e.revokedAt(), e.hiddenAt());
    }
}
