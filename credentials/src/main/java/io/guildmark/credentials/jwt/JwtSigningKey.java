package io.guildmark.credentials.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.util.Objects;

/**
 * A private key for signing VC-JWTs, with the {@code kid} (a DID URL of the issuer's verification method) that
 * verifiers use to find the public key. Without a kid, the public key is embedded in the header as {@code jwk}.
 * The algorithm follows the key: RSA → RS256, EC P-256 → ES256, Ed25519 → EdDSA.
 */
public final class JwtSigningKey {

    private final JWK privateJwk;
    private final JWSAlgorithm algorithm;
    private final String kid;
    private final boolean embedJwk;

    private JwtSigningKey(JWK privateJwk, JWSAlgorithm algorithm, String kid, boolean embedJwk) {
        if (!privateJwk.isPrivate()) {
            throw new IllegalArgumentException("a signing key needs the private part");
        }
        this.privateJwk = privateJwk;
        this.algorithm = algorithm;
        this.kid = kid;
        this.embedJwk = embedJwk || kid == null;
    }

    /** RS256 with an RSA key of at least 2048 bits. */
    public static JwtSigningKey rsa(RSAKey key, String kid) {
        if (key.size() < 2048) {
            throw new IllegalArgumentException("RSA keys must have at least 2048 bits");
        }
        return new JwtSigningKey(key, JWSAlgorithm.RS256, kid, false);
    }

    /** ES256 with a P-256 key. */
    public static JwtSigningKey ec(ECKey key, String kid) {
        if (!Curve.P_256.equals(key.getCurve())) {
            throw new IllegalArgumentException("only P-256 (ES256) EC keys are supported");
        }
        return new JwtSigningKey(key, JWSAlgorithm.ES256, kid, false);
    }

    /** EdDSA with an Ed25519 key. */
    public static JwtSigningKey ed25519(OctetKeyPair key, String kid) {
        if (!Curve.Ed25519.equals(key.getCurve())) {
            throw new IllegalArgumentException("only Ed25519 OKP keys are supported");
        }
        return new JwtSigningKey(key, JWSAlgorithm.EdDSA, kid, false);
    }

    /** EdDSA from raw 32-byte Ed25519 private (seed) and public keys, e.g. the issuer's Data Integrity key. */
    public static JwtSigningKey ed25519(byte[] privateKey, byte[] publicKey, String kid) {
        if (privateKey.length != 32 || publicKey.length != 32) {
            throw new IllegalArgumentException("Ed25519 keys have 32 bytes");
        }
        return ed25519(new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(publicKey))
                .d(Base64URL.encode(privateKey)).build(), kid);
    }

    /** A fresh 2048-bit RSA key. */
    public static JwtSigningKey generateRsa(String kid) {
        try {
            return rsa(new RSAKeyGenerator(2048).generate(), kid);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh Ed25519 key. */
    public static JwtSigningKey generateEd25519(String kid) {
        try {
            return ed25519(new OctetKeyPairGenerator(Curve.Ed25519).generate(), kid);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same key, but the header carries the public key as {@code jwk} instead of (or besides) a {@code kid}. */
    public JwtSigningKey withEmbeddedJwk() {
        return new JwtSigningKey(privateJwk, algorithm, kid, true);
    }

    /** The same key under another kid (e.g. after publishing it in the DID document). */
    public JwtSigningKey withKid(String newKid) {
        return new JwtSigningKey(privateJwk, algorithm, Objects.requireNonNull(newKid, "kid"), false);
    }

    /** The public key, safe to publish (never contains {@code d}). */
    public JWK publicJwk() {
        return privateJwk.toPublicJWK();
    }

    /** {@code RS256}, {@code ES256} or {@code EdDSA}. */
    public String algorithm() {
        return algorithm.getName();
    }

    /** The kid, or {@code null}. */
    public String kid() {
        return kid;
    }

    JWK privateJwk() {
        return privateJwk;
    }

    boolean embedJwk() {
        return embedJwk;
    }

    JWSAlgorithm jwsAlgorithm() {
        return algorithm;
    }

    JWSSigner signer() throws JOSEException {
        if (privateJwk instanceof RSAKey rsa) {
            return new RSASSASigner(rsa);
        }
        if (privateJwk instanceof ECKey ec) {
            return new ECDSASigner(ec);
        }
        return new Ed25519Signer((OctetKeyPair) privateJwk);
    }
}
