package io.guildmark.app.issuing;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An award of a micro-credential to a person, as other modules see it. The signed credential is served separately.
 * It is sent to {@code recipientEmail}; {@code claimState} says whether the owner of that address has accepted it
 * ({@code recipientUserId} is the account that accepted or declined, {@code claimedAt} when). Who holds an award is
 * decided in one place only: {@link Awards#heldByUser}.
 */
public record Award(UUID id, UUID organizationId, UUID achievementId, int achievementVersion, String achievementName, String recipientEmail,
        String recipientName, @Nullable UUID recipientUserId, Instant issuedAt, Instant validFrom, @Nullable Instant validUntil,
        String state, @Nullable Instant revokedAt, @Nullable String revocationReason, @Nullable Instant claimedAt, String claimState,
        @Nullable Instant claimLinkExpiresAt, String chosenVisibility) {

    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String DECLINED = "declined";

    public boolean accepted() {
        return ACCEPTED.equals(claimState);
    }

    public boolean declined() {
        return DECLINED.equals(claimState);
    }

    /**
     * Who may open the badge's HTML page: the holder's choice once they have accepted it; until then (and once
     * declined) {@link Visibility#PRIVATE}. The signed credential, its JWT, baked images and status stay fetchable by
     * link whatever this says: verifiers need them.
     */
    public Visibility visibility() {
        return accepted() ? Visibility.of(chosenVisibility) : Visibility.PRIVATE;
    }

    /** Whether anyone may see this badge and show it elsewhere (a profile, an embed). */
    public boolean isPublic() {
        return visibility() == Visibility.PUBLIC;
    }

    public boolean revoked() {
        return "revoked".equals(state);
    }

    public boolean expired(Instant now) {
        return validUntil != null && !validUntil.isAfter(now);
    }

    /**
     * Published when a credential is signed and its rows are queued, inside the award's group of inserts
     * ({@link io.guildmark.app.shared.GroupedInserts}): a listener writes through that group, so its rows are written
     * with the award's or not at all, and reads nothing of the award back (not written yet): {@code award} is the award
     * as it will be stored. {@code awardedBy} is who awarded it; null when it was earned (the recipient met every
     * requirement, or a pathway or renewal completed) and the system issued it.
     */
    public record CredentialIssued(Award award, io.guildmark.app.shared.@Nullable Actor awardedBy) {

        public UUID awardId() {
            return award.id();
        }

        public UUID organizationId() {
            return award.organizationId();
        }

        public UUID achievementId() {
            return award.achievementId();
        }

        public String recipientEmail() {
            return award.recipientEmail();
        }
    }

    /** Published when the recipient accepts or declines an award ({@code decision} is {@link #ACCEPTED} or {@link #DECLINED}). */
    public record CredentialClaimed(UUID awardId, UUID organizationId, String decision) {}

    /** Published when a credential is revoked. */
    public record CredentialRevoked(UUID awardId, UUID organizationId, String reason) {}
}
