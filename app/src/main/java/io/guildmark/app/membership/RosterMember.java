package io.guildmark.app.membership;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One member of an association as its membership system knows them. */
public record RosterMember(UUID id, UUID organizationId, String memberNumber, String name, List<String> emails,
        Status status, @Nullable String memberType, @Nullable LocalDate expiresOn, Instant updatedAt) {

    /** The standing an association-management system reports; active and grace count as membership. */
    public enum Status {
        ACTIVE, GRACE, LAPSED, SUSPENDED, CANCELLED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean counts() {
            return this == ACTIVE || this == GRACE;
        }
    }

    /** A member in good standing on the day: an active (or grace-period) status, not past the expiry date. */
    public boolean activeOn(LocalDate day) {
        return status.counts() && (expiresOn == null || !expiresOn.isBefore(day));
    }
}
