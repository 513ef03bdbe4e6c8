package io.guildmark.credentials.did;

import io.guildmark.credentials.proof.Multikey;

/**
 * Resolves {@code did:key} DIDs for Ed25519 keys ({@code did:key:z6Mk…}) without any network access (did:key Method
 * v0.7 "Document Creation Algorithm"): one Multikey method {@code did:key:z6Mk…#z6Mk…}, listed under
 * {@code assertionMethod} and {@code authentication}.
 */
public final class DidKeyResolver implements DidResolver {

    @Override
    public DidDocument resolve(String did) throws DidResolutionException {
        var bare = Did.withoutFragment(did);
        if (!Did.isDid(bare) || !bare.startsWith("did:key:")) {
            throw new DidResolutionException(DidResolutionException.Code.INVALID_DID,
                    "not a did:key DID: " + Did.abbreviate(did));
        }
        var multibase = bare.substring("did:key:".length());
        byte[] key;
        try {
            key = Multikey.decodePublicKey(multibase);
        } catch (IllegalArgumentException e) {
            throw new DidResolutionException(DidResolutionException.Code.UNSUPPORTED_KEY_TYPE,
                    "only Ed25519 did:key DIDs (z6Mk…) are supported: " + e.getMessage(), e);
        }
        return DidDocument.builder(bare)
                .assertionKey(VerificationMethod.ed25519Multikey(bare + "#" + multibase, bare, key))
                .build();
    }

    /** The did:key DID of a raw Ed25519 public key. */
    public static String didFor(byte[] ed25519PublicKey) {
        return "did:key:" + Multikey.encodePublicKey(ed25519PublicKey);
    }

    /** The verification method id of a raw Ed25519 public key: {@code did:key:z6Mk…#z6Mk…}. */
    public static String verificationMethodFor(byte[] ed25519PublicKey) {
        var multibase = Multikey.encodePublicKey(ed25519PublicKey);
        return "did:key:" + multibase + "#" + multibase;
    }
}
