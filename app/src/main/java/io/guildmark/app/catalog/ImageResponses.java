package io.guildmark.app.catalog;

import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Serves checked badge images: the type from their bytes, and a policy under which an SVG can run nothing. */
final class ImageResponses {

    private ImageResponses() {}

    static ResponseEntity<byte[]> of(byte[] content) {
        return of(content, CacheControl.noCache());
    }

    /** A published version's image never changes, so anyone may cache it for long. */
    static ResponseEntity<byte[]> immutable(byte[] content) {
        return of(content, CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }

    private static ResponseEntity<byte[]> of(byte[] content, CacheControl cache) {
        boolean png = content.length > 4 && content[0] == (byte) 0x89 && content[1] == 'P' && content[2] == 'N' && content[3] == 'G';
        return ResponseEntity.ok()
                .contentType(png ? MediaType.IMAGE_PNG : MediaType.parseMediaType("image/svg+xml"))
                .cacheControl(cache)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
                .body(content);
    }
}
