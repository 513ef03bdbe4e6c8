package io.guildmark.app.shared;

import java.net.URI;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Platform-wide settings, bound from {@code guildmark.*} (command line, {@code GUILDMARK_*} environment, or
 * application.properties). See docs/configuration.md.
 *
 * @param mode {@code demo} (embedded database, demo association, e-mail to an outbox page) or {@code production}
 * @param dataDir where the embedded database, files and the demo master key live
 * @param baseUrl the public address printed inside signed credentials; never changes once badges are issued
 * @param files where uploaded files are kept: under the data directory, or in an S3-compatible object store
 */
@ConfigurationProperties("guildmark")
public record GuildmarkSettings(
        Mode mode,
        Path dataDir,
        URI baseUrl,
        Database database,
        @Nullable String adminToken,
        @Nullable String masterKey,
        Mail mail,
        FileStorage files) {

    public enum Mode { DEMO, PRODUCTION }

    public record Database(@Nullable String url, @Nullable String user, @Nullable String password, int poolSize) {
        public Database {
            if (poolSize <= 0) poolSize = 10;
        }
    }

    /** The SMTP server; without a host, e-mail stays in the outbox (shown at /dev/outbox in demo mode). */
    public record Mail(String from, @Nullable String host, int port, @Nullable String username, @Nullable String password,
            boolean starttls) {
        public Mail {
            if (from == null || from.isBlank()) from = "Guildmark <no-reply@guildmark.local>";
            if (host != null && host.isBlank()) host = null;
            if (port <= 0) port = 25;
        }
    }

    /** {@code guildmark.files.*}: one store for every uploaded file; {@code s3} lets several nodes share them. */
    public record FileStorage(Store store, S3 s3) {

        public enum Store { LOCAL, S3 }

        public FileStorage {
            if (store == null) store = Store.LOCAL;
            if (s3 == null) s3 = new S3(null, null, null, false, null, null, null);
        }
    }

    /**
     * An S3 bucket, on AWS or any S3-compatible server (MinIO, Ceph, Garage...).
     *
     * @param endpoint only for a server other than AWS, e.g. {@code http://minio.internal:9000}
     * @param pathStyle addresses the bucket as {@code endpoint/bucket/key}, which most S3-compatible servers need
     * @param prefix put before every key, so that one bucket can hold several installations
     * @param accessKey with {@code secretKey}; without them the SDK's default chain (environment, profile, instance role)
     */
    public record S3(@Nullable String bucket, @Nullable String region, @Nullable URI endpoint, boolean pathStyle,
            @Nullable String prefix, @Nullable String accessKey, @Nullable String secretKey) {
        public S3 {
            if (bucket != null && bucket.isBlank()) bucket = null;
            if (region != null && region.isBlank()) region = null;
            if (endpoint != null && endpoint.toString().isBlank()) endpoint = null;
            if (prefix != null) prefix = prefix.strip().replaceAll("^/+|/+$", "");
            if (prefix != null && prefix.isEmpty()) prefix = null;
            if (accessKey != null && accessKey.isBlank()) accessKey = null;
            if (secretKey != null && secretKey.isBlank()) secretKey = null;
        }

        @Override
        public String toString() {
            return "S3[bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint + ", pathStyle=" + pathStyle
                    + ", prefix=" + prefix + ", accessKey=" + (accessKey == null ? "none" : "set") + "]";
        }
    }

    public GuildmarkSettings {
        if (mode == null) mode = Mode.DEMO;
        if (dataDir == null) dataDir = Path.of("data");
        dataDir = dataDir.toAbsolutePath().normalize();
        if (baseUrl == null) baseUrl = URI.create("http://localhost:8080");
        String base = baseUrl.toString();
        if (base.endsWith("/")) baseUrl = URI.create(base.substring(0, base.length() - 1));
        if (database == null) database = new Database(null, null, null, 10);
        if (mail == null) mail = new Mail(null, null, 25, null, null, false);
        if (files == null) files = new FileStorage(null, null);
        if (adminToken != null && adminToken.isBlank()) adminToken = null;
        if (masterKey != null && masterKey.isBlank()) masterKey = null;
    }

    public boolean demo() {
        return mode == Mode.DEMO;
    }

    /** An absolute URL on this platform for the given path, such as {@code /issuers/acme}. */
    public String url(String path) {
        return baseUrl + (path.startsWith("/") ? path : "/" + path);
    }
}
