package io.guildmark.app.audit;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ApiController
@Tag(name = "Audit log", description = "Who did what: every privileged action, hash-chained; owners, admins and API keys read it")
class AuditApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Entry(long seq, @Nullable Long position, Instant occurredAt, ActorView actor, String action, String objectType,
            @Nullable String objectId, JsonNode changes, @Nullable String hash) {}

    record ActorView(String type, @Nullable String id, @Nullable String label) {}

    record EntryPage(List<Entry> items, long total, int limit, @Nullable String nextCursor, @Nullable String next) {}

    record Verification(boolean intact, long entries, @Nullable Long firstBrokenPosition, @Nullable String reason, String headHash) {}

    private final AuditLog log;
    private final GuildmarkSettings settings;

    AuditApi(AuditLog log, GuildmarkSettings settings) {
        this.log = log;
        this.settings = settings;
    }

    @GetMapping("/api/v1/organizations/{slug}/audit")
    @Operation(summary = "The audit log, newest first, a page at a time",
            description = "Filters: action (award.issued, or award for every award action), actor (e-mail, key name, id, or "
                    + "person/api-key/system), objectId, from and to (YYYY-MM-DD, to inclusive; or instants), q (text in any "
                    + "field). Pages with limit (1 to 500, default 100) and the cursor of the previous page; next is the next "
                    + "page's address, left out on the last page; total counts every match. A cursor not given out here is "
                    + "a 400 cursor-invalid.")
    EntryPage list(@PathVariable String slug, @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String actor, @RequestParam(required = false) @Nullable String objectId,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "100") int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        AuditLog.Filter filter = new AuditLog.Filter(action, actor, objectId, from, to, q);
        AuditLog.Page page = log.search(CurrentActor.get(), slug, filter, limit, cursor);
        String next = null;
        if (page.nextCursor() != null) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(settings.url("/api/v1/organizations/" + slug + "/audit"))
                    .queryParam("limit", limit).queryParam("cursor", page.nextCursor());
            addFilter(uri, filter);
            next = uri.encode().build().toUriString();
        }
        return new EntryPage(page.items().stream().map(AuditApi::view).toList(), page.total(), limit, page.nextCursor(), next);
    }

    @GetMapping("/api/v1/organizations/{slug}/audit/export")
    @Operation(summary = "Every matching entry as CSV (the list's filters), streamed")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String slug, @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String actor, @RequestParam(required = false) @Nullable String objectId,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String q) {
        return csv(log, CurrentActor.get(), slug, new AuditLog.Filter(action, actor, objectId, from, to, q));
    }

    @GetMapping("/api/v1/organizations/{slug}/audit/verify")
    @Operation(summary = "Whether the organization's audit chain holds",
            description = "Recomputes every entry's hash from the first; an altered entry is a hash mismatch at its position, "
                    + "a deleted one a missing position. headHash is the chain's last hash, worth recording elsewhere.")
    Verification verify(@PathVariable String slug) {
        AuditChain.Verdict v = log.verify(CurrentActor.get(), slug);
        return new Verification(v.intact(), v.entries(), v.firstBrokenPosition(), v.reason(), v.headHash());
    }

    @GetMapping("/api/v1/admin/audit/verify")
    @Operation(summary = "Whether the platform's own audit chain holds (platform administrator)")
    Verification verifyPlatform() {
        AuditChain.Verdict v = log.verifyPlatform(CurrentActor.get());
        return new Verification(v.intact(), v.entries(), v.firstBrokenPosition(), v.reason(), v.headHash());
    }

    static ResponseEntity<StreamingResponseBody> csv(AuditLog log, io.guildmark.app.shared.Actor actor, String slug, AuditLog.Filter filter) {
        log.checkFilter(actor, slug, filter); // refuses a bad filter before the download starts
        StreamingResponseBody body = out -> {
            OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            log.exportCsv(actor, slug, filter, writer);
            writer.flush();
        };
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + slug + "-audit.csv\"").body(body);
    }

    private static void addFilter(UriComponentsBuilder uri, AuditLog.Filter f) {
        if (present(f.action())) uri.queryParam("action", f.action());
        if (present(f.actor())) uri.queryParam("actor", f.actor());
        if (present(f.objectId())) uri.queryParam("objectId", f.objectId());
        if (present(f.from())) uri.queryParam("from", f.from());
        if (present(f.to())) uri.queryParam("to", f.to());
        if (present(f.q())) uri.queryParam("q", f.q());
    }

    private static boolean present(@Nullable String s) {
        return s != null && !s.isBlank();
    }

    private static Entry view(AuditEntry e) {
        return new Entry(e.seq(), e.position(), e.occurredAt(), new ActorView(e.actorType(), e.actorId(), e.actorLabel()), e.action(),
                e.objectType(), e.objectId(), JSON.readTree(e.changes()), e.hash());
    }

}
