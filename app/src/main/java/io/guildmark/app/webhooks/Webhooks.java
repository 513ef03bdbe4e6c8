package io.guildmark.app.webhooks;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.MasterKey;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organization's webhook endpoints (owners and admins, or an API key): subscribe, change, rotate the secret,
 * enable and disable, delete, send a test event, and read the delivery log a page at a time, sending a delivery again.
 * Another organization's endpoints and deliveries are "not found".
 */
@Service
public class Webhooks {

    public static final int MAX_PAGE = 100;
    static final int MAX_DESCRIPTION = 200;

    /** An endpoint as staff and the API see it; the secret is never part of it. */
    public record Endpoint(UUID id, String url, @Nullable String description, List<String> eventTypes, boolean enabled,
            Instant createdAt, Instant updatedAt) {}

    /** A new endpoint with its secret, shown this once. */
    public record Created(Endpoint endpoint, String secret) {}

    /** What a caller sends; {@code null} leaves a field as it is (on a change). */
    public record Change(@Nullable String url, @Nullable List<String> eventTypes, @Nullable String description, @Nullable Boolean enabled) {}

    public record Attempt(Instant at, @Nullable Integer status, long durationMs, @Nullable String response, @Nullable String error) {}

    public record Delivery(UUID id, UUID endpointId, String eventId, String eventType, String state, int attempts, Instant createdAt,
            @Nullable Instant nextAttemptAt, @Nullable Integer lastStatus, List<Attempt> log) {}

    public record DeliveryPage(List<Delivery> items, @Nullable String nextCursor) {}

    /** One event with its payload and its delivery to each endpoint. */
    public record Event(String id, String type, Instant createdAt, String payload, List<Delivery> deliveries) {}

    private final JdbcClient db;
    private final Organizations organizations;
    private final EndpointAddresses addresses;
    private final MasterKey masterKey;
    private final SubscribedTypes subscribed;
    private final WebhookOutbox outbox;
    private final WebhookSettings settings;
    private final Clock clock;
    private final io.guildmark.app.shared.AuditTrail audit;

