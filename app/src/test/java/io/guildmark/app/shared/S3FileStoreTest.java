package io.guildmark.app.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.guildmark.app.support.S3MockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/** The object store against a real S3 protocol server (S3Mock, in a JVM of its own). */
class S3FileStoreTest {

    private static S3MockServer server;
    private static S3Client look;
    private static final String BUCKET = "store-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startTheServer() {
        server = S3MockServer.shared();
        look = server.client();
        look.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void closeTheClient() {
        look.close();
    }

    private static S3FileStore store(String prefix, URI endpoint) {
        return S3FileStore.connect(new GuildmarkSettings.S3(BUCKET, null, endpoint, true, prefix, S3MockServer.ACCESS_KEY,
                S3MockServer.SECRET_KEY));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void storesAFileUnderAGeneratedKeyReadsItBackAndDeletesIt() {
        try (S3FileStore store = store(null, server.endpoint())) {
            String key = store.put("logos", bytes("a logo"));
            assertThat(key).matches("logos/[0-9a-f-]{36}");
            assertThat(store.get(key)).hasValueSatisfying(content -> assertThat(content).isEqualTo(bytes("a logo")));

            store.delete(key);
            assertThat(store.get(key)).isEmpty();
            store.delete(key); // deleting twice is not an error, as on disk
        }
    }

    @Test
    void aKeyThatWasNeverStoredIsEmpty() {
        try (S3FileStore store = store(null, server.endpoint())) {
            assertThat(store.get("logos/" + UUID.randomUUID())).isEmpty();
        }
    }

    @Test
    void filesLandUnderThePrefixSoOneBucketCanServeSeveralInstallations() {
        try (S3FileStore store = store("/tenant-a/", server.endpoint()); S3FileStore other = store("tenant-b", server.endpoint())) {
            String key = store.put("evidence", bytes("proof"));

            byte[] inBucket = look.getObject(b -> b.bucket(BUCKET).key("tenant-a/" + key), ResponseTransformer.toBytes()).asByteArray();
            assertThat(inBucket).isEqualTo(bytes("proof"));
            assertThat(other.get(key)).isEmpty();
        }
    }

    @Test
    void noUploadChoosesWhereItLandsAndKeysOfAnotherShapeAreNeverLookedUp() {
        try (S3FileStore store = store(null, server.endpoint())) {
            assertThatThrownBy(() -> store.put("../escape", bytes("x"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.put("Logos", bytes("x"))).isInstanceOf(IllegalArgumentException.class);
            look.putObject(b -> b.bucket(BUCKET).key("logos/../secret"), software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes("s")));

            assertThat(store.get("logos/../secret")).isEmpty();
            assertThat(store.get("logos/" + UUID.randomUUID() + "/../x")).isEmpty();
            store.delete("logos/../secret");
            assertThat(look.listObjectsV2(b -> b.bucket(BUCKET).prefix("logos/../")).contents()).hasSize(1);
        }
    }

    @Test
    void aStoreThatCannotBeReachedFailsWithAClearErrorInsteadOfHanging() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (S3FileStore store = store(null, URI.create("http://127.0.0.1:" + closed))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> store.put("logos", bytes("x"))).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("Could not store a file in the bucket " + BUCKET);
            assertThatThrownBy(() -> store.get("logos/" + UUID.randomUUID())).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("Could not read a stored file");
            assertThat(System.nanoTime() - start).isLessThan(S3FileStore.CALL_TIMEOUT.toNanos() * 2);
        }
    }

    @Test
    void aMissingBucketIsReportedAsAFailureNotAsAMissingFile() {
        try (S3FileStore store = new S3FileStore(server.client(), "no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8), null)) {
            assertThatThrownBy(() -> store.get("logos/" + UUID.randomUUID())).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("Could not read a stored file");
        }
    }

    @Test
    void anObjectStoreWithoutABucketRefusesToStart() {
        assertThatThrownBy(() -> S3FileStore.connect(new GuildmarkSettings.S3(" ", null, null, false, null, null, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("guildmark.files.s3.bucket")
                .hasMessageContaining("GUILDMARK_FILES_S3_BUCKET");
    }

    @Test
    void anEndpointThatIsNotAnHttpAddressRefusesToStart() {
        assertThatThrownBy(() -> S3FileStore.connect(new GuildmarkSettings.S3(BUCKET, null, URI.create("minio.internal:9000"), true, null,
                null, null))).isInstanceOf(IllegalStateException.class).hasMessageContaining("guildmark.files.s3.endpoint");
    }

    @Test
    void anAccessKeyWithoutItsSecretRefusesToStart() {
        assertThatThrownBy(() -> S3FileStore.connect(new GuildmarkSettings.S3(BUCKET, null, server.endpoint(), true, null, "key", null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("guildmark.files.s3.secret-key");
    }
}
