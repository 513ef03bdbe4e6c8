package io.guildmark.app.organizations;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An organization as other modules see it. */
public record Organization(UUID id, String slug, String name, @Nullable String description, @Nullable String website,
        @Nullable String email, @Nullable String logoKey, @Nullable String logoContentType, String revocationMethod,
        Instant createdAt) {

    public boolean hasLogo() {
        return logoKey != null;
    }
}
