/**
 * Verification for everyone: the public {@code /verify} page and {@code /api/v1/verify} API, which check any Open
 * Badges 3.0 credential (pasted, uploaded, or fetched from its address) with the credentials library, fetching
 * DID documents and status lists only from public addresses.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
@NullMarked
package io.guildmark.app.verification;

import org.jspecify.annotations.NullMarked;
