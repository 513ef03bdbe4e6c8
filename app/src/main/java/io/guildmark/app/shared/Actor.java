package io.guildmark.app.shared;

import java.util.UUID;

/**
 * Who is making a request: a signed-in person, an organization's API key, or the platform administrator. Every
 * module call that touches an organization's data takes one, so authorization is checked where the data is.
 */
public sealed interface Actor {

    /** A person signed in through the web pages. */
    record Person(UUID userId, String email, boolean platformAdmin) implements Actor {}

    /** An API key; it acts only inside the one organization it belongs to. */
    record OrganizationKey(UUID keyId, UUID organizationId) implements Actor {}

    /** The platform administrator (the bootstrap token {@code GUILDMARK_ADMIN_TOKEN}). */
    record PlatformAdmin() implements Actor {}

    default boolean isPlatformAdmin() {
        return this instanceof PlatformAdmin || (this instanceof Person p && p.platformAdmin());
    }
}
