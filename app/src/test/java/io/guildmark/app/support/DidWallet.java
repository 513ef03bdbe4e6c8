package io.guildmark.app.support;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.guildmark.app.accounts.AccountDids;
import io.guildmark.credentials.did.DidKeyResolver;
import io.guildmark.credentials.holder.HolderProofs;
import io.guildmark.credentials.proof.Ed25519KeyPair;

/** A learner's wallet in tests: a fresh did:key, and answers to the platform's challenges signed with its key. */
public final class DidWallet {

    private final Ed25519KeyPair key = Ed25519KeyPair.generate();

    public String did() {
        return DidKeyResolver.didFor(key.publicKey());
    }

    public String keyId() {
        return DidKeyResolver.verificationMethodFor(key.publicKey());
    }

    /** A compact JWS answering the challenge, valid five minutes. */
    public String jwt(AccountDids.DidChallenge challenge) {
        return HolderProofs.jwt(key, keyId(), did(), challenge.nonce(), challenge.audience(), Instant.now(), Duration.ofMinutes(5));
    }

    /** A Verifiable Presentation with an eddsa-rdfc-2022 proof answering the challenge, as JSON text. */
    public String presentation(AccountDids.DidChallenge challenge) {
        return HolderProofs.presentation(key, keyId(), did(), challenge.nonce(), challenge.audience(), Instant.now()).toString();
    }

    /** Proves control of this wallet's DID for the account, as a person would on the account page; answers the DID. */
    public String proveFor(AccountDids dids, UUID userId) {
        dids.prove(userId, jwt(dids.challenge(userId)));
        return did();
    }
}
