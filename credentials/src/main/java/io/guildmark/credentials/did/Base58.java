package io.guildmark.credentials.did;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/** Base58 with the Bitcoin alphabet, the encoding multibase calls {@code base58btc} (prefix {@code z}). */
final class Base58 {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);
    private static final int[] INDEX = new int[128];

    static {
        Arrays.fill(INDEX, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            INDEX[ALPHABET.charAt(i)] = i;
        }
    }

    private Base58() {
    }

    static String encode(byte[] input) {
        var value = new BigInteger(1, input);
        var sb = new StringBuilder();
        while (value.signum() > 0) {
            var qr = value.divideAndRemainder(BASE);
            sb.append(ALPHABET.charAt(qr[1].intValue()));
            value = qr[0];
        }
        // Each leading zero byte is written as a leading '1'.
        for (int i = 0; i < input.length && input[i] == 0; i++) {
            sb.append('1');
        }
        return sb.reverse().toString();
    }

    static byte[] decode(String input) {
        if (input.length() > 512) {
            throw new IllegalArgumentException("base58 value too long");
        }
        var value = BigInteger.ZERO;
        int zeros = 0;
        boolean leading = true;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            int digit = c < 128 ? INDEX[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("invalid base58 character '" + c + "'");
            }
            if (leading && digit == 0) {
                zeros++;
            } else {
                leading = false;
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        var bytes = value.signum() == 0 ? new byte[0] : value.toByteArray();
        // BigInteger adds a sign byte when the top bit is set.
        int strip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        var out = new ByteArrayOutputStream();
        out.write(new byte[zeros], 0, zeros);
        out.write(bytes, strip, bytes.length - strip);
        return out.toByteArray();
    }
}
