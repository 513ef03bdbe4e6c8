package io.guildmark.app.webhooks;

import java.net.URI;
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
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

@ApiController
@Tag(name = "Webhooks", description = "Endpoints that receive signed events (Standard Webhooks) when awards, enrollments, "
        + "work products, pathways and the roster change; their delivery log")
class WebhookApi {

    static final String BASE = "/api/v1/organizations/{slug}/webhooks";

    record EndpointBody(@Nullable String url, @Nullable List<String> eventTypes, @Nullable String description, @Nullable Boolean enabled) {}

    /** An endpoint; {@code secret} only in the answer that creates it or rotates its secret. */
    record EndpointView(UUID id, String url, @Nullable String description, List<String> eventTypes, boolean enabled,
            java.time.Instant createdAt, java.time.Instant updatedAt, @Nullable String secret) {}

    record SecretView(String secret) {}

    record Queued(String eventId) {}

    record DeliveryPage(List<Webhooks.Delivery> items, int limit, @Nullable String nextCursor, @Nullable String next) {}

    private final Webhooks webhooks;
    private final GuildmarkSettings settings;

    WebhookApi(Webhooks webhooks, GuildmarkSettings settings) {
        this.webhooks = webhooks;
        this.settings = settings;
    }

    @GetMapping(BASE)
    @Operation(summary = "The organization's webhook endpoints")
    List<EndpointView> list(@PathVariable String slug) {
        return webhooks.list(CurrentActor.get(), slug).stream().map(e -> view(e, null)).toList();
    }

    @PostMapping(BASE)
    @Operation(summary = "Subscribe an endpoint to events",
            description = "url: https (at most 2,000 characters, public addresses only); eventTypes: award.issued, award.claimed, "
                    + "award.revoked, enrollment.created, submission.decided, pathway.completed, member.updated. The answer carries "
                    + "the signing secret (whsec_…) this once. At most 20 endpoints per organization.")
    ResponseEntity<EndpointView> create(@PathVariable String slug, @RequestBody EndpointBody body) {
        Webhooks.Created created = webhooks.create(CurrentActor.get(), slug, change(body));
        return ResponseEntity.created(URI.create(settings.url("/api/v1/organizations/" + slug + "/webhooks/" + created.endpoint().id())))
                .body(view(created.endpoint(), created.secret()));
    }

    @GetMapping(BASE + "/{id}")
    @Operation(summary = "One endpoint")
    EndpointView get(@PathVariable String slug, @PathVariable UUID id) {
        return view(webhooks.get(CurrentActor.get(), slug, id), null);
    }

    @PatchMapping(BASE + "/{id}")
    @Operation(summary = "Change an endpoint", description = "Fields left out stay as they are; enabled=false stops deliveries "
            + "(they wait, and go out when it is enabled again).")
    EndpointView update(@PathVariable String slug, @PathVariable UUID id, @RequestBody EndpointBody body) {
        return view(webhooks.update(CurrentActor.get(), slug, id, change(body)), null);
    }

    @DeleteMapping(BASE + "/{id}")
    @Operation(summary = "Delete an endpoint and its delivery log")
    ResponseEntity<Void> delete(@PathVariable String slug, @PathVariable UUID id) {
        webhooks.delete(CurrentActor.get(), slug, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(BASE + "/{id}/secret")
    @Operation(summary = "Rotate the signing secret", description = "Answers the new secret this once; the old one stops at once.")
    SecretView rotate(@PathVariable String slug, @PathVariable UUID id) {
        return new SecretView(webhooks.rotateSecret(CurrentActor.get(), slug, id));
    }

    @PostMapping(BASE + "/{id}/test")
    @Operation(summary = "Send a webhook.test event to this endpoint")
    ResponseEntity<Queued> test(@PathVariable String slug, @PathVariable UUID id) {
        return ResponseEntity.accepted().body(new Queued(webhooks.test(CurrentActor.get(), slug, id)));
    }

    @GetMapping(BASE + "/{id}/deliveries")
    @Operation(summary = "The endpoint's delivery log, newest first",
            description = "Each delivery with its attempts (time, HTTP status, duration, the first 1 KB of a text answer). Pages "
                    + "with limit (1 to 100, default 20) and the cursor of the previous page.")
    DeliveryPage deliveries(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "20") int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        Webhooks.DeliveryPage page = webhooks.deliveries(CurrentActor.get(), slug, id, limit, cursor);
        String next = page.nextCursor() == null ? null : org.springframework.web.util.UriComponentsBuilder
                .fromUriString(settings.url("/api/v1/organizations/" + slug + "/webhooks/" + id + "/deliveries"))
                .queryParam("limit", limit).queryParam("cursor", page.nextCursor()).encode().build().toUriString();
        return new DeliveryPage(page.items(), limit, page.nextCursor(), next);
    }

    @GetMapping(BASE + "/{id}/deliveries/{deliveryId}")
    @Operation(summary = "One delivery with its attempts")
    Webhooks.Delivery delivery(@PathVariable String slug, @PathVariable UUID id, @PathVariable UUID deliveryId) {
        return webhooks.delivery(CurrentActor.get(), slug, id, deliveryId);
    }

    @PostMapping(BASE + "/{id}/deliveries/{deliveryId}/resend")
    @Operation(summary = "Send a delivery again", description = "With the same webhook-id, so receivers that already have it can tell.")
    ResponseEntity<Webhooks.Delivery> resend(@PathVariable String slug, @PathVariable UUID id, @PathVariable UUID deliveryId) {
        return ResponseEntity.accepted().body(webhooks.resend(CurrentActor.get(), slug, id, deliveryId));
    }

    @GetMapping(BASE + "/events/{eventId}")
    @Operation(summary = "One event: its payload and its delivery to each endpoint")
    Webhooks.Event event(@PathVariable String slug, @PathVariable String eventId) {
        return webhooks.event(CurrentActor.get(), slug, eventId);
    }

    private static Webhooks.Change change(@Nullable EndpointBody body) {
        if (body == null) return new Webhooks.Change(null, null, null, null);
        return new Webhooks.Change(body.url(), body.eventTypes(), body.description(), body.enabled());
    }

    private static EndpointView view(Webhooks.Endpoint e, @Nullable String secret) {
        return new EndpointView(e.id(), e.url(), e.description(), e.eventTypes(), e.enabled(), e.createdAt(), e.updatedAt(), secret);
    }
}
