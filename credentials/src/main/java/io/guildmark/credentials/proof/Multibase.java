package io.guildmark.credentials.proof;

import java.util.Arrays;
import java.util.Base64;

/**
 * Multibase encodings used by Data Integrity (Controlled Identifiers 1.0, "Multibase"): base58btc (prefix {@code z}, the
 * Bitcoin alphabet) and base64url without padding (prefix {@code u}).
 */
public final class Multibase {

    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();

    private static final int[] INDEXES = new int[128];

    static {
        Arrays.fill(INDEXES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            INDEXES[ALPHABET[i]] = i;
        }
    }

    private Multibase() {
    }

    /** {@code z} followed by the base58btc encoding of {@code bytes}. */
    public static String encodeBase58Btc(byte[] bytes) {
        return "z" + base58(bytes);
    }

    /** {@code u} followed by the unpadded base64url encoding of {@code bytes}. */
    public static String encodeBase64Url(byte[] bytes) {
        return "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Decodes a {@code z} (base58btc) or {@code u} (base64url) multibase string.
     *
     * @throws IllegalArgumentException on another prefix or an invalid character
     */
    public static byte[] decode(String multibase) {
        if (multibase == null || multibase.isEmpty()) {
            throw new IllegalArgumentException("Empty multibase value");
        }
        char prefix = multibase.charAt(0);
        String data = multibase.substring(1);
        if (prefix == 'z') {
            return unbase58(data);
        }
        if (prefix == 'u') {
            if (data.indexOf('=') >= 0) {
                throw new IllegalArgumentException("base64url multibase must not be padded");
            }
            return Base64.getUrlDecoder().decode(data);
        }
        throw new IllegalArgumentException("Unsupported multibase prefix '" + prefix + "'");
    }

    /** Base58 of the Bitcoin alphabet: leading zero bytes become leading '1's, the rest is a base-256 to base-58 conversion. */
    static String base58(byte[] input) {
        int zeros = 0;
        while (zeros < input.length && input[zeros] == 0) {
            zeros++;
        }
        byte[] digits = new byte[input.length * 138 / 100 + 1];
        int length = 0;
        for (int i = zeros; i < input.length; i++) {
            int carry = input[i] & 0xff;
            int j = 0;
            for (; j < length || carry != 0; j++) {
                carry += 256 * (digits[j] & 0xff);
                digits[j] = (byte) (carry % 58);
                carry /= 58;
            }
            length = j;
        }
        StringBuilder out = new StringBuilder(zeros + length);
        for (int i = 0; i < zeros; i++) {
            out.append('1');
        }
        for (int i = length - 1; i >= 0; i--) {
            out.append(ALPHABET[digits[i]]);
        }
        return out.toString();
    }

    static byte[] unbase58(String input) {
        int zeros = 0;
        while (zeros < input.length() && input.charAt(zeros) == '1') {
            zeros++;
        }
        byte[] bytes = new byte[input.length()];
        int length = 0;
        for (int i = zeros; i < input.length(); i++) {
            char c = input.charAt(i);
            int carry = c < 128 ? INDEXES[c] : -1;
            if (carry < 0) {
                throw new IllegalArgumentException("Invalid base58btc character '" + c + "'");
            }
            int j = 0;
            for (; j < length || carry != 0; j++) {
                carry += 58 * (bytes[j] & 0xff);
                bytes[j] = (byte) carry;
                carry >>= 8;
            }
            length = j;
        }
        byte[] out = new byte[zeros + length];
        for (int i = 0; i < length; i++) {
            out[zeros + i] = bytes[length - 1 - i];
        }
        return out;
    }
}
