/**
 * Profiles: a person's opt-in public profile at {@code /people/{handle}} (name, headline, photo, the public badges they
 * put in collections they name) and their choices for badges (the visibility a badge takes on accepting it, whether
 * search engines may index their pages). The per-badge visibility itself is issuing's ({@code BadgeVisibility}).
 */
@NullMarked
package io.guildmark.app.profiles;

import org.jspecify.annotations.NullMarked;
