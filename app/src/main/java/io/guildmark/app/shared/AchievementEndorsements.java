package io.guildmark.app.shared;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.json.JsonObject;

/**
 * The endorsements in force for a micro-credential: what the public catalog page and badge pages show, and what every
 * credential issued from now on embeds in its {@code Achievement}. Two modules ask (catalog and issuing) and the
 * endorsements module answers, which itself depends on both; without an implementation there are none. Answers come
 * from memory in the steady state: the award path asks once per award.
 */
public interface AchievementEndorsements {

    /** What a page shows of one endorsement. */
    record Shown(UUID id, String url, String endorserName, String endorserSlug, String statement, Instant endorsedAt) {}

    /** Active (not revoked, not hidden) endorsements of the micro-credential, newest first, as signed. */
    List<JsonObject> signedFor(UUID achievementId);

    /** The same endorsements as pages show them. */
    List<Shown> shownFor(UUID achievementId);

    /** Active endorsements of an association itself, as signed, for the issuer {@code Profile} of its new credentials. */
    List<JsonObject> signedForAssociation(UUID associationId);

    /** Active endorsements of an association itself (not of one of its micro-credentials), newest first, as pages show them. */
    List<Shown> shownForAssociation(UUID associationId);

    /**
     * As {@link #shownFor}, read from the database now rather than from memory (which another node's change reaches
     * within a second): for a page saved under a stamp of the endorsements read just before.
     */
    List<Shown> shownNowFor(UUID achievementId);

    /** As {@link #shownForAssociation}, read from the database now (see {@link #shownNowFor}). */
    List<Shown> shownNowForAssociation(UUID associationId);
}