    Webhooks(JdbcClient db, Organizations organizations, EndpointAddresses addresses, MasterKey masterKey, SubscribedTypes subscribed,
            WebhookOutbox outbox, WebhookSettings settings, Clock clock, io.guildmark.app.shared.AuditTrail audit) {
        this.audit = audit;
        this.db = db;
        this.organizations = organizations;
        this.addresses = addresses;
        this.masterKey = masterKey;
        this.subscribed = subscribed;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    public Organization organization(Actor actor, String slug) {
        return organizations.require(actor, slug, Permission.MANAGE_WEBHOOKS);
    }

    public List<Endpoint> list(Actor actor, String slug) {
        Organization org = organization(actor, slug);
        return db.sql("select * from webhook_endpoints where organization_id = ? order by created_at, id").param(org.id())
                .query(Webhooks::endpoint).list();
    }

    public Endpoint get(Actor actor, String slug, UUID id) {
        return find(organization(actor, slug), id);
    }

    @Transactional
    public Created create(Actor actor, String slug, Change change) {
        Organization org = organization(actor, slug);
        Map<String, String> errors = new LinkedHashMap<>();
        String url = checkUrl(change.url(), errors);
        String types = checkTypes(change.eventTypes(), errors);
        String description = checkDescription(change.description(), errors);
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        // Counted under the organization's row lock, so two requests at once cannot both take the last place.
        db.sql("select id from organizations where id = ? for update").param(org.id()).query(UUID.class).single();
        long count = db.sql("select count(*) from webhook_endpoints where organization_id = ?").param(org.id()).query(Long.class).single();
        if (count >= settings.maxEndpoints()) {
            throw Problem.invalid("too-many-endpoints", "An organization can have at most " + settings.maxEndpoints()
                    + " webhook endpoints; delete one you no longer use first.");
        }
        UUID id = UUID.randomUUID();
        String secret = Signatures.newSecret();
        Timestamp now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
        boolean enabled = change.enabled() == null || change.enabled();
        db.sql("""
                insert into webhook_endpoints (id, organization_id, url, description, event_types, secret_sealed, enabled, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, org.id(), url, description, types, masterKey.encrypt(secret.getBytes(StandardCharsets.UTF_8)), enabled, now, now)
                .update();
        subscribed.invalidate(org.id());
        Endpoint created = find(org, id);
        audit.record(actor, org.id(), "webhook.endpoint-created", "webhook_endpoint", id, Map.of("after", describe(created)));
        return new Created(created, secret);
    }

    @Transactional
    public Endpoint update(Actor actor, String slug, UUID id, Change change) {
        Organization org = organization(actor, slug);
        Endpoint old = find(org, id);
        Map<String, String> errors = new LinkedHashMap<>();
        String url = change.url() == null ? old.url() : checkUrl(change.url(), errors);
        String types = change.eventTypes() == null ? String.join(",", old.eventTypes()) : checkTypes(change.eventTypes(), errors);
        String description = change.description() == null ? old.description() : checkDescription(change.description(), errors);
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        boolean enabled = change.enabled() == null ? old.enabled() : change.enabled();
        db.sql("update webhook_endpoints set url = ?, event_types = ?, description = ?, enabled = ?, updated_at = ? where id = ?")
                .params(url, types, description, enabled, Timestamp.from(clock.instant()), id).update();
        subscribed.invalidate(org.id());
        Endpoint updated = find(org, id);
        audit.record(actor, org.id(), "webhook.endpoint-updated", "webhook_endpoint", id, Map.of("before", describe(old), "after", describe(updated)));
        return updated;
    }

    /** A new secret for the endpoint, shown this once; the old one stops signing at once. */
    @Transactional
    public String rotateSecret(Actor actor, String slug, UUID id) {
        Organization org = organization(actor, slug);
        find(org, id);
        String secret = Signatures.newSecret();
        db.sql("update webhook_endpoints set secret_sealed = ?, updated_at = ? where id = ?")
                .params(masterKey.encrypt(secret.getBytes(StandardCharsets.UTF_8)), Timestamp.from(clock.instant()), id).update();
        audit.record(actor, org.id(), "webhook.secret-rotated", "webhook_endpoint", id, Map.of());
        return secret;
    }

    @Transactional
    public void delete(Actor actor, String slug, UUID id) {
        Organization org = organization(actor, slug);
        Endpoint gone = find(org, id);
        db.sql("delete from webhook_endpoints where id = ?").param(id).update();
        audit.record(actor, org.id(), "webhook.endpoint-deleted", "webhook_endpoint", id, Map.of("before", describe(gone)));
        subscribed.invalidate(org.id());
    }

    /** Queues a {@code webhook.test} event to this endpoint only (enabled or not: a disabled one gets it when enabled); answers its id. */
    @Transactional
    public String test(Actor actor, String slug, UUID id) {
        Organization org = organization(actor, slug);
        Endpoint endpoint = find(org, id);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpointId", endpoint.id().toString());
        data.put("organization", org.slug());
        data.put("message", "A test event from Guildmark.");
        return java.util.Objects.requireNonNull(outbox.record(org.id(), EventType.WEBHOOK_TEST, data, endpoint.id()));
    }

    /** The endpoint's deliveries, newest first, after the cursor; each with its attempts. */
    public DeliveryPage deliveries(Actor actor, String slug, UUID endpointId, int limit, @Nullable String cursor) {
        Organization org = organization(actor, slug);
        find(org, endpointId);
        if (limit < 1 || limit > MAX_PAGE) throw Problem.invalidField("limit", "Ask for 1 to " + MAX_PAGE + " deliveries per page.");
        StringBuilder sql = new StringBuilder("""
                select d.*, ev.type from webhook_deliveries d join webhook_events ev on ev.id = d.event_id where d.endpoint_id = ?""");
        List<Object> params = new ArrayList<>(List.of(endpointId));
        if (cursor != null && !cursor.isBlank()) {
            Cursor after = Cursor.decode(cursor);
            sql.append(" and (d.created_at < ? or (d.created_at = ? and d.id < ?))");
            params.add(Timestamp.from(after.createdAt()));
            params.add(Timestamp.from(after.createdAt()));
            params.add(after.id());
        }
        sql.append(" order by d.created_at desc, d.id desc limit ?");
        params.add(limit + 1);
        List<Delivery> rows = withLog(db.sql(sql.toString()).params(params).query(Webhooks::delivery).list());
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Delivery last = rows.get(limit - 1);
            next = new Cursor(last.createdAt(), last.id()).encode();
        }
        return new DeliveryPage(rows, next);
    }

    public Delivery delivery(Actor actor, String slug, UUID endpointId, UUID deliveryId) {
        Organization org = organization(actor, slug);
        return findDelivery(org, endpointId, deliveryId);
    }

    /** One event of the organization, with its payload and every delivery of it. */
    public Event event(Actor actor, String slug, String eventId) {
        Organization org = organization(actor, slug);
        record Row(String id, String type, Instant createdAt, String payload) {}
        Row row = db.sql("select id, type, created_at, payload from webhook_events where id = ? and organization_id = ?")
                .params(eventId, org.id())
                .query((rs, n) -> new Row(rs.getString("id"), rs.getString("type"), instant(rs, "created_at"), rs.getString("payload")))
                .optional().orElseThrow(() -> Problem.notFound("The event"));
        List<Delivery> deliveries = withLog(db.sql("""
                select d.*, ev.type from webhook_deliveries d join webhook_events ev on ev.id = d.event_id
                where d.event_id = ? order by d.created_at, d.id""").param(eventId).query(Webhooks::delivery).list());
        return new Event(row.id(), row.type(), row.createdAt(), row.payload(), deliveries);
    }

    /**
     * Sends a delivery again with the same {@code webhook-id}, from the first step of the retry schedule; its earlier
     * attempts stay in the log.
     */
    @Transactional
    public Delivery resend(Actor actor, String slug, UUID endpointId, UUID deliveryId) {
        Organization org = organization(actor, slug);
        Delivery before = findDelivery(org, endpointId, deliveryId);
        db.sql("update webhook_deliveries set state = 'pending', attempts = 0, next_attempt_at = ? where id = ?")
                .params(Timestamp.from(clock.instant()), deliveryId).update();
        audit.record(actor, org.id(), "webhook.delivery-resent", "webhook_delivery", deliveryId, Map.of("endpointId", endpointId,
                "eventId", before.eventId(), "eventType", before.eventType(), "before", before.state()));
        return findDelivery(org, endpointId, deliveryId);
    }

    /** An endpoint as the audit log keeps it (never its secret). */
    private static Map<String, Object> describe(Endpoint e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("url", e.url());
        d.put("eventTypes", e.eventTypes());
        d.put("description", e.description());
        d.put("enabled", e.enabled());
        return d;
    }

    /** The event id of the newest event the endpoint was sent, for tests and the page. */
    Optional<String> latestEventId(UUID endpointId) {
        return db.sql("select event_id from webhook_deliveries where endpoint_id = ? order by created_at desc, id desc limit 1")
                .param(endpointId).query(String.class).optional();
    }

    private Delivery findDelivery(Organization org, UUID endpointId, UUID deliveryId) {
        find(org, endpointId);
        List<Delivery> found = withLog(db.sql("""
                select d.*, ev.type from webhook_deliveries d join webhook_events ev on ev.id = d.event_id
                where d.id = ? and d.endpoint_id = ? and d.organization_id = ?""")
                .params(deliveryId, endpointId, org.id()).query(Webhooks::delivery).list());
        if (found.isEmpty()) throw Problem.notFound("The delivery");
        return found.get(0);
    }

    private Endpoint find(Organization org, UUID id) {
        return db.sql("select * from webhook_endpoints where id = ? and organization_id = ?").params(id, org.id())
                .query(Webhooks::endpoint).optional().orElseThrow(() -> Problem.notFound("The webhook endpoint"));
    }

    private List<Delivery> withLog(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) return deliveries;
        Map<UUID, List<Attempt>> log = new LinkedHashMap<>();
        db.sql("""
                select delivery_id, attempted_at, http_status, duration_ms, response_snippet, error from webhook_attempts
                where delivery_id in (:ids) order by attempted_at, id""")
                .param("ids", deliveries.stream().map(Delivery::id).toList())
                .query((rs, n) -> {
                    log.computeIfAbsent(rs.getObject("delivery_id", UUID.class), k -> new ArrayList<>()).add(new Attempt(
                            instant(rs, "attempted_at"), (Integer) rs.getObject("http_status", Integer.class), rs.getLong("duration_ms"),
                            rs.getString("response_snippet"), rs.getString("error")));
                    return null;
                }).list();
        return deliveries.stream().map(d -> new Delivery(d.id(), d.endpointId(), d.eventId(), d.eventType(), d.state(), d.attempts(),
                d.createdAt(), d.nextAttemptAt(), d.lastStatus(), log.getOrDefault(d.id(), List.of()))).toList();
    }

    private String checkUrl(@Nullable String url, Map<String, String> errors) {
        try {
            return addresses.check(url).toString();
        } catch (Problem problem) {
            problem.fieldErrors().forEach(e -> errors.put(e.field(), e.message()));
            return "";
        }
    }

    private static String checkTypes(@Nullable List<String> given, Map<String, String> errors) {
        if (given == null || given.isEmpty()) {
            errors.put("eventTypes", "Choose at least one event type.");
            return "";
        }
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String id = given.get(i) == null ? "" : given.get(i).strip();
            Optional<EventType> type = EventType.parse(id).filter(t -> t != EventType.WEBHOOK_TEST);
            if (type.isEmpty()) {
                errors.put("eventTypes[" + i + "]", "Unknown event type \"" + (id.length() > 50 ? id.substring(0, 50) + "…" : id) + "\"; use "
                        + EventType.subscribable().stream().map(EventType::id).collect(Collectors.joining(", ")) + ".");
            } else {
                types.add(type.get().id());
            }
        }
        return String.join(",", types);
    }

    private static @Nullable String checkDescription(@Nullable String description, Map<String, String> errors) {
        String text = description == null ? "" : description.strip();
        if (text.length() > MAX_DESCRIPTION) errors.put("description", "Keep the description under " + MAX_DESCRIPTION + " characters.");
        return text.isEmpty() ? null : text;
    }

    private static Endpoint endpoint(ResultSet rs, int row) throws SQLException {
        return new Endpoint(rs.getObject("id", UUID.class), rs.getString("url"), rs.getString("description"),
                List.of(rs.getString("event_types").split(",")), rs.getBoolean("enabled"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        Timestamp next = rs.getTimestamp("next_attempt_at");
        String state = rs.getString("state");
        return new Delivery(rs.getObject("id", UUID.class), rs.getObject("endpoint_id", UUID.class), rs.getString("event_id"),
                rs.getString("type"), state, rs.getInt("attempts"), instant(rs, "created_at"),
                next == null || !state.equals("pending") ? null : next.toInstant(), (Integer) rs.getObject("last_status", Integer.class),
                List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    /** Where a page of deliveries ends: the last one's creation time and id, opaque to callers. */
    record Cursor(Instant createdAt, UUID id) {

        String encode() {
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
            return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + "~" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int tilde = text.indexOf('~');
                long micros = Long.parseLong(text.substring(0, tilde));
                return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(text.substring(tilde + 1)));
            } catch (RuntimeException e) {
                throw Problem.invalidField("cursor", "This cursor is not valid; start again from the first page.");
            }
        }
    }
}
