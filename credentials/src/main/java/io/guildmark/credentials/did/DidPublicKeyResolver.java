package io.guildmark.credentials.did;

import io.guildmark.credentials.proof.KeyResolutionException;
import io.guildmark.credentials.proof.PublicKeyResolver;
import java.time.Clock;

/**
 * Resolves the Ed25519 key of a Data Integrity proof's {@code verificationMethod} through the issuer's DID document.
 * The method must be listed under {@code assertionMethod} and be neither revoked nor expired (see
 * {@link AssertionKeys}). A failure is a {@link KeyResolutionException} whose cause is the
 * {@link DidResolutionException} with its code (KEY_RETIRED, KEY_REVOKED, NOT_FOUND, …).
 */
public final class DidPublicKeyResolver implements PublicKeyResolver {

    private final AssertionKeys keys;

    public DidPublicKeyResolver(DidResolver resolver) {
        this(resolver, Clock.systemUTC());
    }

    public DidPublicKeyResolver(DidResolver resolver, Clock clock) {
        this.keys = new AssertionKeys(resolver, clock);
    }

    @Override
    public byte[] ed25519PublicKey(String verificationMethodId) throws KeyResolutionException {
        try {
            return keys.assertionMethod(verificationMethodId).ed25519PublicKey();
        } catch (DidResolutionException e) {
            throw new KeyResolutionException(e.getMessage(), e);
        }
    }

    /** The DID resolution code behind a key resolution failure, if it came from this resolver. */
    public static java.util.Optional<DidResolutionException.Code> codeOf(KeyResolutionException e) {
        return e.getCause() instanceof DidResolutionException d ? java.util.Optional.of(d.code()) : java.util.Optional.empty();
    }
}
