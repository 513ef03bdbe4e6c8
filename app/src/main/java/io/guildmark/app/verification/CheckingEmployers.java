package io.guildmark.app.verification;

import java.util.List;
import java.util.UUID;

import io.guildmark.app.shared.Actor;

/**
 * The employer organizations a batch check may be kept for: an employer account keeps its past checks, shared by its
 * recruiters. The module that knows organizations and roles answers; verification itself depends on no module, so
 * without an answer every check is personal (or not kept).
 */
public interface CheckingEmployers {

    /** An employer organization, as the batch pages name it. */
    record Employer(UUID id, String slug, String name) {}

    /** The employers this person checks candidates for (their recruiters, owners and admins), by name. */
    List<Employer> of(Actor.Person person);

    /**
     * The employer with this short name, if the actor checks candidates for it (a recruiter, owner or admin, or the
     * employer's own API key); otherwise a problem: 404 for outsiders, 403 for members without the role or for an
     * organization that is no employer.
     */
    Employer require(Actor actor, String slug);

    /** Whether the actor checks candidates for the employer with this id (who may see its past checks). */
    boolean allowed(Actor actor, UUID employerId);

    /** The employer an API key belongs to, when the key's organization is an employer; else null. */
    @org.jspecify.annotations.Nullable Employer ofKey(Actor.OrganizationKey key);
}
