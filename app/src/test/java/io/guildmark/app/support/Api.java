package io.guildmark.app.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the JSON API, speaking real HTTP to the running app. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String token;

    public Api(String base) {
        this(base, null);
    }

    private Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public Api withToken(String token) {
        return new Api(base, token);
    }

    /** A response: status, headers and body, with the body parsed as JSON on demand. */
    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response get(String path) {
        return send(request(path).GET(), Map.of());
    }

    public Response get(String path, String accept) {
        return send(request(path).header("Accept", accept).GET(), Map.of());
    }

    public Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").POST(bodyOf(body)), Map.of());
    }

    public Response post(String path, byte[] body, String contentType) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)), Map.of());
    }

    public Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").PUT(bodyOf(body)), Map.of());
    }

    public Response put(String path, byte[] body, String contentType) {
        return send(request(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)), Map.of());
    }

    public Response patch(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").method("PATCH", bodyOf(body)), Map.of());
    }

    public Response delete(String path) {
        return send(request(path).DELETE(), Map.of());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) builder.header("Authorization", "Bearer " + token);
        return builder;
    }

    private static HttpRequest.BodyPublisher bodyOf(Object body) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return HttpRequest.BodyPublishers.ofString(text);
    }

    private static Response send(HttpRequest.Builder builder, Map<String, String> ignored) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
