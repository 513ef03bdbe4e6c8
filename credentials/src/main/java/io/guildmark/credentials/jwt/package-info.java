/**
 * VC-JWT: Open Badges 3.0 §8.2 "JSON Web Token Proof Format". The JWT payload is the credential itself with the
 * registered claims {@code iss} (issuer id), {@code sub} (credentialSubject id), {@code nbf} (validFrom), {@code jti}
 * (credential id), {@code exp} (validUntil) and {@code iat} added; tokens in the VCDM 1.1 style, with the credential
 * in a {@code vc} claim, are read too (note under "Verify a Credential"). RS256 is the default, being the one
 * algorithm every OB 3.0 verifier must accept; ES256 and EdDSA (Ed25519) are supported. {@code none} and HMAC are
 * refused.
 */
package io.guildmark.credentials.jwt;
