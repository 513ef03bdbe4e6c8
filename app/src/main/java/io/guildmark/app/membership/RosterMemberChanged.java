package io.guildmark.app.membership;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Published in the transaction that creates, changes or removes a roster member ({@code change} is {@code created},
 * {@code updated} or {@code removed}); an unchanged upsert publishes nothing. Webhooks listen.
 */
public record RosterMemberChanged(UUID organizationId, String memberNumber, String change, String status, @Nullable String memberType,
        @Nullable LocalDate expiresOn) {}
