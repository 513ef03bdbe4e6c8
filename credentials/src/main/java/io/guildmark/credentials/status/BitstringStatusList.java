package io.guildmark.credentials.status;

import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A Bitstring Status List (W3C Bitstring Status List v1.0): one bit per credential, index 0 being the left-most
 * (most significant) bit of the first byte. Encoded as GZIP, then multibase base64url without padding (prefix
 * {@code u}). Not thread safe: the issuer side updates a list under its own lock or transaction.
 */
public final class BitstringStatusList {

    /** "Bitstring Size": at least 16 KB (131,072 entries) uncompressed, for herd privacy. */
    public static final int MINIMUM_SIZE = 131_072;

    /** Decoding refuses lists that would decompress to more than this (16 MB, 134,217,728 entries). */
    public static final int MAX_DECOMPRESSED_BYTES = 16 * 1024 * 1024;

    private final byte[] bits;

    /** An all-zero list of the minimum size. */
    public BitstringStatusList() {
        this(MINIMUM_SIZE);
    }

    /** An all-zero list; {@code size} must be a multiple of 8 and at least {@link #MINIMUM_SIZE}. */
    public BitstringStatusList(int size) {
        if (size < MINIMUM_SIZE || size % 8 != 0 || size / 8 > MAX_DECOMPRESSED_BYTES) {
            throw new IllegalArgumentException("size must be a multiple of 8 between " + MINIMUM_SIZE + " and "
                    + MAX_DECOMPRESSED_BYTES * 8L);
        }
        this.bits = new byte[size / 8];
    }

    private BitstringStatusList(byte[] bits) {
        this.bits = bits;
    }

    /** Number of entries (bits). */
    public int size() {
        return bits.length * 8;
    }

    /**
     * Whether the list is smaller than the 16 KB the specification asks for. Such lists are read (a verifier must
     * still answer), and the checker reports the shortfall.
     */
    public boolean isBelowMinimumSize() {
        return size() < MINIMUM_SIZE;
    }

    public boolean get(int index) {
        check(index);
        return (bits[index >>> 3] & (0x80 >>> (index & 7))) != 0;
    }

    public BitstringStatusList set(int index, boolean value) {
        check(index);
        if (value) {
            bits[index >>> 3] |= (byte) (0x80 >>> (index & 7));
        } else {
            bits[index >>> 3] &= (byte) ~(0x80 >>> (index & 7));
        }
        return this;
    }

    /** "Bitstring Generation Algorithm": GZIP, then multibase base64url without padding. */
    public String encode() {
        return "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(BoundedGzip.compress(bits));
    }

    /**
     * "Bitstring Expansion Algorithm". Accepts the multibase form ({@code u…}) and, for lists published by StatusList2021-era
     * issuers, plain base64url without the prefix.
     *
     * @throws IllegalArgumentException if the value is not base64url GZIP data, or expands beyond 16 MB
     */
    public static BitstringStatusList decode(String encodedList) {
        if (encodedList == null || encodedList.isEmpty()) {
            throw new IllegalArgumentException("encodedList is empty");
        }
        var base64 = encodedList.charAt(0) == 'u' ? encodedList.substring(1) : encodedList;
        byte[] gzipped;
        try {
            gzipped = Base64.getUrlDecoder().decode(base64.replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encodedList is not base64url: " + e.getMessage(), e);
        }
        try {
            var bits = BoundedGzip.decompress(gzipped, MAX_DECOMPRESSED_BYTES);
            if (bits.length == 0) {
                throw new IllegalArgumentException("encodedList expands to an empty bitstring");
            }
            return new BitstringStatusList(bits);
        } catch (IOException e) {
            throw new IllegalArgumentException("encodedList is not a valid GZIP bitstring: " + e.getMessage(), e);
        }
    }

    private void check(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("index " + index + " outside list of " + size() + " entries");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BitstringStatusList l && Arrays.equals(l.bits, bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }
}
