package io.guildmark.app.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * A published version of a micro-credential, frozen: what an award points at and what its badge describes.
 *
 * @param id the public address of this version, {@code {baseUrl}/achievements/{achievementId}/versions/{version}}: the
 *     {@code id} of the OB 3.0 {@code Achievement} in credentials issued under it
 * @param imageUrl the public address of the badge image, if it has one
 * @param currentStatus the micro-credential's status now; only a {@code PUBLISHED} one may be awarded
 * @param latest whether this is the newest published version
 */
public record AchievementVersion(UUID achievementId, UUID organizationId, int version, AchievementDefinition definition,
        Instant publishedAt, String id, @org.jspecify.annotations.Nullable String imageUrl, AchievementStatus currentStatus,
        boolean latest) {

    /**
     * Whether the image is an upload served by this platform. Pages show only those: their content security policy
     * loads no images from elsewhere, and a reader's browser should not contact other sites.
     */
    public boolean hasUploadedImage() {
        return definition.imageKey() != null;
    }

    /** Whether new awards may be made under this version (it is the latest, and the micro-credential is not retired). */
    public boolean awardable() {
        return latest && currentStatus == AchievementStatus.PUBLISHED;
    }
}
