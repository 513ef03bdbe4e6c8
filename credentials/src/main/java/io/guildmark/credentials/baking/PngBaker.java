package io.guildmark.credentials.baking;

import io.guildmark.credentials.baking.BakedCredential.Format;
import io.guildmark.credentials.baking.BakingException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.InflaterInputStream;

/**
 * Bakes credentials into PNG images and extracts them (OB 3.0 "Baked Badge", PNG; OB 2.0 "PNGs"). The payload goes into one
 * uncompressed {@code iTXt} chunk (PNG Second Edition §11.3.4.5) just before {@code IEND}; an existing chunk with the same
 * keyword is replaced, never duplicated. Thread safe.
 */
public final class PngBaker {

    /** Default limit on input size: 10 MB. */
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    /** Compressed iTXt/zTXt text is never inflated beyond this (a credential is a few kilobytes). */
    static final int MAX_INFLATED_TEXT = 1024 * 1024;

    /** Real images have a few dozen chunks; millions of empty ones would only waste memory. */
    static final int MAX_CHUNKS = 100_000;

    static final String OB3_KEYWORD = "openbadgecredential";
    static final String OB2_KEYWORD = "openbadges";

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final long maxBytes;

    public PngBaker() {
        this(DEFAULT_MAX_BYTES);
    }

    public PngBaker(long maxBytes) {
        if (maxBytes < SIGNATURE.length) {
            throw new IllegalArgumentException("maxBytes too small");
        }
        this.maxBytes = maxBytes;
    }

    /** Whether the bytes start with the PNG signature. */
    public static boolean isPng(byte[] bytes) {
        return bytes != null && bytes.length >= SIGNATURE.length
                && Arrays.equals(Arrays.copyOf(bytes, SIGNATURE.length), SIGNATURE);
    }

    /**
     * Returns a copy of the PNG with the payload baked in.
     *
     * @throws BakingException if the PNG is too large, not a PNG, corrupt, or the payload doesn't fit the format
     */
    public byte[] bake(byte[] png, String payload, Format format) throws BakingException {
        checkPayload(payload, format);
        var keyword = format == Format.OB2 ? OB2_KEYWORD : OB3_KEYWORD;
        var chunks = read(png);
        var out = new ByteArrayOutputStream(png.length + payload.length() + 64);
        out.writeBytes(SIGNATURE);
        for (var chunk : chunks) {
            if (chunk.isText() && keyword.equals(chunk.keyword())) {
                continue; // OB 3.0 PNG baking: the keyword MUST NOT appear more than once; we overwrite.
            }
            if (chunk.type().equals("IEND")) {
                write(out, "iTXt", itxt(keyword, payload));
            }
            write(out, chunk.type(), chunk.data());
        }
        return out.toByteArray();
    }

    /**
     * Finds the first baked credential: OB 3.0 ({@code openbadgecredential}) first, else OB 2.0 ({@code openbadges}).
     *
     * @return empty if the PNG carries no badge
     * @throws BakingException if the PNG is too large, not a PNG, or corrupt
     */
    public Optional<BakedCredential> extract(byte[] png) throws BakingException {
        BakedCredential ob2 = null;
        for (var chunk : read(png)) {
            if (!chunk.isText()) {
                continue;
            }
            var keyword = chunk.keyword();
            if (OB3_KEYWORD.equals(keyword)) {
                var text = chunk.text();
                return Optional.of(new BakedCredential(BakedCredential.ob3FormatOf(text), text.strip()));
            }
            if (OB2_KEYWORD.equals(keyword) && ob2 == null) {
                ob2 = new BakedCredential(Format.OB2, chunk.text().strip());
            }
        }
        return Optional.ofNullable(ob2);
    }

    private void checkPayload(String payload, Format format) throws BakingException {
        if (payload == null || payload.isBlank()) {
            throw new BakingException(Reason.INVALID_PAYLOAD, "nothing to bake");
        }
        if (format == Format.OB3_JSON && !payload.stripLeading().startsWith("{")) {
            throw new BakingException(Reason.INVALID_PAYLOAD, "an OB3_JSON payload must be a JSON object");
        }
        if (format == Format.OB3_JWT && payload.strip().split("\\.", -1).length != 3) {
            throw new BakingException(Reason.INVALID_PAYLOAD, "an OB3_JWT payload must be a compact JWS");
        }
        if (payload.length() > MAX_INFLATED_TEXT) {
            throw new BakingException(Reason.INVALID_PAYLOAD, "payload larger than " + MAX_INFLATED_TEXT + " characters");
        }
    }

    /** A chunk as a view into the original bytes; only text chunks are ever copied. */
    private record Chunk(String type, byte[] png, int offset, int length) {
        byte[] data() {
            return Arrays.copyOfRange(png, offset, offset + length);
        }

