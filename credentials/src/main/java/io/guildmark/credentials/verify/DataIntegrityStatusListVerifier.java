package io.guildmark.credentials.verify;

import io.guildmark.credentials.did.Did;
import io.guildmark.credentials.did.DidPublicKeyResolver;
import io.guildmark.credentials.did.DidResolver;
import io.guildmark.credentials.proof.EddsaRdfc2022;
import io.guildmark.credentials.proof.KeyResolutionException;
import io.guildmark.credentials.proof.PublicKeyResolver;
import io.guildmark.credentials.status.StatusListVerifier;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a status list credential's eddsa-rdfc-2022 proof (Bitstring Status List "Validate Algorithm"), accepting only keys
 * that are current assertion methods of the list's own issuer DID. {@link Verifier} uses it by default; the
 * application can use it with a {@link io.guildmark.credentials.status.StatusChecker} of its own.
 */
public final class DataIntegrityStatusListVerifier implements StatusListVerifier {

    private final DidPublicKeyResolver keys;
    private final EddsaRdfc2022 suite;

    public DataIntegrityStatusListVerifier(DidResolver resolver, Clock clock) {
        this(resolver, clock, EddsaRdfc2022.create());
    }

    DataIntegrityStatusListVerifier(DidResolver resolver, Clock clock, EddsaRdfc2022 suite) {
        this.keys = new DidPublicKeyResolver(Objects.requireNonNull(resolver, "resolver"), clock);
        this.suite = Objects.requireNonNull(suite, "suite");
    }

    @Override
    public Optional<String> problem(JsonObject statusListCredential) {
        var issuerId = Verifier.issuerId(statusListCredential);
        PublicKeyResolver issuersKeys = vm -> {
            if (issuerId == null || !Did.isKeyId(vm) || !Did.controllerOf(vm).equals(issuerId)) {
                throw new KeyResolutionException("key " + vm + " does not belong to the list's issuer " + issuerId);
            }
            return keys.ed25519PublicKey(vm);
        };
        var result = suite.verify(statusListCredential, issuersKeys);
        return result.isValid() ? Optional.empty() : Optional.of(result.message());
    }
}
