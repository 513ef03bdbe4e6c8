package io.guildmark.app.organizations;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An organization as other modules see it. {@code approvalStateAsRead} is the operator's decision about it as an
 * issuer when this record was read; checks that must see a decision at once re-read it ({@link IssuerApprovals}).
 */
public record Organization(UUID id, String slug, String name, @Nullable String description, @Nullable String website,
        @Nullable String email, @Nullable String logoKey, @Nullable String logoContentType, String revocationMethod,
        Instant createdAt, Kind kind, String approvalStateAsRead) implements io.guildmark.app.shared.Actor.OrganizationAsRead {

    /** An association issues micro-credentials; an employer co-designs, endorses and relies on them; some do both. */
    public enum Kind {
        ISSUER, EMPLOYER, BOTH;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind parse(@Nullable String value) {
            if (value == null || value.isBlank()) return ISSUER;
            for (Kind kind : values()) if (kind.id().equals(value.trim().toLowerCase(java.util.Locale.ROOT))) return kind;
            throw io.guildmark.app.shared.Problem.invalidField("kind", "Choose issuer, employer or both.");
        }
    }

    public boolean issues() {
        return kind != Kind.EMPLOYER;
    }

    public boolean employs() {
        return kind != Kind.ISSUER;
    }

    public boolean hasLogo() {
        return logoKey != null;
    }
}
