/**
 * People's accounts: sign-up with e-mail verification, several verified e-mail addresses, sign-in with throttling,
 * password reset, second factors (passkeys, TOTP, recovery codes), and the DIDs people add by proving control with a
 * signed challenge.
 */
@NullMarked
package io.guildmark.app.accounts;

import org.jspecify.annotations.NullMarked;
