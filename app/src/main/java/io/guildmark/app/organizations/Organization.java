package io.guildmark.app.organizations;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An organization as other modules see it. {@code approvalStateAsRead} is the operator's decision about it as an
 * issuer when this record was read; checks that must see a decision at once re-read it ({@link IssuerApprovals}).
 * {@code stampsAsRead}: see {@link Stamps}.
 */
public record Organization(UUID id, String slug, String name, @Nullable String description, @Nullable String website,
        @Nullable String email, @Nullable String logoKey, @Nullable String logoContentType, String revocationMethod,
        Instant createdAt, Kind kind, String approvalStateAsRead, Stamps stampsAsRead)
        implements io.guildmark.app.shared.Actor.OrganizationAsRead {

    /**
     * Which contents of the organization's signing keys and of its catalog (micro-credentials and their versions) were
     * current when this record was read. Every write to those tables sets a new stamp in its own transaction (database
     * triggers, migration V5_571), and stamps are never reused, so what a node read of them under a stamp is still
     * current for as long as a fresh read of the organization's row shows that stamp: on every node at once, with no
     * time-based staleness. A record kept for long (a bulk job's) has old stamps, so its keepers read afresh.
     */
    public record Stamps(long issuerKeys, long catalog) {}

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
