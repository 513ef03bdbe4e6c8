package io.guildmark.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Mock, an S3 server for tests, in a JVM of its own: started from its executable jar (copied to
 * {@code target/s3mock} by the build) once per test JVM on a free port, and stopped when the test JVM ends. It runs
 * apart because it is a Spring Boot application of another Boot version: on the test class path it would change every
 * test's application (Kotlin, an XML message converter, its own auto-configuration).
 */
public final class S3MockServer {

    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";

    private static S3MockServer shared;

    private final URI endpoint;

    private S3MockServer(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The server of this test JVM, started on first use (15 to 30 s). */
    public static synchronized S3MockServer shared() {
        if (shared == null) shared = start();
        return shared;
    }

    /** Where to reach it: plain HTTP on loopback, buckets addressed by path. */
    public URI endpoint() {
        return endpoint;
    }

    /** A client of the test's own, to look into buckets behind the application's back. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static S3MockServer start() {
        Path jar = Path.of(System.getProperty("guildmark.test.s3mock-jar", "target/s3mock/s3mock.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No S3Mock jar at " + jar.toAbsolutePath() + ": run the tests through Maven (mvn test), which copies it there.");
        }
        try {
            Path root = Files.createTempDirectory("guildmark-s3mock");
            Path log = root.resolve("s3mock.log");
            int port = freePort();
            Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString(),
                    "--http.port=" + port, "--server.port=0", "--server.address=127.0.0.1",
                    "--com.adobe.testing.s3mock.store.root=" + root.resolve("buckets"),
                    "--spring.main.banner-mode=off"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            awaitAnswer(endpoint, process, log);
            return new S3MockServer(endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start S3Mock", e);
        }
    }

    private static void awaitAnswer(URI endpoint, Process process, Path log) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long until = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < until) {
            if (!process.isAlive()) throw new IllegalStateException("S3Mock stopped at start:\n" + Files.readString(log));
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while S3Mock started", e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while S3Mock started", e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("S3Mock did not answer within 120 s:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
