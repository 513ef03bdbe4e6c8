/** Demo mode: a realistic association, its micro-credentials and sign-ins, created on the first start. */
@NullMarked
package io.guildmark.app.demo;

import org.jspecify.annotations.NullMarked;
