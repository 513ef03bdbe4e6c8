/**
 * Expiry and renewal of credentials with a validity period: reminders before they expire, and renewal by the path the
 * designer sets (earning it again, credits earned since, or staff review), issuing a new credential that references
 * the old one.
 */
@NullMarked
package io.guildmark.app.renewals;

import org.jspecify.annotations.NullMarked;
