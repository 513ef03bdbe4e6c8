package io.guildmark.credentials.jwt;

import com.nimbusds.jose.jwk.JWK;
import io.guildmark.credentials.did.AssertionKeys;
import io.guildmark.credentials.did.Did;
import io.guildmark.credentials.did.DidResolutionException;
import io.guildmark.credentials.did.DidResolver;
import io.guildmark.credentials.did.VerificationMethod;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Resolves VC-JWT keys through DID documents (or HTTPS controller documents, when the {@link DidResolver} handles
 * them): a {@code kid} is a DID URL naming a verification method that must be an
 * {@code assertionMethod}; its {@code publicKeyJwk}, or its Ed25519 {@code publicKeyMultibase} as an OKP JWK, is the key.
 */
public final class DidJwtKeyResolver implements JwtKeyResolver {

    private final DidResolver resolver;
    private final AssertionKeys assertionKeys;
    private final Clock clock;

    public DidJwtKeyResolver(DidResolver resolver) {
        this(resolver, Clock.systemUTC());
    }

    public DidJwtKeyResolver(DidResolver resolver, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.assertionKeys = new AssertionKeys(resolver, clock);
    }

    @Override
    public ResolvedKey byKid(String kid) throws JwtKeyResolutionException {
        if (!Did.isKeyId(kid)) {
            throw new JwtKeyResolutionException(JwtKeyResolutionException.Code.KEY_NOT_FOUND,
                    "only DID URLs and HTTPS URLs with a fragment are dereferenced as kid, not " + kid);
        }
        try {
            var method = assertionKeys.assertionMethod(kid);
            return new ResolvedKey(toJwk(method), method.controller());
        } catch (DidResolutionException e) {
            throw translate(e);
        }
    }

    @Override
    public List<JWK> byIssuer(String issuerId) throws JwtKeyResolutionException {
        if (!Did.isController(issuerId)) {
            return List.of();
        }
        try {
            var document = resolver.resolve(issuerId);
            var keys = new ArrayList<JWK>();
            var now = clock.instant();
            for (var id : document.assertionMethod()) {
                var method = document.verificationMethod(id);
                if (method.isEmpty() || (method.get().revoked() != null && !now.isBefore(method.get().revoked()))
                        || (method.get().expires() != null && !now.isBefore(method.get().expires()))) {
                    continue;
                }
                try {
                    keys.add(toJwk(method.get()));
                } catch (JwtKeyResolutionException e) {
                    // A method this library can't read is no key for JWTs; skip it.
                }
            }
            return keys;
        } catch (DidResolutionException e) {
            throw translate(e);
        }
    }

    private static JWK toJwk(VerificationMethod method) throws JwtKeyResolutionException {
        var json = method.publicJwk().orElseThrow(() -> new JwtKeyResolutionException(
                JwtKeyResolutionException.Code.UNSUPPORTED_KEY, "key " + method.id() + " has no usable public key"));
        try {
            var jwk = JWK.parse(json.toString());
            if (jwk.isPrivate()) {
                throw new JwtKeyResolutionException(JwtKeyResolutionException.Code.UNSUPPORTED_KEY,
                        "key " + method.id() + " publishes private key material");
            }
            return jwk;
        } catch (ParseException e) {
            throw new JwtKeyResolutionException(JwtKeyResolutionException.Code.UNSUPPORTED_KEY,
                    "key " + method.id() + " is not a valid JWK: " + e.getMessage(), e);
        }
    }

    private static JwtKeyResolutionException translate(DidResolutionException e) {
        var code = switch (e.code()) {
            case KEY_NOT_FOUND -> JwtKeyResolutionException.Code.KEY_NOT_FOUND;
            case KEY_RETIRED -> JwtKeyResolutionException.Code.KEY_RETIRED;
            case KEY_REVOKED, KEY_EXPIRED -> JwtKeyResolutionException.Code.KEY_REVOKED;
            case UNSUPPORTED_KEY_TYPE -> JwtKeyResolutionException.Code.UNSUPPORTED_KEY;
            default -> JwtKeyResolutionException.Code.NOT_RESOLVED;
        };
        return new JwtKeyResolutionException(code, e.getMessage(), e);
    }
}
