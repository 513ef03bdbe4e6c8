package io.guildmark.app.talent;

import java.net.URI;
import java.time.Instant;
import java.util.List;
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
@Tag(name = "Talent", description = "Employers search the learners of partner associations who chose to be findable, and write to them")
class TalentApi {

    record CandidateView(UUID id, String name, @Nullable String headline, @Nullable String location, String association,
            String associationName, List<BadgeView> badges) {}

    record BadgeView(UUID id, String name, Instant issuedAt, String verdict, @Nullable String url) {}

    record Write(@Nullable String body) {}

    record ThreadView(UUID id, String personName, @Nullable String personEmail, String state, Instant startedAt, Instant lastMessageAt,
            @Nullable List<MessageView> messages) {}

    record MessageView(UUID id, String from, String body, Instant sentAt) {}

    private final TalentSearch search;
    private final TalentMessages messages;
    private final GuildmarkSettings settings;

    TalentApi(TalentSearch search, TalentMessages messages, GuildmarkSettings settings) {
        this.search = search;
        this.messages = messages;
        this.settings = settings;
    }

    @GetMapping("/api/v1/organizations/{slug}/talent")
    @Operation(summary = "Learners of the employer's partner associations who chose to be findable, newest first, showing only what they chose")
    ResponseEntity<ApiPage<CandidateView>> search(@PathVariable String slug, @RequestParam(required = false) @Nullable String association,
            @RequestParam(required = false) @Nullable String competency, @RequestParam(required = false) @Nullable String microCredential,
            @RequestParam(required = false) @Nullable String pathway, @RequestParam(required = false) @Nullable String creditType,
            @RequestParam(required = false) @Nullable String minCredits, @RequestParam(required = false) @Nullable String location,
            @RequestParam(required = false) @Nullable Integer limit, @RequestParam(required = false) @Nullable String cursor) {
        var query = new TalentSearch.Query(association, competency, microCredential, pathway, creditType, minCredits, location);
        return ApiPage.of(search.search(CurrentActor.get(), slug, query, limit, cursor), this::view, settings);
    }

    @PostMapping("/api/v1/organizations/{slug}/talent/{candidateId}/messages")
    @Operation(summary = "Write to a person found in a search; they are told by e-mail and answer on the platform")
    ResponseEntity<ThreadView> write(@PathVariable String slug, @PathVariable String candidateId, @RequestBody Write body) {
        UUID id = ListParams.id(candidateId, "candidateId", "Not a candidate id.");
        var conversation = messages.write(CurrentActor.get(), slug, id, body.body());
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + slug + "/talent/messages/" + conversation.thread().id()))
                .body(view(conversation));
    }

    @GetMapping("/api/v1/organizations/{slug}/talent/messages")
    @Operation(summary = "The employer's conversations with people, latest activity first")
    ResponseEntity<ApiPage<ThreadView>> threads(@PathVariable String slug, @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return ApiPage.of(messages.employerThreads(CurrentActor.get(), slug, limit, cursor), t -> view(t, null), settings);
    }

    @GetMapping("/api/v1/organizations/{slug}/talent/messages/{threadId}")
    @Operation(summary = "One conversation with its messages; the person's e-mail address only once they shared it")
    ThreadView thread(@PathVariable String slug, @PathVariable String threadId) {
        UUID id = ListParams.id(threadId, "threadId", "Not a conversation id.");
        return view(messages.employerConversation(CurrentActor.get(), slug, id));
    }

    private CandidateView view(TalentSearch.Candidate c) {
        return new CandidateView(c.id(), c.name(), c.headline(), c.location(), c.associationSlug(), c.associationName(),
                c.badges().stream().map(b -> new BadgeView(b.awardId(), b.name(), b.issuedAt(), b.verdict(),
                        b.pageUrl() == null ? null : settings.url(b.pageUrl()))).toList());
    }

    private static ThreadView view(TalentMessages.Conversation c) {
        return view(c.thread(), c.messages().stream()
                .map(m -> new MessageView(m.id(), m.fromEmployer() ? "employer" : "person", m.body(), m.sentAt())).toList());
    }

    private static ThreadView view(TalentMessages.Thread t, @Nullable List<MessageView> messages) {
        return new ThreadView(t.id(), t.personName(), t.personEmail(), t.state().name().toLowerCase(java.util.Locale.ROOT), t.startedAt(),
                t.lastMessageAt(), messages);
    }
}
