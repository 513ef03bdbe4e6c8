package io.guildmark.app.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in browser without a browser, for what {@code WebSession} does not do: binary downloads and multipart
 * uploads (with the page's CSRF token, as a browser sends it).
 */
public final class SignedInClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    public record Download(int status, String contentType, byte[] bytes) {
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();

    public SignedInClient(String base, String email, String password) {
        this.base = base;
        String body = "_csrf=" + enc(csrf("/signin")) + "&email=" + enc(email) + "&password=" + enc(password);
        send(HttpRequest.newBuilder(URI.create(base + "/signin")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Download get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Posts a multipart form from {@code page} (whose CSRF token it sends) with text fields and one file. */
    public Download postMultipart(String page, String action, Map<String, String> fields, String fileField, String fileName, String fileType,
            byte[] content) {
        String boundary = "----guildmark" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(fields);
        all.put("_csrf", csrf(page));
        all.forEach((name, value) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + fileType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + action)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    /** Posts any body with any content type, the page's CSRF token in the header (as a script would send it). */
    public Download postRaw(String page, String action, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + action)).header("Content-Type", contentType)
                .header("X-CSRF-TOKEN", csrf(page)).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private String csrf(String page) {
        Matcher m = CSRF.matcher(get(page).body());
        if (!m.find()) throw new AssertionError("No CSRF token on " + page);
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private Download send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
