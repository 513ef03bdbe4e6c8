package io.guildmark.app.shared;

import java.util.Optional;

/** Turns an API key presented as a bearer token into the organization it acts for; implemented by organizations. */
public interface ApiKeyAuthenticator {

    Optional<Actor.OrganizationKey> authenticate(String presentedKey);
}
