/**
 * Webhooks: organizations subscribe HTTPS endpoints to events (awards issued, claimed and revoked, enrollments,
 * decided work products, completed pathways, roster changes). Events are written with the change they announce (a
 * transactional outbox) and delivered signed the Standard Webhooks way, retried with backoff for about a day, with a
 * delivery log. See docs/webhooks.md.
 */
@NullMarked
package io.guildmark.app.webhooks;

import org.jspecify.annotations.NullMarked;
