package io.guildmark.app.pathways;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A pathway's working copy, as staff edit it. The public and learners see its published versions
 * ({@link PathwayVersion}); {@code unpublishedChanges} says whether this copy differs from the newest one.
 */
public record Pathway(UUID id, UUID organizationId, String name, @Nullable String description, Status status,
        CapstoneKind capstoneKind, @Nullable UUID capstoneAchievementId, RuleTree.Rule rules, List<UUID> deeperDives,
        int latestVersion, boolean unpublishedChanges, Instant createdAt, Instant updatedAt) {

    public Pathway {
        deeperDives = List.copyOf(deeperDives);
    }

    public enum Status {
        DRAFT, PUBLISHED, RETIRED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status parse(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * What finishing leads to: a stacked credential (a certificate, itself an Open Badges 3.0 achievement) awarded
     * automatically, or eligibility for a certification whose exam happens elsewhere, recorded and confirmed by letter.
     */
    public enum CapstoneKind {
        CREDENTIAL, ELIGIBILITY;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static CapstoneKind parse(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    public boolean published() {
        return status == Status.PUBLISHED;
    }
}
