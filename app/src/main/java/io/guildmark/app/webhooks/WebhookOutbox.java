package io.guildmark.app.webhooks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.earning.EnrollmentCreated;
import io.guildmark.app.earning.SubmissionDecided;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.membership.RosterMemberChanged;
import io.guildmark.app.pathways.PathwayCompleted;
import io.guildmark.app.shared.GroupedInserts;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.JsonLimits;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns domain events into webhook events: the event and one delivery per subscribed endpoint are written in the
 * transaction of the change itself, or queued in its group of inserts ({@link GroupedInserts}: an award's), since
 * listeners run synchronously inside it; so a change that is written is announced at least once and one that is not
 * never is. An organization without a subscription to the type costs a map lookup.
 */
@Component
class WebhookOutbox {

    private static final JsonMapper JSON = JsonLimits.builder().build();

    private final JdbcClient db;
    private final GroupedInserts inserts;
    private final SubscribedTypes subscribed;
    private final Awards awards;
    private final Achievements achievements;
    private final GuildmarkSettings settings;
    private final Clock clock;

    WebhookOutbox(JdbcClient db, GroupedInserts inserts, SubscribedTypes subscribed, Awards awards, Achievements achievements, GuildmarkSettings settings, Clock clock) {
        this.db = db;
        this.inserts = inserts;
        this.subscribed = subscribed;
        this.awards = awards;
        this.achievements = achievements;
        this.settings = settings;
        this.clock = clock;
    }

    /** Described from the event: the award's row is not written yet when it is published (it is queued with ours). */
    @EventListener
    void issued(Award.CredentialIssued e) {
        if (!subscribed.any(e.organizationId(), EventType.AWARD_ISSUED)) return;
        record(e.organizationId(), EventType.AWARD_ISSUED, awardData(e.award()), null);
    }

    @EventListener
    void claimed(Award.CredentialClaimed e) {
        if (!Award.ACCEPTED.equals(e.decision()) || !subscribed.any(e.organizationId(), EventType.AWARD_CLAIMED)) return;
        awards.find(e.awardId()).ifPresent(award -> {
            Map<String, Object> data = awardData(award);
            data.put("claimedAt", text(award.claimedAt()));
            record(e.organizationId(), EventType.AWARD_CLAIMED, data, null);
        });
    }

    @EventListener
    void revoked(Award.CredentialRevoked e) {
        if (!subscribed.any(e.organizationId(), EventType.AWARD_REVOKED)) return;
        awards.find(e.awardId()).ifPresent(award -> {
            Map<String, Object> data = awardData(award);
            data.put("revokedAt", text(award.revokedAt()));
            data.put("reason", e.reason());
            record(e.organizationId(), EventType.AWARD_REVOKED, data, null);
        });
    }

    @EventListener
    void enrolled(EnrollmentCreated e) {
        if (!subscribed.any(e.organizationId(), EventType.ENROLLMENT_CREATED)) return;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("enrollmentId", e.enrollmentId().toString());
        data.put("achievementId", e.achievementId().toString());
        data.put("achievementName", achievementName(e.achievementId()));
        data.put("learner", Map.of("email", e.email()));
        data.put("enrolledAt", text(e.enrolledAt()));
        record(e.organizationId(), EventType.ENROLLMENT_CREATED, data, null);
    }

    @EventListener
    void decided(SubmissionDecided e) {
        if (!subscribed.any(e.organizationId(), EventType.SUBMISSION_DECIDED)) return;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("submissionId", e.submissionId().toString());
        data.put("enrollmentId", e.enrollmentId().toString());
        data.put("achievementId", e.achievementId().toString());
        data.put("achievementName", achievementName(e.achievementId()));
        data.put("learner", Map.of("email", e.email()));
        data.put("decision", e.decision());
        data.put("decidedBy", e.decidedBy() == null ? "reviewers" : "staff");
        data.put("decidedAt", text(e.decidedAt()));
        record(e.organizationId(), EventType.SUBMISSION_DECIDED, data, null);
    }

    @EventListener
    void completed(PathwayCompleted e) {
        if (!subscribed.any(e.organizationId(), EventType.PATHWAY_COMPLETED)) return;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pathwayId", e.pathwayId().toString());
        data.put("version", e.version());
        data.put("learner", Map.of("email", e.email()));
        if (e.awardId() != null) {
            data.put("awardId", e.awardId().toString());
            data.put("credentialUrl", awards.credentialUrl(e.awardId()));
        }
        if (e.eligibilityId() != null) {
            data.put("eligibilityId", e.eligibilityId().toString());
            data.put("eligibilityUrl", settings.url("/pathways/eligibility/" + e.eligibilityId()));
        }
        record(e.organizationId(), EventType.PATHWAY_COMPLETED, data, null);
    }

    @EventListener
    void memberChanged(RosterMemberChanged e) {
        if (!subscribed.any(e.organizationId(), EventType.MEMBER_UPDATED)) return;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("memberNumber", e.memberNumber());
        data.put("change", e.change());
        data.put("status", e.status());
        if (e.memberType() != null) data.put("memberType", e.memberType());
        if (e.expiresOn() != null) data.put("expiresOn", e.expiresOn().toString());
        record(e.organizationId(), EventType.MEMBER_UPDATED, data, null);
    }

    /**
     * Writes an event and a delivery to each enabled endpoint subscribed to its type, or only to {@code onlyEndpoint}
     * (a test event); answers the event id, or {@code null} when no endpoint wants it.
     */
    @Nullable String record(UUID organizationId, EventType type, Map<String, Object> data, @Nullable UUID onlyEndpoint) {
        List<UUID> endpoints;
        if (onlyEndpoint != null) {
            endpoints = List.of(onlyEndpoint);
        } else {
            String wanted = type.id();
            endpoints = db.sql("select id, event_types from webhook_endpoints where organization_id = ? and enabled = true")
                    .param(organizationId)
                    .query((rs, n) -> List.of(rs.getString("event_types").split(",")).contains(wanted) ? rs.getObject("id", UUID.class) : null)
                    .list().stream().filter(java.util.Objects::nonNull).toList();
        }
        if (endpoints.isEmpty()) return null;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String id = MessageIds.next(now.toEpochMilli());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type.id());
        payload.put("timestamp", now.toString());
        payload.put("data", data);
        inserts.insert("insert into webhook_events (id, organization_id, type, payload, created_at) values (?, ?, ?, ?, ?)",
                id, organizationId, type.id(), JSON.writeValueAsString(payload), Timestamp.from(now));
        for (UUID endpoint : endpoints) {
            inserts.insert("""
                    insert into webhook_deliveries (id, event_id, endpoint_id, organization_id, state, attempts, next_attempt_at, created_at)
                    values (?, ?, ?, ?, 'pending', 0, ?, ?)""",
                    UUID.randomUUID(), id, endpoint, organizationId, Timestamp.from(now), Timestamp.from(now));
        }
        return id;
    }

    private Map<String, Object> awardData(Award award) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("awardId", award.id().toString());
        data.put("achievementId", award.achievementId().toString());
        data.put("achievementName", award.achievementName());
        data.put("recipient", Map.of("email", award.recipientEmail(), "name", award.recipientName()));
        data.put("issuedAt", text(award.issuedAt()));
        data.put("validFrom", text(award.validFrom()));
        if (award.validUntil() != null) data.put("validUntil", text(award.validUntil()));
        data.put("claimState", award.claimState());
        data.put("credentialUrl", awards.credentialUrl(award.id()));
        return data;
    }

    private @Nullable String achievementName(UUID achievementId) {
        return achievements.latestVersion(achievementId).map(v -> v.definition().name()).orElse(null);
    }

    private static @Nullable String text(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
