/** Co-design of draft micro-credentials with employer partners: sharing, comments in place, proposals, sign-off, co-designers. */
@NullMarked
package io.guildmark.app.codesign;

import org.jspecify.annotations.NullMarked;
