package io.guildmark.app.support;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import io.guildmark.app.accounts.AccountDids;
import io.guildmark.credentials.did.DidKeyResolver;
import io.guildmark.credentials.holder.HolderProofs;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import io.guildmark.credentials.proof.EddsaRdfc2022;
import io.guildmark.credentials.proof.ProofOptions;
import jakarta.json.Json;
import jakarta.json.JsonObject;

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

    /**
     * Signs a presentation as a wallet does when a verifier asks: one {@code eddsa-rdfc-2022} proof for authentication
     * naming the challenge and domain, holder this wallet's DID. Answers the signed presentation.
     */
    public JsonObject sign(JsonObject presentation, String challenge, String domain) {
        JsonObject vp = Json.createObjectBuilder(presentation).add("holder", did()).build();
        JsonObject signed = EddsaRdfc2022.create().sign(vp, new ProofOptions(keyId(), "authentication", Instant.now(), null, domain, challenge), key);
        return Json.createObjectBuilder(signed).add("proof", signed.getJsonArray("proof").getJsonObject(0)).build();
    }

    /** The same presentation as a VP-JWT (VCDM 1.1 style: {@code vp} claim, {@code iss}, {@code aud}, {@code nonce}), EdDSA. */
    public String signJwt(JsonObject presentation, String challenge, String domain) {
        JsonObject vp = Json.createObjectBuilder(presentation).add("holder", did()).build();
        Instant now = Instant.now();
        JsonObject claims = Json.createObjectBuilder().add("iss", did()).add("aud", domain).add("nonce", challenge)
                .add("iat", now.getEpochSecond()).add("exp", now.plus(Duration.ofMinutes(5)).getEpochSecond()).add("vp", vp).build();
        try {
            OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(key.publicKey())).d(Base64URL.encode(key.privateKey())).build();
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(new JOSEObjectType("vp+jwt")).keyID(keyId()).build(),
                    new Payload(claims.toString()));
            jws.sign(new Ed25519Signer(jwk));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Proves control of this wallet's DID for the account, as a person would on the account page; answers the DID. */
    public String proveFor(AccountDids dids, UUID userId) {
        dids.prove(userId, jwt(dids.challenge(userId)));
        return did();
    }
}
