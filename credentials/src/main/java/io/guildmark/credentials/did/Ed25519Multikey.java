package io.guildmark.credentials.did;

import java.util.Arrays;

/**
 * Ed25519 public keys as Multikey values: multibase base58btc ({@code z}) of the multicodec {@code ed25519-pub}
 * prefix {@code 0xed 0x01} followed by the 32 key bytes (Controlled Identifiers 1.0 §2.2.2; did:key §3.1.3).
 */
public final class Ed25519Multikey {

    private static final byte[] PREFIX = {(byte) 0xed, 0x01};

    private Ed25519Multikey() {
    }

    /** Encodes 32 raw public key bytes as {@code z6Mk…}. */
    public static String encode(byte[] publicKey) {
        if (publicKey == null || publicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
        }
        var bytes = new byte[34];
        System.arraycopy(PREFIX, 0, bytes, 0, 2);
        System.arraycopy(publicKey, 0, bytes, 2, 32);
        return "z" + Base58.encode(bytes);
    }

    /**
     * Decodes {@code z6Mk…} to the 32 raw public key bytes.
     *
     * @throws IllegalArgumentException if the value is not a base58btc Ed25519 Multikey
     */
    public static byte[] decode(String multibase) {
        if (multibase == null || multibase.length() < 2 || multibase.charAt(0) != 'z') {
            throw new IllegalArgumentException("not a base58btc multibase value (expected prefix 'z')");
        }
        var bytes = Base58.decode(multibase.substring(1));
        if (bytes.length != 34 || bytes[0] != PREFIX[0] || bytes[1] != PREFIX[1]) {
            throw new IllegalArgumentException("not an Ed25519 Multikey (expected multicodec 0xed01 and 32 key bytes)");
        }
        return Arrays.copyOfRange(bytes, 2, 34);
    }
}
