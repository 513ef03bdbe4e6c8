package io.guildmark.credentials.holder;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import io.guildmark.credentials.proof.Ed25519KeyPair;
import io.guildmark.credentials.proof.EddsaRdfc2022;
import io.guildmark.credentials.proof.ProofOptions;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * Makes the proofs {@link HolderProofVerifier} checks, the way a wallet does, with an Ed25519 key: for tests, the demo
 * and anyone scripting their own wallet. The signing is Nimbus JOSE+JWT's and the library's {@link EddsaRdfc2022}.
 */
public final class HolderProofs {

    private static final String CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2";

    private HolderProofs() {
    }

    /**
     * A compact JWS (EdDSA, {@code typ} JWT) with {@code iss} the DID, {@code aud}, {@code nonce}, {@code iat} and
     * {@code exp}.
     *
     * @param verificationMethod the DID URL of the key, written as {@code kid}
     */
    public static String jwt(Ed25519KeyPair key, String verificationMethod, String did, String nonce, String audience,
            Instant issuedAt, Duration lifetime) {
        JsonObject claims = Json.createObjectBuilder().add("iss", did).add("aud", audience).add("nonce", nonce)
                .add("iat", issuedAt.getEpochSecond()).add("exp", issuedAt.plus(lifetime).getEpochSecond()).build();
        return sign(key, verificationMethod, JOSEObjectType.JWT, claims);
    }

    /** A VP-JWT in the VCDM 1.1 style: the claims of {@link #jwt} and a {@code vp} claim naming the holder. */
    public static String presentationJwt(Ed25519KeyPair key, String verificationMethod, String did, String nonce, String audience,
            Instant issuedAt, Duration lifetime) {
        JsonObject claims = Json.createObjectBuilder().add("iss", did).add("aud", audience).add("nonce", nonce)
                .add("iat", issuedAt.getEpochSecond()).add("exp", issuedAt.plus(lifetime).getEpochSecond())
                .add("vp", Json.createObjectBuilder().add("@context", Json.createArrayBuilder().add(CREDENTIALS_V2))
                        .add("type", Json.createArrayBuilder().add("VerifiablePresentation")).add("holder", did))
                .build();
        return sign(key, verificationMethod, new JOSEObjectType("vp+jwt"), claims);
    }

    /**
     * A Verifiable Presentation (VCDM 2.0) of no credentials, with an {@code eddsa-rdfc-2022} proof for
     * {@code authentication} whose {@code challenge} is the nonce and {@code domain} the audience.
     */
    public static JsonObject presentation(Ed25519KeyPair key, String verificationMethod, String did, String nonce, String audience,
            Instant created) {
        JsonObject vp = Json.createObjectBuilder().add("@context", Json.createArrayBuilder().add(CREDENTIALS_V2))
                .add("type", Json.createArrayBuilder().add("VerifiablePresentation")).add("holder", did).build();
        ProofOptions options = new ProofOptions(verificationMethod, "authentication", created, null, audience, nonce);
        JsonObject signed = EddsaRdfc2022.create().sign(vp, options, key);
        // sign() writes a proof set (an array) for credentials; a presentation answering one challenge has one proof.
        return Json.createObjectBuilder(signed).add("proof", signed.getJsonArray("proof").getJsonObject(0)).build();
    }

    private static String sign(Ed25519KeyPair key, String verificationMethod, JOSEObjectType type, JsonObject claims) {
        try {
            OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(key.publicKey()))
                    .d(Base64URL.encode(key.privateKey())).build();
            JWSSigner signer = new Ed25519Signer(jwk);
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(type).keyID(verificationMethod).build(),
                    new Payload(claims.toString()));
            jws.sign(signer);
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
