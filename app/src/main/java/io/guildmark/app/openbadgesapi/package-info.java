/**
 * The Open Badges 3.0 API, Host role (1EdTech): the service description at {@code /ims/ob/v3p0/discovery}, OAuth 2.0
 * authorization code with PKCE on Spring Authorization Server, open dynamic client registration (RFC 7591), the
 * consent page, {@code /ims/ob/v3p0/credentials} and {@code /ims/ob/v3p0/profile} for the person a token stands for,
 * and the connected apps page where a person sees and revokes what they allowed.
 */
@NullMarked
package io.guildmark.app.openbadgesapi;

import org.jspecify.annotations.NullMarked;
