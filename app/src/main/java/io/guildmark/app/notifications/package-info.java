/** E-mail: written to an outbox with the change it announces, delivered over SMTP by a background job. */
@NullMarked
package io.guildmark.app.notifications;

import org.jspecify.annotations.NullMarked;
