package io.guildmark.app.accounts;

import java.util.List;
import java.util.UUID;

/**
 * Who insists that a person keeps a second factor. Organizations implement it (an organization may require one of
 * its staff); accounts ask it before a person turns off their last factor.
 */
public interface SecondFactorPolicy {

    /** The names of the organizations that require a second factor of this person; empty if none does. */
    List<String> organizationsRequiringOf(UUID userId);
}
