package io.guildmark.app.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public side under load: what a shared badge draws (its page, the signed credential, the issuer's DID document,
 * the verification API) and the public catalog, issuer and pathway pages, the last also for a signed-in learner (one
 * session per client thread) beside the health check with the same session cookies. Creates an organization with
 * {@code --catalog} published micro-credentials and {@code --awards} awards through the API, then drives each target
 * with {@code --concurrency} threads (each one request in flight, keep-alive) for {@code --seconds} after a warm-up,
 * and prints requests per second and latency percentiles per target. Any answer other than the expected status counts
 * as an error.
 *
 * <pre>
 * java -cp app/target/test-classes:$(cat app/target/bench-classpath.txt) io.guildmark.app.bench.PublicLoad \
 *   --base-url http://127.0.0.1:8080 --admin-token T --concurrency 16 --verify-concurrency 8 --seconds 10
 * </pre>
 *
 * Only the address given is contacted; every request has a timeout and the whole run a deadline.
 */
public final class PublicLoad {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CREDENTIAL_URL = Pattern.compile("/credentials/([0-9a-fA-F-]{36})");
    private static final Pattern PATHWAY = Pattern.compile("/pathways/([0-9a-fA-F-]{36})");

    /** One thing to load: how to build its i-th request and the status that counts as success. */
    record Target(String name, int concurrency, IntFunction<HttpRequest> request, int expected) {}

    record Result(String name, int concurrency, int requests, int errors, double seconds, long[] nanos, String firstError) {}

    private final HttpClient http;
    private final String baseUrl;
    private final long deadline;

