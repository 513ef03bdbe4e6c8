package io.guildmark.app.accounts;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A person with an account. The password hash never leaves this module; their DIDs are {@link AccountDids}'. */
public record User(UUID id, String email, String name, @Nullable Instant emailVerifiedAt, boolean platformAdmin, Instant createdAt,
        @Nullable String employer) {

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }
}
