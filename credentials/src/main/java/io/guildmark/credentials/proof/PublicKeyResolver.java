package io.guildmark.credentials.proof;

import java.util.Arrays;

/**
 * Finds the Ed25519 public key of a proof's {@code verificationMethod} (Data Integrity 1.0 "Retrieve
 * verification method"). DID-based resolution lives in the {@code did} package.
 */
@FunctionalInterface
public interface PublicKeyResolver {

    /**
     * The 32-byte Ed25519 public key of {@code verificationMethodId}.
     *
     * @throws KeyResolutionException when the method is unknown or is not an Ed25519 key
     */
    byte[] ed25519PublicKey(String verificationMethodId) throws KeyResolutionException;

    /** A resolver that knows exactly one verification method, for tests and pinned keys. */
    static PublicKeyResolver fixed(String verificationMethodId, byte[] publicKey) {
        byte[] key = publicKey.clone();
        return id -> {
            if (!verificationMethodId.equals(id)) {
                throw new KeyResolutionException("Unknown verification method " + id);
            }
            return Arrays.copyOf(key, key.length);
        };
    }
}
