package io.guildmark.credentials.did;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Finds the key behind a verification method id and checks that the DID's controller still authorizes it for making
 * assertions, which is the check both Data Integrity proofs and VC-JWTs need (DID Core §5.3.2 "assertionMethod").
 *
 * <p>Key rotation: a retired key is removed from {@code assertionMethod} (signatures made with it stop verifying);
 * a compromised key is additionally marked {@code "revoked": "<dateTime>"}. A key that is still listed keeps verifying,
 * so credentials signed before a routine rotation stay valid as long as the issuer keeps the old key listed.
 */
public final class AssertionKeys {

    private final DidResolver resolver;
    private final Clock clock;

    public AssertionKeys(DidResolver resolver) {
        this(resolver, Clock.systemUTC());
    }

    public AssertionKeys(DidResolver resolver, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param verificationMethodId a DID URL or HTTPS URL with a fragment, e.g. {@code did:web:example.com#key-1}
     * @return the method, which is listed under {@code assertionMethod} and neither revoked nor expired
     * @throws DidResolutionException with KEY_NOT_FOUND, KEY_RETIRED, KEY_REVOKED, KEY_EXPIRED or a resolution code
     */
    public VerificationMethod assertionMethod(String verificationMethodId) throws DidResolutionException {
        if (!Did.isKeyId(verificationMethodId)) {
            throw new DidResolutionException(DidResolutionException.Code.INVALID_DID,
                    "verification method is not a DID URL or HTTPS URL with a fragment: "
                            + Did.abbreviate(verificationMethodId));
        }
        var document = resolver.resolve(Did.controllerOf(verificationMethodId));
        var method = document.verificationMethod(verificationMethodId).orElseThrow(() -> new DidResolutionException(
                DidResolutionException.Code.KEY_NOT_FOUND,
                "key " + verificationMethodId + " is not in the DID document of " + document.id()));
        Instant now = clock.instant();
        if (method.revoked() != null && !now.isBefore(method.revoked())) {
            throw new DidResolutionException(DidResolutionException.Code.KEY_REVOKED,
                    "key " + method.id() + " was revoked on " + method.revoked());
        }
        if (!document.isAssertionMethod(method.id())) {
            throw new DidResolutionException(DidResolutionException.Code.KEY_RETIRED,
                    "key " + method.id() + " has been retired: it is no longer an assertion method of " + document.id());
        }
        if (method.expires() != null && !now.isBefore(method.expires())) {
            throw new DidResolutionException(DidResolutionException.Code.KEY_EXPIRED,
                    "key " + method.id() + " expired on " + method.expires());
        }
        if (!method.controller().equals(document.id())) {
            throw new DidResolutionException(DidResolutionException.Code.KEY_NOT_FOUND,
                    "key " + method.id() + " is controlled by " + method.controller() + ", not by " + document.id());
        }
        return method;
    }
}
