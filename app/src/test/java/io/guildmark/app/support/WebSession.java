package io.guildmark.app.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A person's browser session without a browser: cookies, CSRF tokens from forms, redirects followed. */
public final class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    private final String base;
    private final HttpClient http;

    public WebSession(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public record Page(int status, String body, URI uri) {}

    public Page get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    /** A page asked for as a browser asks: some addresses answer JSON to a client that does not say it wants HTML. */
    public Page get(String pathOrUrl, String accept) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", accept).GET());
    }

    /** Opens the page with the form, then posts the fields (and the page's CSRF token) to the action. */
    public Page submit(String formPage, String action, String... fields) {
        Page form = get(formPage);
        Matcher m = CSRF.matcher(form.body());
        if (!m.find()) throw new AssertionError("No CSRF token on " + formPage + ":\n" + form.body());
        List<String> pairs = new ArrayList<>();
        pairs.add("_csrf=" + encode(m.group(1) != null ? m.group(1) : m.group(2)));
        for (int i = 0; i < fields.length; i += 2) pairs.add(encode(fields[i]) + "=" + encode(fields[i + 1]));
        return send(HttpRequest.newBuilder(uri(action)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))));
    }

    /** A file as the signed-in person downloads it. */
    public record Download(int status, byte[] body, java.net.http.HttpHeaders headers) {}

    public Download download(String pathOrUrl) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri(pathOrUrl)).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Page signIn(String email, String password) {
        return submit("/signin", "/signin", "email", email, "password", password);
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.body(), response.uri());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
