package io.guildmark.credentials.jwt;

import com.nimbusds.jose.jwk.JWK;
import java.util.List;

/**
 * Finds the public keys that may verify an issuer's VC-JWTs (OB 3.0 "Dereferencing the Public Key").
 * {@link DidJwtKeyResolver} reads them from DID documents.
 */
public interface JwtKeyResolver {

    /** A public key and who controls it. */
    record ResolvedKey(JWK publicKey, String controller) {
    }

    /**
     * Dereferences a {@code kid} to the public key it names.
     *
     * @throws JwtKeyResolutionException if the key can't be found or may no longer be used
     */
    ResolvedKey byKid(String kid) throws JwtKeyResolutionException;

    /**
     * The keys the issuer currently uses for assertions. A key presented in a JWT's {@code jwk} header is trusted only
     * if it is one of these; otherwise anyone could sign a credential in the issuer's name.
     *
     * @throws JwtKeyResolutionException if the issuer's keys can't be looked up
     */
    List<JWK> byIssuer(String issuerId) throws JwtKeyResolutionException;
}