    private PublicLoad(String baseUrl, int maxSeconds) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = AssociationData.options(args);
        String adminToken = opts.getOrDefault("admin-token", System.getenv("GUILDMARK_ADMIN_TOKEN"));
        if (adminToken == null) throw new IllegalArgumentException("--admin-token or GUILDMARK_ADMIN_TOKEN is required");
        int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "16"));
        int verifyConcurrency = Integer.parseInt(opts.getOrDefault("verify-concurrency", "8"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "10"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup-seconds", "5"));
        int catalogSize = Integer.parseInt(opts.getOrDefault("catalog", "1000"));
        int awardCount = Integer.parseInt(opts.getOrDefault("awards", "200"));
        List<String> only = opts.containsKey("only") ? Arrays.asList(opts.get("only").split(",")) : List.of();
        PublicLoad load = new PublicLoad(AssociationData.require(opts, "base-url"), Integer.parseInt(opts.getOrDefault("max-seconds", "1200")));

        long setupStart = System.nanoTime();
        Setup setup = load.setUp(adminToken, catalogSize, awardCount);
        System.out.printf("organization %s: %d micro-credentials published, %d awards, pathway %s (set-up %.0f s); %d cores visible%n",
                setup.slug, catalogSize, setup.awards.size(), setup.pathway == null ? "none" : setup.pathway,
                (System.nanoTime() - setupStart) / 1e9, Runtime.getRuntime().availableProcessors());

        List<Target> targets = load.targets(setup, concurrency, verifyConcurrency).stream()
                .filter(t -> only.isEmpty() || only.stream().anyMatch(o -> t.name().startsWith(o.strip()))).toList();
        System.out.println();
        System.out.println("| what | concurrency | requests | req/s | p50 ms | p95 ms | p99 ms | errors |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        boolean failed = false;
        for (Target target : targets) {
            load.run(target, warmup);
            Result r = load.run(target, seconds);
            long[] sorted = r.nanos().clone();
            Arrays.sort(sorted);
            System.out.printf("| %s | %d | %d | %.0f | %.1f | %.1f | %.1f | %d |%n", r.name(), r.concurrency(), r.requests(),
                    r.requests() / r.seconds(), pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), r.errors());
            if (r.errors() > 0) {
                System.out.println("  first error: " + r.firstError());
                failed = true;
            }
        }
        System.exit(failed ? 1 : 0);
    }

    private record Setup(String slug, String key, List<String> awards, List<String> publicAwards, String signedCredential,
            String achievementId, String pathway, List<String> holderCookies) {}

    /**
     * How many awards go to one learner who accepts them and makes them public, as a person does (sign up, confirm
     * the address, accept each claim link, choose "public"): a pending badge's page is private, so the badge-page
     * target loads these. The e-mails are read from the demo outbox (/dev/outbox, loopback only), which lists the
     * newest 50.
     */
    static final int PUBLIC_AWARDS = 20;
    /** Sessions of the signed-in learner the signed-in target takes in turn: one per client thread at the default concurrency. */
    static final int SIGNED_IN_SESSIONS = 16;
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:value|content)=\"([^\"]+)\"");
    private static final Pattern VERIFY_LINK = Pattern.compile("/email/verify/([A-Za-z0-9_-]+)");
    private static final Pattern CLAIM_LINK = Pattern.compile("/claim/([A-Za-z0-9_-]+)");

    private Setup setUp(String adminToken, int catalogSize, int awardCount) throws Exception {
        String slug = "public-" + Long.toString(System.currentTimeMillis(), 36);
        send("POST", "/api/v1/organizations", adminToken, """
                {"slug":"%s","name":"Public Load Guild","url":"https://public.example.org","email":"badges@public.example.org",
                 "description":"Issues micro-credentials for the public load benchmark."}""".formatted(slug), 201);
        String key = AssociationData.match(KEY, send("POST", "/api/v1/organizations/" + slug + "/api-keys", adminToken, "{\"name\":\"public load\"}", 201));
        String first = null;
        for (int i = 0; i < Math.max(1, catalogSize); i++) {
            String id = AssociationData.match(ID, send("POST", "/api/v1/organizations/" + slug + "/achievements", key, """
                    {"name":"Competency %d: Project Scheduling","description":"Plans and tracks a project schedule with a critical path (%d).",
                     "achievementType":"MicroCredential","criteria":{"narrative":"Completed the workshop and a graded schedule for a real project."},
                     "alignments":[{"targetName":"Schedule Management","targetUrl":"https://frameworks.example.org/pm/schedule",
                       "targetFramework":"Project Management Skills Framework","targetCode":"PM-SCH-%d"}],
                     "creditHours":10,"tags":["project management","scheduling","topic %d"]}""".formatted(i, i, i, i % 40), 201));
            send("POST", "/api/v1/organizations/" + slug + "/achievements/" + id + "/publish", key, "", 200);
            if (first == null) first = id;
        }
        List<String> awards = new ArrayList<>();
        int shown = Math.min(PUBLIC_AWARDS, Math.max(1, awardCount));
        String holder = "holder-" + slug + "@public.example.org";
        Holder person = signUp(holder);
        List<String> publicAwards = null;
        for (int i = 0; i < Math.max(1, awardCount); i++) {
            // The holder's claim e-mails are read before the others' push them out of the outbox's newest 50.
            if (i == shown) publicAwards = person.acceptAndMakePublic(shown);
            String email = i < shown ? holder : "learner" + i + "@public.example.org";
            String body = send("POST", "/api/v1/organizations/" + slug + "/awards", key, """
                    {"achievementId":"%s","recipient":{"email":"%s","name":"Public Learner %d"},
                     "evidence":[{"narrative":"Scheduled the office move on the critical path."}]}""".formatted(first, email, i), 201);
            Matcher m = CREDENTIAL_URL.matcher(body);
            awards.add(m.find() ? m.group(1) : AssociationData.match(ID, body));
        }
        if (publicAwards == null) publicAwards = person.acceptAndMakePublic(shown);
        String signed = get("/credentials/" + awards.get(0), "application/vc+ld+json");
        Matcher pathway = PATHWAY.matcher(get("/pathways", "text/html"));
        String pathwayId = pathway.find() ? pathway.group(1) : null;
        if (pathwayId != null) {
            holdPartOf(adminToken, pathwayId, holder);
            // The pathway check runs in the background after each award: wait (bounded) until the holder is on the pathway.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!person.page("/pathways/" + pathwayId).body().contains("Where you are") && System.nanoTime() < until) Thread.sleep(250);
            if (!person.page("/pathways/" + pathwayId).body().contains("Where you are")) {
                throw new IllegalStateException("the signed-in holder is not on pathway " + pathwayId + " after 30 s");
            }
        }
        // One session per client thread, as that many browsers of the learner's would have: requests of one session
        // queue behind each other on its row (Spring Session writes the last access on every request).
        List<String> cookies = new ArrayList<>();
        for (int i = 0; i < SIGNED_IN_SESSIONS; i++) cookies.add(i == 0 ? person.cookieHeader() : signIn(holder, person.password).cookieHeader());
        return new Setup(slug, key, awards, publicAwards, signed, first, pathwayId, cookies);
    }

    private static final Pattern ACHIEVEMENT_ID = Pattern.compile("\"achievementId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    /**
     * Gives the signed-in holder part of the demo pathway, as a learner part-way along it is: three of its steps (one
     * without an end, two that expire in 30 and 90 days), which also puts them on the pathway. The page they see then has
     * "Where you are", earned, expiring and open steps.
     */
    private void holdPartOf(String adminToken, String pathwayId, String holder) throws Exception {
        String demo = "cascadia-pm";
        String list = send("GET", "/api/v1/organizations/" + demo + "/pathways", adminToken, "", 200);
        int at = list.indexOf(pathwayId);
        if (at < 0) return; // not the demo association's pathway: the signed-in target then sees no step of its own
        Matcher ids = ACHIEVEMENT_ID.matcher(list.substring(at));
        List<String> found = new ArrayList<>();
        while (ids.find()) if (!found.contains(ids.group(1))) found.add(ids.group(1));
        // The capstone comes first, then the steps in the rules' order (three core, then the electives).
        List<String> steps = found.subList(1, found.size());
        java.time.Instant now = java.time.Instant.now();
        String[] ends = {null, now.plus(Duration.ofDays(30)).toString(), now.plus(Duration.ofDays(90)).toString()};
        int[] which = {0, 1, 3};
        for (int i = 0; i < which.length && which[i] < steps.size(); i++) {
            send("POST", "/api/v1/organizations/" + demo + "/awards", adminToken, """
                    {"achievementId":"%s","recipient":{"email":"%s","name":"Public Holder"}%s}""".formatted(steps.get(which[i]), holder,
                    ends[i] == null ? "" : ",\"validUntil\":\"" + ends[i] + "\""), 201);
        }
    }

    private List<Target> targets(Setup s, int concurrency, int verifyConcurrency) {
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("trivial GET /actuator/health (the floor)", concurrency, i -> get("/actuator/health").build(), 200));
        targets.add(new Target("badge page GET /credentials/{id} (HTML)", concurrency,
                i -> get("/credentials/" + s.publicAwards.get(i % s.publicAwards.size())).header("Accept", "text/html").build(), 200));
        targets.add(new Target("signed credential (Accept: application/vc+ld+json)", concurrency,
                i -> get("/credentials/" + s.awards.get(i % s.awards.size())).header("Accept", "application/vc+ld+json").build(), 200));
        targets.add(new Target("issuer DID document /issuers/{slug}/did.json", concurrency, i -> get("/issuers/" + s.slug + "/did.json").build(), 200));
        targets.add(new Target("POST /api/v1/verify (this platform's JSON-LD credential)", verifyConcurrency,
                i -> HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/verify")).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/vc+ld+json").POST(HttpRequest.BodyPublishers.ofString(s.signedCredential)).build(), 200));
        targets.add(new Target("public catalog /catalog", concurrency, i -> get("/catalog").build(), 200));
        targets.add(new Target("micro-credential page /achievements/{id}", concurrency,
                i -> get("/achievements/" + s.achievementId).header("Accept", "text/html").build(), 200));
        targets.add(new Target("issuer page /issuers/{slug}", concurrency, i -> get("/issuers/" + s.slug).header("Accept", "text/html").build(), 200));
        if (s.pathway != null) {
            targets.add(new Target("pathway page /pathways/{id}", concurrency, i -> get("/pathways/" + s.pathway).build(), 200));
            targets.add(new Target("signed-in floor: GET /actuator/health with the session cookie", concurrency,
                    i -> get("/actuator/health").header("Cookie", s.holderCookies.get(i % s.holderCookies.size())).build(), 200));
            targets.add(new Target("signed-in pathway page /pathways/{id} (a learner with a session)", concurrency,
                    i -> get("/pathways/" + s.pathway).header("Accept", "text/html").header("Cookie", s.holderCookies.get(i % s.holderCookies.size())).build(), 200));
        }
        return targets;
    }

    /** Each thread sends one request after another until the time is up; latencies of successful requests kept. */
    private Result run(Target target, int seconds) throws InterruptedException {
        long end = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        String[] firstError = {null};
        List<long[]> perThread = new ArrayList<>();
        int[] counts = new int[target.concurrency()];
        CountDownLatch done = new CountDownLatch(target.concurrency());
        long start = System.nanoTime();
        for (int t = 0; t < target.concurrency(); t++) {
            long[] mine = new long[2_000_000];
            perThread.add(mine);
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        int i = next.getAndIncrement();
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = http.send(target.request().apply(i), HttpResponse.BodyHandlers.ofByteArray());
                            if (response.statusCode() != target.expected()) {
                                if (errors.getAndIncrement() == 0) firstError[0] = response.statusCode() + " " + new String(response.body()).lines().findFirst().orElse("");
                                continue;
                            }
                        } catch (Exception e) {
                            if (errors.getAndIncrement() == 0) firstError[0] = e.toString();
                            continue;
                        }
                        if (counts[thread] < mine.length) mine[counts[thread]++] = System.nanoTime() - sent;
                    }
                } finally {
                    done.countDown();
                }
            });
            worker.setDaemon(true);
            worker.start();
        }
        done.await(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = 0;
        for (int c : counts) total += c;
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < perThread.size(); t++) {
            System.arraycopy(perThread.get(t), 0, all, at, counts[t]);
            at += counts[t];
        }
        return new Result(target.name(), target.concurrency(), total, errors.get(), elapsed, all, firstError[0]);
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    /** A person in a browser: a session cookie, CSRF tokens read from the forms. */
    private final class Holder {
        private final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        private final String email;
        private String password = "";

        Holder(String email) {
            this.email = email;
        }

        /** The session cookie as a request header, for requests sent by the load's own client. */
        String cookieHeader() {
            return String.join("; ", ((java.net.CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                    .map(c -> c.getName() + "=" + c.getValue()).toList());
        }

        HttpResponse<String> page(String path) throws Exception {
            return browser.send(get(path).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> submit(String formPage, String action, String... fields) throws Exception {
            String token = AssociationData.match(CSRF, page(formPage).body());
            StringBuilder form = new StringBuilder("_csrf=").append(enc(token));
            for (int i = 0; i + 1 < fields.length; i += 2) form.append('&').append(enc(fields[i])).append('=').append(enc(fields[i + 1]));
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + action)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
            return browser.send(request, HttpResponse.BodyHandlers.ofString());
        }

        /** The links of one kind in the outbox's messages to this person, waiting (bounded) until there are enough. */
        List<String> outboxLinks(Pattern link, int atLeast) throws Exception {
            while (System.nanoTime() < deadline) {
                List<String> found = new ArrayList<>();
                String outbox = page("/dev/outbox").body();
                // Each message names its recipient before its body; keep the links that follow this person's address.
                String[] parts = outbox.split(Pattern.quote(email), -1);
                for (int i = 1; i < parts.length; i++) {
                    Matcher m = link.matcher(parts[i]);
                    if (m.find() && !found.contains(m.group(1))) found.add(m.group(1));
                }
                if (found.size() >= atLeast) return found;
                Thread.sleep(500);
            }
            throw new IllegalStateException("the outbox did not show " + atLeast + " links for " + email + " before the deadline");
        }

        /** Accepts each badge sent to this person and makes it public; answers their ids. */
        List<String> acceptAndMakePublic(int count) throws Exception {
            List<String> ids = new ArrayList<>();
            for (String token : outboxLinks(CLAIM_LINK, count)) {
                HttpResponse<String> accepted = submit("/claim/" + token, "/claim/" + token + "/accept");
                String location = accepted.headers().firstValue("Location").orElse("");
                Matcher id = CREDENTIAL_URL.matcher(location);
                if (!id.find()) continue; // an older message's link, already used
                HttpResponse<String> chosen = submit("/wallet", "/wallet/" + id.group(1) + "/visibility", "visibility", "public");
                if (chosen.statusCode() != 302) throw new IllegalStateException("making " + id.group(1) + " public answered " + chosen.statusCode());
                ids.add(id.group(1));
            }
            if (ids.size() < count) throw new IllegalStateException("only " + ids.size() + " of " + count + " badges were accepted");
            return ids;
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Signs a person up, confirms their address from the outbox and signs them in. */
    private Holder signUp(String email) throws Exception {
        Holder person = new Holder(email);
        String password = "public-load-" + Long.toString(System.nanoTime(), 36);
        HttpResponse<String> signedUp = person.submit("/signup", "/signup", "name", "Public Holder", "email", email, "password", password);
        if (signedUp.statusCode() != 200) throw new IllegalStateException("sign-up answered " + signedUp.statusCode());
        person.page("/email/verify/" + person.outboxLinks(VERIFY_LINK, 1).get(0));
        person.password = password;
        return signIn(person, email, password);
    }

    /** Signs the person in again in a browser of its own: another session. */
    private Holder signIn(String email, String password) throws Exception {
        Holder person = new Holder(email);
        person.password = password;
        return signIn(person, email, password);
    }

    private Holder signIn(Holder person, String email, String password) throws Exception {
        HttpResponse<String> signedIn = person.submit("/signin", "/signin", "email", email, "password", password);
        if (!signedIn.headers().firstValue("Location").orElse("").contains("/dashboard")
                && signedIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("sign-in failed: " + signedIn.headers().firstValue("Location").orElse(""));
        }
        return person;
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET();
    }

    private String get(String path, String accept) throws Exception {
        HttpResponse<String> response = http.send(get(path).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        return response.body();
    }

    private String send(String method, String path, String token, String json, int expected) throws Exception {
        if (System.nanoTime() > deadline) throw new IllegalStateException("deadline passed during setup");
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
