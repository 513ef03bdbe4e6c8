/** People's accounts: sign-up with e-mail verification, sign-in with throttling, password reset, second factors (passkeys, TOTP, recovery codes). */
@NullMarked
package io.guildmark.app.accounts;

import org.jspecify.annotations.NullMarked;
