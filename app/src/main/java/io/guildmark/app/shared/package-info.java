/** The shared kernel: settings, the acting principal, errors, file storage and small value types. */
@NullMarked
package io.guildmark.app.shared;

import org.jspecify.annotations.NullMarked;
