package io.guildmark.app.security;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * A browser at a given client address. The test server trusts proxies on this machine only, so a request that
 * names a client in {@code X-Forwarded-For} counts as coming from there, as it would behind a real proxy; without an
 * address the client is this machine.
 */
final class ClientAt {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    record Answer(int status, String body, URI uri, HttpResponse<String> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    private final String base;
    private final String address;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String accept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8";

    ClientAt(String base, String address) {
        this.base = base;
        this.address = address;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** This client as a script that asks for JSON rather than pages. */
    ClientAt acceptingJson() {
        accept = "application/json";
        return this;
    }

    Answer get(String pathOrUrl) {
        return send(request(pathOrUrl).GET());
    }

    Answer submit(String formPage, String action, String... fields) {
        String accepted = accept;
        accept = "text/html";
        Answer form = get(formPage);
        accept = accepted;
        Matcher m = CSRF.matcher(form.body());
        if (!m.find()) throw new AssertionError("No CSRF token on " + formPage + ":\n" + form.body());
        List<String> pairs = new ArrayList<>();
        pairs.add("_csrf=" + encode(m.group(1) != null ? m.group(1) : m.group(2)));
        for (int i = 0; i < fields.length; i += 2) pairs.add(encode(fields[i]) + "=" + encode(fields[i + 1]));
        return send(request(action).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))));
    }

    Answer signIn(String email, String password) {
        return submit("/signin", "/signin", "email", email, "password", password);
    }

    /** Whether this client's session is signed in (the account page opens rather than the sign-in form). */
    boolean signedIn() {
        Answer answer = get("/account");
        return answer.status() == 200 && answer.uri().getPath().equals("/account");
    }

    private HttpRequest.Builder request(String pathOrUrl) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl))
                .timeout(Duration.ofSeconds(30)).header("Accept", accept);
        if (address != null) builder.header("X-Forwarded-For", address);
        return builder;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.uri(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A client address no other test uses (a random one of 10.0.0.0/8). */
    static String someAddress() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }
}
