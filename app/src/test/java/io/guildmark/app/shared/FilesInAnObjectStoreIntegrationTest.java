package io.guildmark.app.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import io.guildmark.app.GuildmarkApplication;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.PostgresAvailability;
import io.guildmark.app.support.S3MockServer;
import io.guildmark.app.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole application with {@code guildmark.files.store=s3}, against S3Mock: uploads land in the bucket, are served
 * from it, and nothing is written under the data directory's {@code files/}. It runs its own application (not the
 * shared test context of {@code IntegrationTest}), since the file store is chosen once, at start.
 */
@ExtendWith(PostgresAvailability.class)
class FilesInAnObjectStoreIntegrationTest {

    private static final String ADMIN_TOKEN = "s3-test-admin-token-0123456789";
    private static final String BUCKET = "guildmark-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PREFIX = "node-test";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static S3Client look;
    private static ConfigurableApplicationContext app;
    private static Path dataDir;
    private static String base;

    @BeforeAll
    static void startTheApplicationOnTheObjectStore() throws IOException {
        S3MockServer server = S3MockServer.shared();
        look = server.client();
        look.createBucket(b -> b.bucket(BUCKET));
        dataDir = Files.createTempDirectory("guildmark-s3");
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        List<String> args = new ArrayList<>(settings(port, dataDir, true));
        args.addAll(List.of("--guildmark.files.store=s3", "--guildmark.files.s3.bucket=" + BUCKET,
                "--guildmark.files.s3.endpoint=" + server.endpoint(), "--guildmark.files.s3.path-style=true",
                "--guildmark.files.s3.prefix=" + PREFIX, "--guildmark.files.s3.access-key=" + S3MockServer.ACCESS_KEY,
                "--guildmark.files.s3.secret-key=" + S3MockServer.SECRET_KEY));
        app = new SpringApplicationBuilder(GuildmarkApplication.class).run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (look != null) look.close();
    }

    @Test
    void anUploadedBadgeImageLivesInTheBucketAndIsServedFromIt() throws Exception {
        Pictured pictured = Pictured.upload("buckets", Color.ORANGE);

        assertThat(objectsInTheBucket()).anySatisfy(object -> {
            assertThat(object.key()).matches(PREFIX + "/[a-z0-9-]+/[0-9a-f-]{36}");
            assertThat(read(object)).isEqualTo(pictured.image());
        });
        HttpResponse<byte[]> served = download(pictured.publicImage());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/png"));
        assertThat(served.body()).isEqualTo(pictured.image());
        assertThat(pictured.key().get(pictured.achievement() + "/image").status()).isEqualTo(200);

        assertThat(filesUnderTheDataDirectory()).isEmpty();
    }

    @Test
    void aFileGoneFromTheBucketIsNotFoundSinceTheBucketIsTheOnlyCopy() throws Exception {
        Pictured pictured = Pictured.upload("vanishing", Color.GREEN);
        assertThat(download(pictured.publicImage()).statusCode()).isEqualTo(200);

        objectsInTheBucket().forEach(object -> look.deleteObject(b -> b.bucket(BUCKET).key(object.key())));

        assertThat(download(pictured.publicImage()).statusCode()).isEqualTo(404);
        assertThat(filesUnderTheDataDirectory()).isEmpty();
    }

    @Test
    void aStoreThatFailsGivesAReadablePageAndAProblemNotAStackTrace() throws Exception {
        Pictured pictured = Pictured.upload("outage", Color.RED);
        objectsInTheBucket().forEach(object -> look.deleteObject(b -> b.bucket(BUCKET).key(object.key())));
        look.deleteBucket(b -> b.bucket(BUCKET)); // the bucket removed under the running application
        try {
            HttpResponse<byte[]> page = download(pictured.publicImage());
            assertThat(page.statusCode()).isEqualTo(500);
            assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("Something went wrong on our side")
                    .doesNotContain("Exception").doesNotContain("software.amazon");
            Api.Response problem = pictured.key().get(pictured.achievement() + "/image");
            assertThat(problem.status()).isEqualTo(500);
            assertThat(problem.body()).doesNotContain("Exception").doesNotContain(BUCKET);
            Api.Response upload = pictured.key().put(pictured.achievement() + "/image", png(Color.BLUE), "image/png");
            assertThat(upload.status()).isEqualTo(500);
            assertThat(upload.body()).doesNotContain("Exception").doesNotContain(BUCKET);
        } finally {
            look.createBucket(b -> b.bucket(BUCKET));
        }
    }

    @Test
    void anObjectStoreWithoutABucketStopsTheStartWithAClearMessage() throws IOException {
        Path elsewhere = Files.createTempDirectory("guildmark-s3-nobucket");
        List<String> args = new ArrayList<>(settings(freePort(), elsewhere, false));
        args.add("--guildmark.files.store=s3");

        assertThatThrownBy(() -> new SpringApplicationBuilder(GuildmarkApplication.class).run(args.toArray(String[]::new)).close())
                .satisfies(e -> assertThat(rootCause(e).getMessage()).contains("guildmark.files.s3.bucket")
                        .contains("GUILDMARK_FILES_S3_BUCKET"));
    }

    /** The settings of {@code IntegrationTest}'s application; on PostgreSQL in the PostgreSQL run when {@code database}. */
    private static List<String> settings(int port, Path dataDir, boolean database) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--guildmark.base-url=http://127.0.0.1:" + port,
                "--guildmark.data-dir=" + dataDir, "--guildmark.admin-token=" + ADMIN_TOKEN, "--guildmark.mode=demo",
                "--guildmark.demo-data=false", "--spring.main.banner-mode=off"));
        if (database && TestDatabase.postgresRequested()) {
            args.add("--guildmark.database.url=" + TestDatabase.createPostgresDatabase());
            args.add("--guildmark.database.user=" + TestDatabase.POSTGRES_USER);
        }
        return args;
    }

    /** An organization with a published micro-credential whose badge image was uploaded and published (version 2). */
    private record Pictured(Api key, String achievement, byte[] image) {

        static Pictured upload(String stem, Color color) throws IOException {
            Api admin = new Api(base).withToken(ADMIN_TOKEN);
            String slug = Fixtures.createOrganization(admin, stem);
            Api key = new Api(base).withToken(Fixtures.createApiKey(admin, slug));
            String id = Catalog.publishedMicroCredential(key, slug, "Keep Files Safe");
            String achievement = "/api/v1/organizations/" + slug + "/achievements/" + id;
            byte[] image = png(color);
            Api.Response uploaded = key.put(achievement + "/image", image, "image/png");
            assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
            Api.Response published = key.post(achievement + "/publish", "");
            assertThat(published.status()).as(published.body()).isEqualTo(200);
            return new Pictured(key, achievement, image);
        }

        String publicImage() {
            return "/achievements/" + achievement.substring(achievement.lastIndexOf('/') + 1) + "/versions/2/image";
        }
    }

    private static HttpResponse<byte[]> download(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html,image/*").build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<S3Object> objectsInTheBucket() {
        return look.listObjectsV2(b -> b.bucket(BUCKET)).contents();
    }

    private static byte[] read(S3Object object) {
        return look.getObject(b -> b.bucket(BUCKET).key(object.key()), ResponseTransformer.toBytes()).asByteArray();
    }

    private static List<Path> filesUnderTheDataDirectory() throws IOException {
        Path files = dataDir.resolve("files");
        if (!Files.exists(files)) return List.of();
        try (Stream<Path> walk = Files.walk(files)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) cause = cause.getCause();
        return cause;
    }

    private static byte[] png(Color color) throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 8, 8);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
