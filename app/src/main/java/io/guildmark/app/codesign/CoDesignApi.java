package io.guildmark.app.codesign;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.ApiPage;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The co-design API under {@code /api/v1/organizations/{slug}/co-design}: {@code slug} is the caller's organization
 * (the association that owns the draft, or a partner it was shared with), as on the pages.
 */
@ApiController
@Tag(name = "Co-design", description = "Drafts shared with employer partners: comments in place, proposals, sign-off")
class CoDesignApi {

    private static final String BASE = "/api/v1/organizations/{slug}/co-design";

    record ShareBody(@Nullable List<String> employers, @Nullable Boolean all) {}

    record CommentBody(@Nullable String anchor, @Nullable String body, @Nullable UUID parentId, @Nullable List<UUID> mentions) {}

    record ProposalBody(@Nullable String field, @Nullable String text, @Nullable String reason) {}

    record DecisionBody(@Nullable String note) {}

    record SignOffBody(@Nullable String revision) {}

    record PartView(String anchor, String label, String text) {}

    record ShareView(String employer, String employerName, Instant sharedAt, boolean active) {}

    record DraftView(UUID id, String name, String status, String association, String revision, List<PartView> parts,
            List<ShareView> shares) {}

    record SharedDraftView(UUID id, String name, String status, String association, String employer, Instant sharedAt) {}

    record MentionView(UUID userId, String name) {}

    record CommentView(UUID id, @Nullable UUID parentId, String anchor, String body, String author, String organization,
            boolean resolved, @Nullable Instant resolvedAt, Instant createdAt, List<MentionView> mentions, List<CommentView> replies) {}

    record ProposalView(UUID id, String field, String employer, String baseText, String proposedText, @Nullable String reason,
            String state, @Nullable String note, boolean outdated, Instant proposedAt, @Nullable Instant decidedAt) {}

    record SignOffView(String employer, String employerName, String signer, String revision, boolean current, Instant signedAt) {}

    private final CoDesign coDesign;
    private final GuildmarkSettings settings;

    CoDesignApi(CoDesign coDesign, GuildmarkSettings settings) {
        this.coDesign = coDesign;
        this.settings = settings;
    }

    @GetMapping(BASE)
    @Operation(summary = "Drafts the association shared, or the partner was shared (active partnerships), newest first")
    ResponseEntity<ApiPage<SharedDraftView>> list(@PathVariable String slug, @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return ApiPage.of(coDesign.sharedDrafts(CurrentActor.get(), slug, CoDesign.Paging.after(limit, cursor)),
                d -> new SharedDraftView(d.achievementId(), d.name(), d.status(), d.associationSlug(), d.employerSlug(), d.sharedAt()), settings);
    }

    @GetMapping(BASE + "/{id}")
    @Operation(summary = "The draft as partners review it: its parts (anchors for comments) and the revision a sign-off is for")
    DraftView draft(@PathVariable String slug, @PathVariable UUID id) {
        CoDesign.Viewer viewer = coDesign.open(CurrentActor.get(), slug, id);
        CoDesign.Review review = coDesign.review(viewer);
        return new DraftView(id, review.definition().name(), viewer.draft().status().id(), viewer.association().slug(), review.revision(),
                review.parts().stream().map(p -> new PartView(p.anchor(), p.label(), p.text())).toList(),
                viewer.designer() ? coDesign.shares(viewer).stream().map(s -> new ShareView(s.employerSlug(), s.employerName(), s.sharedAt(),
                        s.active())).toList() : List.of());
    }

    @PostMapping(BASE + "/{id}/shares")
    @Operation(summary = "The designer shares the draft with active partners (employers: their slugs) or with all of them")
    List<ShareView> share(@PathVariable String slug, @PathVariable UUID id, @RequestBody ShareBody body) {
        if (body == null) throw Problem.invalid("malformed-body", "Send {\"employers\": [...]} or {\"all\": true}.");
        return coDesign.share(CurrentActor.get(), slug, id, body.employers() == null ? List.of() : body.employers(),
                Boolean.TRUE.equals(body.all())).stream().map(s -> new ShareView(s.employerSlug(), s.employerName(), s.sharedAt(), s.active())).toList();
    }

    @GetMapping(BASE + "/{id}/comments")
    @Operation(summary = "Threads (top comments with replies), oldest first; unresolved=true for open threads only")
    ResponseEntity<ApiPage<CommentView>> comments(@PathVariable String slug, @PathVariable UUID id,
            @RequestParam(defaultValue = "false") boolean unresolved, @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        CoDesign.Viewer viewer = coDesign.open(CurrentActor.get(), slug, id);
        return ApiPage.of(coDesign.comments(viewer, unresolved, CoDesign.Paging.after(limit, cursor)), CoDesignApi::view, settings);
    }

