package io.guildmark.app.endorsements;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One endorsement as both sides see it: who endorsed what, in which words, and where it stands.
 *
 * @param achievementId the endorsed micro-credential, or null when the association itself is endorsed
 * @param kind {@code statement} (an employer's own words) or {@code co-design} (its sign-off of a version it co-designed)
 * @param partnershipEndedAt when the employer stopped being the association's partner (the endorsement is then not
 *                           shown nor embedded), null while it is one
 */
public record Endorsement(UUID id, String url, UUID employerId, String employerSlug, String employerName, UUID associationId,
        String associationSlug, String associationName, @Nullable UUID achievementId, String subjectName, String kind,
        String statement, Instant createdAt, @Nullable Instant revokedAt, @Nullable Instant hiddenAt,
        @Nullable Instant partnershipEndedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }

    public boolean hidden() {
        return hiddenAt != null;
    }

    /** Not shown because the partnership ended (and not revoked or hidden for another reason). */
    public boolean partnershipEnded() {
        return partnershipEndedAt != null;
    }

    /**
     * {@code revoked} (by the employer) wins over {@code hidden} (by the association), which wins over
     * {@code partnership-ended}; otherwise {@code active}.
     */
    public String state() {
        return revoked() ? "revoked" : hidden() ? "hidden" : partnershipEnded() ? "partnership-ended" : "active";
    }

    public boolean ofAssociation() {
        return achievementId == null;
    }
}
