package io.guildmark.app.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Files in an S3 bucket ({@code guildmark.files.store=s3}), so that every node of an installation sees every upload.
 * Keys are the same generated {@code folder/uuid} as on disk ({@link FileKeys}), under the configured prefix. Failures
 * of the store are {@link UncheckedIOException}s, like the local store's, so pages and the API answer them the same way.
 */
final class S3FileStore implements FileStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3FileStore.class);
    /** A hung store must not hold request threads: connecting gives up after 5 s, a whole call (retries included) after 30 s. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final S3Client client;
    private final String bucket;
    private final String prefix;

    S3FileStore(S3Client client, String bucket, @Nullable String prefix) {
        this.client = client;
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isEmpty() ? "" : prefix + "/";
    }

    /** A store on the configured bucket; refuses to start without one, and warns when the bucket cannot be reached yet. */
    static S3FileStore connect(GuildmarkSettings.S3 settings) {
        if (settings.bucket() == null) {
            throw new IllegalStateException("guildmark.files.store=s3 needs guildmark.files.s3.bucket (GUILDMARK_FILES_S3_BUCKET): "
                    + "the bucket that holds uploaded files. See docs/configuration.md.");
        }
        if ((settings.accessKey() == null) != (settings.secretKey() == null)) {
            throw new IllegalStateException("Set both guildmark.files.s3.access-key and guildmark.files.s3.secret-key, or neither "
                    + "(then the AWS SDK's default credentials are used: environment, profile or instance role).");
        }
        URI endpoint = settings.endpoint();
        if (endpoint != null && !("http".equalsIgnoreCase(endpoint.getScheme()) || "https".equalsIgnoreCase(endpoint.getScheme()))) {
            throw new IllegalStateException("guildmark.files.s3.endpoint must be an http:// or https:// address, such as "
                    + "http://minio.internal:9000; it is " + endpoint + ".");
        }
        S3FileStore store = new S3FileStore(client(settings), settings.bucket(), settings.prefix());
        store.warnIfUnreachable();
        return store;
    }

    private static S3Client client(GuildmarkSettings.S3 settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(CALL_TIMEOUT))
                .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
            // Since SDK 2.30 every upload carries a CRC32 trailer in aws-chunked encoding, which many S3-compatible servers
            // (Ceph RGW, Google Cloud Storage, Dell ECS) refuse; none of the calls made here needs a checksum.
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        // An S3-compatible server rarely cares about the region, but the SDK signs with one: don't make people invent it.
        if (settings.region() != null) builder.region(Region.of(settings.region()));
        else if (settings.endpoint() != null) builder.region(Region.US_EAST_1);
        try {
            return builder.build();
        } catch (SdkException e) {
            throw new IllegalStateException("Could not set up the S3 client for guildmark.files.s3 (" + e.getMessage()
                    + "); set guildmark.files.s3.region (GUILDMARK_FILES_S3_REGION). See docs/configuration.md.", e);
        }
    }

    private static AwsCredentialsProvider credentials(GuildmarkSettings.S3 settings) {
        if (settings.accessKey() != null && settings.secretKey() != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private void warnIfUnreachable() {
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            log.warn("The file store bucket {} cannot be used yet: {}. Uploads and downloads of files fail until it can.", bucket,
                    e.getMessage());
        }
    }

    @Override
    public String put(String folder, byte[] content) {
        String key = FileKeys.newKey(folder);
        try {
            client.putObject(b -> b.bucket(bucket).key(prefix + key).contentType("application/octet-stream"), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw failure("Could not store a file", e);
        }
        return key;
    }

    @Override
    public Optional<byte[]> get(String key) {
        if (!FileKeys.isValid(key)) return Optional.empty();
        try {
            return Optional.of(client.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(e))) return Optional.empty();
            throw failure("Could not read a stored file", e);
        } catch (SdkException e) {
            throw failure("Could not read a stored file", e);
        }
    }

    @Override
    public void delete(String key) {
        if (!FileKeys.isValid(key)) return;
        try {
            client.deleteObject(b -> b.bucket(bucket).key(prefix + key));
        } catch (SdkException e) {
            throw failure("Could not delete a stored file", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static @Nullable String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private UncheckedIOException failure(String what, SdkException e) {
        return new UncheckedIOException(what + " in the bucket " + bucket + ": " + e.getMessage(), new IOException(e.getMessage(), e));
    }
}