    @PostMapping(BASE + "/{id}/comments")
    @Operation(summary = "Comment on a part (anchor) or reply to a thread (parentId); mentions are user ids of people who see the draft")
    ResponseEntity<CommentView> comment(@PathVariable String slug, @PathVariable UUID id, @RequestBody CommentBody body) {
        if (body == null) throw Problem.invalid("malformed-body", "Send the comment as a JSON object.");
        List<UUID> mentions = body.mentions() == null ? List.of() : body.mentions().stream().filter(java.util.Objects::nonNull).limit(CoDesign.MAX_MENTIONS + 1).toList();
        CoDesign.Comment c = coDesign.comment(CurrentActor.get(), slug, id, body.anchor(), body.body(), body.parentId(), mentions);
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + slug + "/co-design/" + id + "/comments")).body(view(c));
    }

    @PostMapping(BASE + "/{id}/comments/{commentId}/resolve")
    @Operation(summary = "Resolve a thread (either side)")
    CommentView resolve(@PathVariable String slug, @PathVariable UUID id, @PathVariable UUID commentId) {
        return view(coDesign.resolve(CurrentActor.get(), slug, id, commentId, true));
    }

    @PostMapping(BASE + "/{id}/comments/{commentId}/reopen")
    @Operation(summary = "Open a resolved thread again")
    CommentView reopen(@PathVariable String slug, @PathVariable UUID id, @PathVariable UUID commentId) {
        return view(coDesign.resolve(CurrentActor.get(), slug, id, commentId, false));
    }

    @GetMapping(BASE + "/{id}/proposals")
    @Operation(summary = "Proposed changes, newest first, with their state and whether the field changed since (outdated)")
    ResponseEntity<ApiPage<ProposalView>> proposals(@PathVariable String slug, @PathVariable UUID id,
            @RequestParam(required = false) @Nullable Integer limit, @RequestParam(required = false) @Nullable String cursor) {
        CoDesign.Viewer viewer = coDesign.open(CurrentActor.get(), slug, id);
        return ApiPage.of(coDesign.proposals(viewer, CoDesign.Paging.after(limit, cursor)), CoDesignApi::view, settings);
    }

    @PostMapping(BASE + "/{id}/proposals")
    @Operation(summary = "A partner proposes new text for description, criteria or rubric:<criterion key>")
    ResponseEntity<ProposalView> propose(@PathVariable String slug, @PathVariable UUID id, @RequestBody ProposalBody body) {
        if (body == null) throw Problem.invalid("malformed-body", "Send the proposal as a JSON object.");
        CoDesign.Proposal p = coDesign.propose(CurrentActor.get(), slug, id, body.field(), body.text(), body.reason());
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + slug + "/co-design/" + id + "/proposals")).body(view(p));
    }

    @PostMapping(BASE + "/{id}/proposals/{proposalId}/accept")
    @Operation(summary = "The designer accepts: the change is applied to the draft with all of the catalog's checks")
    ProposalView accept(@PathVariable String slug, @PathVariable UUID id, @PathVariable UUID proposalId,
            @RequestBody(required = false) @Nullable DecisionBody body) {
        return view(coDesign.decide(CurrentActor.get(), slug, id, proposalId, true, body == null ? null : body.note()));
    }

    @PostMapping(BASE + "/{id}/proposals/{proposalId}/decline")
    @Operation(summary = "The designer declines, with a note")
    ProposalView decline(@PathVariable String slug, @PathVariable UUID id, @PathVariable UUID proposalId,
            @RequestBody(required = false) @Nullable DecisionBody body) {
        return view(coDesign.decide(CurrentActor.get(), slug, id, proposalId, false, body == null ? null : body.note()));
    }

    @GetMapping(BASE + "/{id}/sign-offs")
    @Operation(summary = "Who signed off which revision, newest first; current=false means for an earlier revision")
    ResponseEntity<ApiPage<SignOffView>> signOffs(@PathVariable String slug, @PathVariable UUID id,
            @RequestParam(required = false) @Nullable Integer limit, @RequestParam(required = false) @Nullable String cursor) {
        CoDesign.Viewer viewer = coDesign.open(CurrentActor.get(), slug, id);
        return ApiPage.of(coDesign.signOffs(viewer, CoDesign.Paging.after(limit, cursor)), CoDesignApi::view, settings);
    }

    @PostMapping(BASE + "/{id}/sign-off")
    @Operation(summary = "A partner signs off the current revision; give the revision you reviewed to refuse a draft changed since")
    SignOffView signOff(@PathVariable String slug, @PathVariable UUID id, @RequestBody(required = false) @Nullable SignOffBody body) {
        return view(coDesign.signOff(CurrentActor.get(), slug, id, body == null ? null : body.revision()));
    }

    private static CommentView view(CoDesign.Comment c) {
        return new CommentView(c.id(), c.parentId(), c.anchor(), c.body(), c.authorName(), c.organizationSlug(), c.resolved(), c.resolvedAt(),
                c.createdAt(), c.mentions().stream().map(m -> new MentionView(m.userId(), m.name())).toList(),
                c.replies().stream().map(CoDesignApi::view).toList());
    }

    private static ProposalView view(CoDesign.Proposal p) {
        return new ProposalView(p.id(), p.field(), p.employerSlug(), p.baseText(), p.proposedText(), p.reason(), p.state().id(), p.note(),
                p.outdated(), p.proposedAt(), p.decidedAt());
    }

    private static SignOffView view(CoDesign.SignOff s) {
        return new SignOffView(s.employerSlug(), s.employerName(), s.signerName(), s.revision(), s.current(), s.signedAt());
    }
}
