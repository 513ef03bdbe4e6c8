package io.guildmark.app.codesign;

import java.util.UUID;

/**
 * A version was published whose exact revision an employer partner had signed off: the employer is named as its
 * co-designer. Published inside the publication's transaction, once per employer and version. Endorsements listen
 * for it to issue the co-designer endorsement ({@code Endorsements.endorseAsCoDesigner(employerId, achievementId,
 * String.valueOf(version))}).
 *
 * @param revisionHash the SHA-256 of the definition and rubric the employer signed off (see docs/co-design.md)
 */
public record CoDesignSignedOff(UUID achievementId, int version, UUID employerId, String revisionHash) {}
