package io.guildmark.app.membership;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

@ApiController
@Tag(name = "Membership roster", description = "The association's members, kept in sync by its association-management "
        + "system; active members pay the member price")
class RosterApi {

    record MemberBody(@Nullable String name, @Nullable List<String> emails, @Nullable String status, @Nullable String memberType,
            @Nullable String expiresOn) {}

    record BatchEntry(@Nullable String memberNumber, @Nullable String name, @Nullable List<String> emails, @Nullable String status,
            @Nullable String memberType, @Nullable String expiresOn) {}

    record BatchBody(@Nullable List<BatchEntry> members) {}

    record Member(UUID id, String memberNumber, String name, List<String> emails, String status, @Nullable String memberType,
            @Nullable LocalDate expiresOn, boolean activeToday, Instant updatedAt) {}

    record MemberPage(List<Member> items, long total, int limit, @Nullable String nextCursor, @Nullable String next) {}

    record BatchAnswer(int created, int updated, int unchanged) {}

    private final Roster roster;
    private final GuildmarkSettings settings;
    private final java.time.Clock clock;

    RosterApi(Roster roster, GuildmarkSettings settings, java.time.Clock clock) {
        this.roster = roster;
        this.settings = settings;
        this.clock = clock;
    }

    @PutMapping("/api/v1/organizations/{slug}/members/roster/{memberNumber}")
    @Operation(summary = "Create or update one member by member number",
            description = "201 when the member is new, 200 otherwise. status: active (default), grace, lapsed, suspended or "
                    + "cancelled; active and grace count as membership until expiresOn (YYYY-MM-DD, optional). At most 5 e-mails.")
    ResponseEntity<Member> put(@PathVariable String slug, @PathVariable String memberNumber, @RequestBody MemberBody body) {
        Roster.Upserted upserted = roster.put(CurrentActor.get(), slug, memberNumber,
                new Roster.Entry(memberNumber, body.name(), body.emails(), body.status(), body.memberType(), body.expiresOn()));
        Member member = view(upserted.member());
        if (upserted.outcome() == Roster.Outcome.CREATED) {
            return ResponseEntity.created(URI.create(settings.url("/api/v1/organizations/" + slug + "/members/roster/" + memberNumber))).body(member);
        }
        return ResponseEntity.ok(member);
    }

    @PostMapping("/api/v1/organizations/{slug}/members/roster")
    @Operation(summary = "Create or update up to 1,000 members at once",
            description = "The batch is checked whole first: one bad entry stores nothing, and every bad entry is named "
                    + "(members[3].emails[0]). Members not in the batch are left as they are.")
    BatchAnswer putAll(@PathVariable String slug, @RequestBody BatchBody body) {
        List<Roster.Entry> entries = body.members() == null ? null : body.members().stream()
                .map(m -> m == null ? new Roster.Entry(null, null, null, null, null, null)
                        : new Roster.Entry(m.memberNumber(), m.name(), m.emails(), m.status(), m.memberType(), m.expiresOn()))
                .toList();
        Roster.BatchResult result = roster.putAll(CurrentActor.get(), slug, entries);
        return new BatchAnswer(result.created(), result.updated(), result.unchanged());
    }

    @GetMapping("/api/v1/organizations/{slug}/members/roster/{memberNumber}")
    @Operation(summary = "One member")
    Member get(@PathVariable String slug, @PathVariable String memberNumber) {
        return view(roster.get(CurrentActor.get(), slug, memberNumber));
    }

    @DeleteMapping("/api/v1/organizations/{slug}/members/roster/{memberNumber}")
    @Operation(summary = "Remove a member from the roster", description = "To keep the history, prefer status cancelled.")
    ResponseEntity<Void> remove(@PathVariable String slug, @PathVariable String memberNumber) {
        roster.remove(CurrentActor.get(), slug, memberNumber);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/organizations/{slug}/members/roster")
    @Operation(summary = "Members, a page at a time",
            description = "Ordered by member number. q searches name, member number and e-mail; status filters. Pages with "
                    + "limit (1 to 1000, default 100) and the cursor of the previous page; next is the next page's address, "
                    + "left out on the last page; total counts every match.")
    MemberPage list(@PathVariable String slug, @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String status, @RequestParam(defaultValue = "100") int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        Roster.Page page = roster.list(CurrentActor.get(), slug, q, status, limit, cursor);
        String next = null;
        if (page.nextCursor() != null) {
            org.springframework.web.util.UriComponentsBuilder uri = org.springframework.web.util.UriComponentsBuilder
                    .fromUriString(settings.url("/api/v1/organizations/" + slug + "/members/roster"))
                    .queryParam("limit", limit).queryParam("cursor", page.nextCursor());
            if (q != null && !q.isBlank()) uri.queryParam("q", q);
            if (status != null && !status.isBlank()) uri.queryParam("status", status);
            next = uri.encode().build().toUriString();
        }
        return new MemberPage(page.items().stream().map(this::view).toList(), page.total(), limit, page.nextCursor(), next);
    }

    private Member view(RosterMember m) {
        return new Member(m.id(), m.memberNumber(), m.name(), m.emails(), m.status().id(), m.memberType(), m.expiresOn(),
                m.activeOn(LocalDate.now(clock)), m.updatedAt());
    }
}
