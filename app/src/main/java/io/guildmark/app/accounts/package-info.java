/**
 * People's accounts: sign-up with e-mail verification, sign-in with throttling, password reset, and the DIDs people
 * add by proving control with a signed challenge.
 */
@NullMarked
package io.guildmark.app.accounts;

import org.jspecify.annotations.NullMarked;
