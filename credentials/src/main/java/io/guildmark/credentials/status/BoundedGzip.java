package io.guildmark.credentials.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** GZIP with a hard cap on the decompressed size, so a compression bomb fails fast instead of exhausting memory. */
final class BoundedGzip {

    private BoundedGzip() {
    }

    static byte[] compress(byte[] data) {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static byte[] decompress(byte[] gzipped, int maxBytes) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            var out = new ByteArrayOutputStream();
            var buffer = new byte[8192];
            int total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new IOException("decompressed data exceeds " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }
}
