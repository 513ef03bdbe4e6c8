package io.guildmark.app.shared;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Who is making a request: a signed-in person, an organization's API key, or the platform administrator. Every
 * module call that touches an organization's data takes one, so authorization is checked where the data is.
 */
public sealed interface Actor {

    /** A person signed in through the web pages. */
    record Person(UUID userId, String email, boolean platformAdmin) implements Actor {}

    /**
     * An API key; it acts only inside the one organization it belongs to. {@code organizationAsRead} is that
     * organization's row as read together with the key for this request (null where it was not), so the request need
     * not read it again; it lives only as long as the request, so nothing in it goes stale across requests.
     */
    record OrganizationKey(UUID keyId, UUID organizationId, @Nullable OrganizationAsRead organizationAsRead) implements Actor {

        public OrganizationKey(UUID keyId, UUID organizationId) {
            this(keyId, organizationId, null);
        }
    }

    /** An organization's row as read (the organizations module's {@code Organization}; this kernel cannot name it). */
    interface OrganizationAsRead {
        UUID id();
    }

    /** The platform administrator (the bootstrap token {@code GUILDMARK_ADMIN_TOKEN}). */
    record PlatformAdmin() implements Actor {}

    default boolean isPlatformAdmin() {
        return this instanceof PlatformAdmin || (this instanceof Person p && p.platformAdmin());
    }
}
