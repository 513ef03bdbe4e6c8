/**
 * The audit log: every privileged action (awards, revocations, key rotation, role changes, overrides, settings...)
 * recorded append-only with its actor, chained by hashes so that an altered or deleted entry is detected, and searched
 * and exported by an organization's owners and admins.
 */
@NullMarked
package io.guildmark.app.audit;

import org.jspecify.annotations.NullMarked;
