package io.guildmark.app.bench;

import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Staff lists at an association's scale: for each target of a targets file, the latency of its requests (one client,
 * sequential, after a warm-up), and for CSV exports the time to stream the whole file. Pages are fetched signed in as
 * the generated staff account ({@link AssociationData}); API lists with the generated API key, following their
 * {@code next} links. Prints one table row per target; exits non-zero when a request fails (any status but 200).
 *
 * <p>Targets file, one per line ({@code #} comments): {@code name  kind  path}, kind one of {@code page} (HTML, session),
 * {@code api} (JSON, API key; follows {@code next} up to --pages pages), {@code csv} (streamed to the end, session).
 * {@code {slug}} and {@code {credential}} (a micro-credential id of the organization) are replaced in paths.
 */
public final class ListLoad {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");
    private static final Pattern NEXT = Pattern.compile("\"next\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern FIRST_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    private final HttpClient http;
    private final String baseUrl;
    private final String key;

    private ListLoad(String baseUrl, String key) {
        this.baseUrl = baseUrl.replaceAll("/$", "");
        this.key = key;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    record Target(String name, String kind, String path) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = AssociationData.options(args);
        ListLoad load = new ListLoad(AssociationData.require(opts, "base-url"), AssociationData.require(opts, "key"));
        String slug = opts.getOrDefault("slug", "bench-association");
        int requests = Integer.parseInt(opts.getOrDefault("requests", "40"));
        int pages = Integer.parseInt(opts.getOrDefault("pages", "20"));
        List<Target> targets = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(AssociationData.require(opts, "targets")))) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] f = l.split("\\s+", 3);
            targets.add(new Target(f[0], f[1], f[2]));
        }
        load.signIn();
        String credential = AssociationData.match(FIRST_ID, load.get("/api/v1/organizations/" + slug + "/achievements", true).body());

        System.out.println("| list | kind | requests | p50 ms | p95 ms | max ms | note |");
        System.out.println("|---|---|---:|---:|---:|---:|---|");
        int failures = 0;
        for (Target t : targets) {
            String path = t.path().replace("{slug}", slug).replace("{credential}", credential);
            try {
                String row = switch (t.kind()) {
                    case "page" -> load.repeat(t, path, false, requests);
                    case "api" -> load.follow(t, path, pages);
                    case "csv" -> load.csv(t, path);
                    default -> throw new IllegalArgumentException("kind " + t.kind());
                };
                System.out.println(row);
            } catch (Exception e) {
                failures++;
                System.out.printf("| %s | %s | | | | | FAILED: %s |%n", t.name(), t.kind(), e.getMessage());
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private String repeat(Target t, String path, boolean api, int requests) throws Exception {
        for (int i = 0; i < 5; i++) get(path, api); // warm-up
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            get(path, api);
            nanos[i] = System.nanoTime() - t0;
        }
        return row(t, nanos, "");
    }

    /** The first page, then each {@code next} link in turn; then the whole walk again, measured. */
    private String follow(Target t, String path, int pages) throws Exception {
        walk(path, Math.min(pages, 5));
        List<Long> nanos = walk(path, pages);
        return row(t, nanos.stream().mapToLong(Long::longValue).toArray(), nanos.size() + " pages walked by cursor");
    }

    private List<Long> walk(String path, int pages) throws Exception {
        List<Long> nanos = new ArrayList<>();
        String next = path;
        while (next != null && nanos.size() < pages) {
            long t0 = System.nanoTime();
            String body = get(next, true).body();
            nanos.add(System.nanoTime() - t0);
            Matcher m = NEXT.matcher(body);
            next = m.find() ? m.group(1).replace("\\u0026", "&").replace(baseUrl, "") : null;
        }
        return nanos;
    }

    private String csv(Target t, String path) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request(path, false).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) throw new IllegalStateException(path + " answered " + response.statusCode());
        long firstByte = System.nanoTime() - t0;
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[65536];
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes += n;
                for (int i = 0; i < n; i++) if (buffer[i] == '\n') lines++;
            }
        }
        long total = System.nanoTime() - t0;
        return String.format("| %s | csv | 1 | | | %.0f | %,d lines, %.1f MB; first byte after %.0f ms, whole file in %.1f s |", t.name(),
                total / 1e6, lines, bytes / 1e6, firstByte / 1e6, total / 1e9);
    }

    private static String row(Target t, long[] nanos, String note) {
        long[] sorted = Arrays.copyOf(nanos, nanos.length);
        Arrays.sort(sorted);
        return String.format("| %s | %s | %d | %.1f | %.1f | %.1f | %s |", t.name(), t.kind(), sorted.length, pct(sorted, 50), pct(sorted, 95),
                pct(sorted, 100), note);
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
    }

    private HttpRequest.Builder request(String path, boolean api) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path)).timeout(Duration.ofSeconds(120));
        return api ? b.header("Authorization", "Bearer " + key).header("Accept", "application/json") : b;
    }

    private HttpResponse<String> get(String path, boolean api) throws Exception {
        HttpResponse<String> response = http.send(request(path, api).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        return response;
    }

    private void signIn() throws Exception {
        String page = get("/signin", false).body();
        Matcher m = CSRF.matcher(page);
        if (!m.find()) throw new IllegalStateException("no CSRF token on /signin");
        String csrf = m.group(1) != null ? m.group(1) : m.group(2);
        String form = "email=" + enc(AssociationData.STAFF_EMAIL) + "&password=" + enc(AssociationData.STAFF_PASSWORD) + "&_csrf=" + enc(csrf);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in failed: " + response.statusCode() + " " + location);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