        boolean isText() {
            return type.equals("iTXt") || type.equals("tEXt") || type.equals("zTXt");
        }

        String keyword() {
            var data = data();
            int end = indexOf(data, 0, 0);
            return end < 0 || end > 79 ? null : new String(data, 0, end, StandardCharsets.ISO_8859_1);
        }

        String text() throws BakingException {
            var data = data();
            int k = indexOf(data, 0, 0);
            if (k < 0) {
                throw new BakingException(Reason.CORRUPT_IMAGE, "text chunk without keyword");
            }
            if (type.equals("tEXt")) {
                return new String(data, k + 1, data.length - k - 1, StandardCharsets.ISO_8859_1);
            }
            if (type.equals("zTXt")) {
                return new String(inflate(data, k + 2), StandardCharsets.ISO_8859_1);
            }
            // iTXt: keyword 0 compressionFlag compressionMethod languageTag 0 translatedKeyword 0 text
            if (k + 3 > data.length) {
                throw new BakingException(Reason.CORRUPT_IMAGE, "truncated iTXt chunk");
            }
            boolean compressed = data[k + 1] != 0;
            int lang = indexOf(data, k + 3, 0);
            int translated = lang < 0 ? -1 : indexOf(data, lang + 1, 0);
            if (translated < 0) {
                throw new BakingException(Reason.CORRUPT_IMAGE, "malformed iTXt chunk");
            }
            var text = compressed ? inflate(data, translated + 1)
                    : Arrays.copyOfRange(data, translated + 1, data.length);
            return new String(text, StandardCharsets.UTF_8);
        }
    }

    private List<Chunk> read(byte[] png) throws BakingException {
        if (png == null) {
            throw new BakingException(Reason.UNSUPPORTED_FORMAT, "no image");
        }
        if (png.length > maxBytes) {
            throw new BakingException(Reason.TOO_LARGE, "image of " + png.length + " bytes exceeds the limit of "
                    + maxBytes + " bytes");
        }
        if (!isPng(png)) {
            throw new BakingException(Reason.UNSUPPORTED_FORMAT, "not a PNG image (bad signature)");
        }
        var chunks = new ArrayList<Chunk>();
        int pos = SIGNATURE.length;
        while (true) {
            if (pos + 12 > png.length) {
                throw new BakingException(Reason.CORRUPT_IMAGE, "PNG is truncated: no IEND chunk");
            }
            long length = readInt(png, pos) & 0xffffffffL;
            if (length > png.length - pos - 12L) {
                throw new BakingException(Reason.CORRUPT_IMAGE, "PNG is truncated: chunk at byte " + pos
                        + " claims " + length + " bytes");
            }
            var type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (!type.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                throw new BakingException(Reason.CORRUPT_IMAGE, "invalid chunk type at byte " + pos);
            }
            var crc = new CRC32();
            crc.update(png, pos + 4, 4 + (int) length);
            if ((int) crc.getValue() != readInt(png, pos + 8 + (int) length)) {
                throw new BakingException(Reason.CRC_MISMATCH, "CRC mismatch in " + type + " chunk at byte " + pos);
            }
            if (chunks.isEmpty() && !type.equals("IHDR")) {
                throw new BakingException(Reason.CORRUPT_IMAGE, "PNG does not start with IHDR");
            }
            if (chunks.size() >= MAX_CHUNKS) {
                throw new BakingException(Reason.CORRUPT_IMAGE, "PNG has more than " + MAX_CHUNKS + " chunks");
            }
            chunks.add(new Chunk(type, png, pos + 8, (int) length));
            pos += 12 + (int) length;
            if (type.equals("IEND")) {
                return chunks;
            }
        }
    }

    private static byte[] itxt(String keyword, String text) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        out.write(0);
        out.write(0); // compression flag: OB 3.0 says compression MUST NOT be used
        out.write(0); // compression method
        out.write(0); // empty language tag
        out.write(0); // empty translated keyword
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String type, byte[] data) {
        var typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        writeInt(out, data.length);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        var crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        writeInt(out, (int) crc.getValue());
    }

    private static byte[] inflate(byte[] data, int offset) throws BakingException {
        if (offset > data.length) {
            throw new BakingException(Reason.CORRUPT_IMAGE, "truncated compressed text chunk");
        }
        try (var in = new InflaterInputStream(new ByteArrayInputStream(data, offset, data.length - offset))) {
            var out = new ByteArrayOutputStream();
            var buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > MAX_INFLATED_TEXT) {
                    throw new BakingException(Reason.DECOMPRESSION_LIMIT,
                            "compressed text inflates beyond " + MAX_INFLATED_TEXT + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new BakingException(Reason.CORRUPT_IMAGE, "compressed text chunk is corrupt", e);
        }
    }

    private static int indexOf(byte[] data, int from, int value) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static int readInt(byte[] b, int pos) {
        return ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
