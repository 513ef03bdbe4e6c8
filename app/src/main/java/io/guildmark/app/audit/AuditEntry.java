package io.guildmark.app.audit;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One recorded action. {@code position} and {@code hash} are null until the sealer has chained it (within seconds).
 * {@code actorType} is {@code person}, {@code api-key}, {@code platform-admin} or {@code system}; {@code actorLabel} is
 * the person's e-mail address or the key's name.
 */
public record AuditEntry(long seq, String chainKey, @Nullable UUID organizationId, Instant occurredAt, String actorType,
        @Nullable String actorId, @Nullable String actorLabel, String action, String objectType, @Nullable String objectId,
        String changes, @Nullable Long position, @Nullable String hash) {

    /** Who did it, in words, for pages and exports. */
    public String actor() {
        return switch (actorType) {
            case "person" -> actorLabel == null ? "a person" : actorLabel;
            case "api-key" -> "API key " + (actorLabel == null ? actorId : "\"" + actorLabel + "\"");
            case "platform-admin" -> "platform administrator";
            default -> "system";
        };
    }

    /** When, in UTC to the second, for pages. */
    public String when() {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC).format(occurredAt);
    }

    public boolean sealed() {
        return position != null;
    }
}
