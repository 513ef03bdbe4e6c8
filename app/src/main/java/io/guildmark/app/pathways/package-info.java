/** Stacking micro-credentials: pathways toward certificates and certification, progress along them. */
@NullMarked
package io.guildmark.app.pathways;

import org.jspecify.annotations.NullMarked;
