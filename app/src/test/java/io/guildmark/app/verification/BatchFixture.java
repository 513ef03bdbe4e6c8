package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import tools.jackson.databind.JsonNode;

/**
 * An association of the running test app that awards real badges, and the files an employer receives from candidates:
 * baked PNGs, credential JSON (also tampered with), ZIPs of them, a ZIP bomb and a ZIP that climbs out of its root.
 */
final class BatchFixture {

    record Badge(String awardId, String url, String email) {}

    private final Api key;
    private final HttpClient http = HttpClient.newHttpClient();

    BatchFixture(Api admin, String baseUrl, String stem) {
        String slug = Fixtures.createOrganization(admin, stem);
        this.key = new Api(baseUrl).withToken(Fixtures.createApiKey(admin, slug));
        this.slug = slug;
        this.achievementId = Catalog.publishedMicroCredential(key, slug, "Chair a Board Meeting");
    }

    private final String slug;
    private final String achievementId;

    Badge award(String email, String name) {
        Api.Response awarded = key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", email, "name", name),
                "evidence", List.of(Map.of("narrative", "Chaired the spring board meeting."))));
        assertThat(awarded.status()).as(awarded.body()).isEqualTo(201);
        JsonNode json = awarded.json();
        return new Badge(json.get("id").asText(), json.get("credentialUrl").asText(), email);
    }

    /** A plain W3C credential about {@code subjectId}, signed by the association through its VC-API (JSON). */
    String vcApiCredential(String subjectId) {
        String did = key.get("/api/v1/organizations/" + slug + "/vc-api/settings").json().get("issuerIds").get(0).asText();
        Map<String, Object> credential = Map.of("@context", List.of("https://www.w3.org/ns/credentials/v2"),
                "type", List.of("VerifiableCredential"), "issuer", did, "credentialSubject", Map.of("id", subjectId));
        Api.Response issued = key.post("/api/v1/organizations/" + slug + "/vc-api/credentials/issue",
                Map.of("credential", credential, "options", Map.of()));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json().get("verifiableCredential").toString();
    }

    void revoke(Badge badge) {
        assertThat(key.post("/api/v1/awards/" + badge.awardId() + "/revoke", Map.of("reason", "Awarded in error")).status()).isEqualTo(200);
    }

    byte[] png(Badge badge) {
        return get(badge.url() + ".png", "image/png");
    }

    String json(Badge badge) {
        return new String(get(badge.url(), "application/vc+ld+json"), StandardCharsets.UTF_8);
    }

    /** The badge's credential with its achievement's name changed after signing. */
    String tampered(Badge badge) {
        String json = json(badge);
        assertThat(json).contains("\"Chair a Board Meeting\"");
        return json.replace("\"Chair a Board Meeting\"", "\"Chair the Board of Directors\"");
    }

    private byte[] get(String url, String accept) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** About 50 KB that unpack to 50 MB of zeros. */
    static byte[] zipBomb() {
        byte[] zeros = new byte[50 * 1024 * 1024];
        Arrays.fill(zeros, (byte) 0);
        return zip(Map.of("badge.json", zeros));
    }

    static byte[] multipart(String boundary, Map<String, String> fields, Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        files.forEach((name, content) -> {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
