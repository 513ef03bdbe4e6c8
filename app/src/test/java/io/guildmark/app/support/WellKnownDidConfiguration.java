package io.guildmark.app.support;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * In tests, the application itself plays an organization's website: it serves whatever a test puts here at
 * {@code /.well-known/did-configuration.json}, so a domain check of {@code 127.0.0.1:<port>} fetches it (over plain
 * http, which {@code guildmark.vetting.plain-http-hosts} allows for that host only in tests). Nothing is served (404)
 * until a test publishes a file.
 */
@RestController
public class WellKnownDidConfiguration {

    private static final AtomicReference<String> FILE = new AtomicReference<>();

    /** Publishes the file, or withdraws it with null. */
    public static void publish(String content) {
        FILE.set(content);
    }

    public static void withdraw() {
        FILE.set(null);
    }

    @GetMapping("/.well-known/did-configuration.json")
    ResponseEntity<String> file() {
        String content = FILE.get();
        if (content == null) return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(content);
    }
}
