package io.guildmark.credentials.proof;

import java.util.Arrays;

/**
 * Ed25519 keys as Multikey values (Controlled Identifiers 1.0, "Multikey"): base58btc multibase of a multicodec header
 * — varint {@code 0xed} ({@code ed 01}) for a public key, {@code 0x1300} ({@code 80 26}) for a private key —
 * followed by the 32 raw key bytes. A public key encodes to {@code z6Mk…}.
 */
public final class Multikey {

    private static final byte[] ED25519_PUB = {(byte) 0xed, 0x01};

    private static final byte[] ED25519_PRIV = {(byte) 0x80, 0x26};

    private Multikey() {
    }

    /** The {@code publicKeyMultibase} of a 32-byte Ed25519 public key. */
    public static String encodePublicKey(byte[] publicKey) {
        return Multibase.encodeBase58Btc(prefixed(ED25519_PUB, publicKey));
    }

    /** The {@code secretKeyMultibase} of a 32-byte Ed25519 private key (seed). */
    public static String encodePrivateKey(byte[] privateKey) {
        return Multibase.encodeBase58Btc(prefixed(ED25519_PRIV, privateKey));
    }

    /** The 32 raw bytes of an Ed25519 {@code publicKeyMultibase} ({@code z6Mk…}). */
    public static byte[] decodePublicKey(String multikey) {
        return unprefixed(ED25519_PUB, multikey, "public");
    }

    /** The 32 raw bytes of an Ed25519 {@code secretKeyMultibase}. */
    public static byte[] decodePrivateKey(String multikey) {
        return unprefixed(ED25519_PRIV, multikey, "private");
    }

    private static byte[] prefixed(byte[] header, byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("An Ed25519 key has 32 bytes, not " + key.length);
        }
        byte[] out = Arrays.copyOf(header, 34);
        System.arraycopy(key, 0, out, 2, 32);
        return out;
    }

    private static byte[] unprefixed(byte[] header, String multikey, String kind) {
        if (multikey == null || !multikey.startsWith("z")) {
            throw new IllegalArgumentException("An Ed25519 Multikey is base58btc ('z…'): " + multikey);
        }
        byte[] bytes = Multibase.decode(multikey);
        if (bytes.length != 34 || bytes[0] != header[0] || bytes[1] != header[1]) {
            throw new IllegalArgumentException("Not an Ed25519 " + kind + " Multikey: " + multikey);
        }
        return Arrays.copyOfRange(bytes, 2, 34);
    }
}
