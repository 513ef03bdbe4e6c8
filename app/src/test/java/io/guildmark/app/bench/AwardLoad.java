package io.guildmark.app.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * End-to-end award load: API call, signed (Data Integrity proof and VC-JWT), stored in PostgreSQL. Creates an
 * organization, an API key and a published micro-credential through the API, warms up, then sends {@code --count}
 * awards with each of the {@code --concurrency} levels (a fixed pool of that many threads, each with one request in
 * flight) and prints awards per second, latency percentiles and errors; finally checks over JDBC that every award the
 * API acknowledged is stored, and that no two awards share a status list entry.
 *
 * <pre>
 * java -cp app/target/test-classes:$(cat app/target/bench-classpath.txt) io.guildmark.app.bench.AwardLoad \
 *   --base-url http://127.0.0.1:8080 --admin-token T --jdbc-url jdbc:postgresql://127.0.0.1:5432/guildmark_bench \
 *   --concurrency 8,16,32 --warmup 2000 --count 5000 --max-seconds 900
 * </pre>
 *
 * Only addresses given on the command line are contacted; every request has a timeout and the whole run a deadline.
 */
public final class AwardLoad {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http;
    private final String baseUrl;
    private final long deadline;

    private AwardLoad(String baseUrl, int maxSeconds) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = AssociationData.options(args);
        String baseUrl = AssociationData.require(opts, "base-url");
        String adminToken = opts.getOrDefault("admin-token", System.getenv("GUILDMARK_ADMIN_TOKEN"));
        if (adminToken == null) throw new IllegalArgumentException("--admin-token or GUILDMARK_ADMIN_TOKEN is required");
        String jdbcUrl = opts.get("jdbc-url");
        String jdbcUser = opts.getOrDefault("jdbc-user", "postgres");
        String jdbcPassword = opts.getOrDefault("jdbc-password", "");
        int[] concurrency = Arrays.stream(opts.getOrDefault("concurrency", "8,16,32").split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "2000"));
        int count = Integer.parseInt(opts.getOrDefault("count", "5000"));
        int maxSeconds = Integer.parseInt(opts.getOrDefault("max-seconds", "900"));
        int warmupConcurrency = Integer.parseInt(opts.getOrDefault("warmup-concurrency", String.valueOf(concurrency[0])));
        long appPid = Long.parseLong(opts.getOrDefault("app-pid", "0"));

        AwardLoad load = new AwardLoad(baseUrl, maxSeconds);
        CpuMeter cpu = new CpuMeter(appPid, jdbcUrl, jdbcUser, jdbcPassword);
        Setup setup = load.setUp(adminToken);
        System.out.printf("organization %s, achievement %s; %d cores visible to the load generator%n", setup.slug(),
                setup.achievementId(), Runtime.getRuntime().availableProcessors());

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        if (warmup > 0) {
            Result w = load.run(setup, warmupConcurrency, warmup, acknowledged);
            System.out.printf("warm-up: %s%n", w.summary());
        }
        List<Result> results = new ArrayList<>();
        for (int c : concurrency) {
            CpuMeter.Snapshot before = cpu.snapshot();
            Result r = load.run(setup, c, count, acknowledged).withCpu(cpu.since(before));
            results.add(r);
            System.out.printf("measured: %s%n", r.summary());
        }

        System.out.println();
        System.out.println("| concurrency | awards | awards/s | p50 ms | p95 ms | p99 ms | max ms | errors | CPU ms/award: app | PostgreSQL | load generator |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) System.out.println(r.row());

        int failures = results.stream().mapToInt(Result::errors).sum() + (results.stream().anyMatch(Result::timedOut) ? 1 : 0);
        int jobRows = Integer.parseInt(opts.getOrDefault("job-rows", "0"));
        if (jobRows > 0) {
            double apiRate = results.stream().mapToDouble(Result::perSecond).max().orElse(Double.NaN);
            CpuMeter.Snapshot before = cpu.snapshot();
            JobResult job = load.runJob(setup, jobRows);
            double[] cpuMs = cpu.since(before);
            System.out.println();
            System.out.printf("bulk job: %d rows in %.1f s = %.0f awards/s (%d awarded, %d failed, %d skipped), %.0f %% of the API's best rate "
                    + "(%.0f/s); CPU per award: app %s ms, PostgreSQL %s ms%n", jobRows, job.seconds(), job.awarded() / job.seconds(), job.awarded(),
                    job.failed(), job.skipped(), 100 * job.awarded() / job.seconds() / apiRate, apiRate,
                    cpuMs[0] < 0 ? "n/a" : String.format("%.2f", cpuMs[0] / Math.max(1, job.awarded())),
                    cpuMs[1] < 0 ? "n/a" : String.format("%.2f", cpuMs[1] / Math.max(1, job.awarded())));
            if (job.awarded() != jobRows) failures++;
        }
        if (jdbcUrl != null) failures += check(jdbcUrl, jdbcUser, jdbcPassword, setup, acknowledged);
        System.exit(failures == 0 ? 0 : 1);
    }

    record Setup(String slug, String key, String achievementId) {}

    private Setup setUp(String adminToken) throws Exception {
        String slug = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        post("/api/v1/organizations", adminToken, """
                {"slug":"%s","name":"Benchmark Guild","url":"https://bench.example.org","email":"badges@bench.example.org",
                 "description":"Issues micro-credentials for the award load benchmark."}""".formatted(slug), 201);
        String key = AssociationData.match(KEY, post("/api/v1/organizations/" + slug + "/api-keys", adminToken, "{\"name\":\"award load\"}", 201));
        String achievementId = AssociationData.match(ID, post("/api/v1/organizations/" + slug + "/achievements", key, """
                {"name":"Project Scheduling Fundamentals","description":"Plans and tracks a project schedule with a critical path.",
                 "achievementType":"MicroCredential","criteria":{"narrative":"Completed the scheduling workshop and a graded schedule for a real project."},
                 "alignments":[{"targetName":"Schedule Management","targetUrl":"https://frameworks.example.org/pm/schedule",
                   "targetFramework":"Project Management Skills Framework","targetCode":"PM-SCH-2"}],
                 "creditHours":10,"tags":["project management","scheduling"]}""", 201));
        post("/api/v1/organizations/" + slug + "/achievements/" + achievementId + "/publish", key, "", 200);
        return new Setup(slug, key, achievementId);
    }

    record JobResult(double seconds, int awarded, int failed, int skipped) {}

    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([a-z]+)\"");

    /**
     * A bulk award job of {@code rows} people (one CSV posted to the award-jobs API), timed from the POST to the moment
     * its state reads completed; polled every 200 ms, so the figure is at most that much pessimistic.
     */
    private JobResult runJob(Setup setup, int rows) throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        StringBuilder csv = new StringBuilder("email,name,micro_credential,narrative\n");
        for (int i = 0; i < rows; i++) {
            csv.append("job-").append(run).append('-').append(i).append("@bench.example.org,Job Learner ").append(i).append(',')
                    .append(setup.achievementId()).append(",Completed the scheduling workshop (cohort ").append(i % 40).append(")\n");
        }
        String path = "/api/v1/organizations/" + setup.slug() + "/award-jobs";
        long start = System.nanoTime();
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + setup.key()).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (posted.statusCode() != 202) throw new IllegalStateException("POST " + path + " answered " + posted.statusCode() + ": " + posted.body());
        String job = path + "/" + AssociationData.match(ID, posted.body());
        while (System.nanoTime() < deadline) {
            HttpResponse<String> now = http.send(HttpRequest.newBuilder(URI.create(baseUrl + job)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + setup.key()).GET().build(), HttpResponse.BodyHandlers.ofString());
            String state = now.statusCode() == 200 ? AssociationData.match(STATE, now.body()) : "";
            if (state.equals("completed") || state.equals("failed") || state.equals("cancelled")) {
                double seconds = (System.nanoTime() - start) / 1e9;
                return new JobResult(seconds, number(now.body(), "awarded"), number(now.body(), "failed"), number(now.body(), "skipped"));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the bulk job did not finish before the deadline");
    }

    private static int number(String json, String field) {
        return Integer.parseInt(AssociationData.match(Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)"), json));
    }

    record Result(int concurrency, int requested, int ok, int errors, boolean timedOut, double seconds, long[] latenciesNanos,
            Map<String, Integer> errorKinds, double[] cpuMs) {
        Result withCpu(double[] cpu) {
            return new Result(concurrency, requested, ok, errors, timedOut, seconds, latenciesNanos, errorKinds, cpu);
        }

        String cpuPerAward(int i) {
            return cpuMs[i] < 0 || ok == 0 ? "n/a" : String.format("%.2f", cpuMs[i] / ok);
        }

        double perSecond() {
            return ok / seconds;
        }

        double percentileMs(double p) {
            if (latenciesNanos.length == 0) return Double.NaN;
            int i = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(i, latenciesNanos.length - 1))] / 1e6;
        }

        String summary() {
            return String.format("concurrency %d: %d/%d awards in %.1f s = %.0f awards/s; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; %d errors%s%s",
                    concurrency, ok, requested, seconds, perSecond(), percentileMs(50), percentileMs(95), percentileMs(99),
                    percentileMs(100), errors, errorKinds.isEmpty() ? "" : " " + errorKinds, timedOut ? " (stopped at the deadline)" : "")
                    + (cpuMs.length == 0 ? "" : String.format("; CPU per award: app %s ms, PostgreSQL backends %s ms, load generator %s ms",
                            cpuPerAward(0), cpuPerAward(1), cpuPerAward(2)));
        }

        String row() {
            return String.format("| %d | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %d | %s | %s | %s |", concurrency, ok, perSecond(), percentileMs(50),
                    percentileMs(95), percentileMs(99), percentileMs(100), errors + (requested - ok - errors), cpuPerAward(0), cpuPerAward(1),
                    cpuPerAward(2));
        }
    }

    /** A closed loop: {@code concurrency} threads each send the next award as soon as the previous one is answered. */
    private Result run(Setup setup, int concurrency, int count, Set<String> acknowledged) throws InterruptedException {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Map<String, Integer> kinds = new ConcurrentHashMap<>();
        String uri = baseUrl + "/api/v1/organizations/" + setup.slug() + "/awards";
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        String path = URI.create(uri).getRawPath();
        for (int t = 0; t < concurrency; t++) {
            pool.execute(() -> {
                try (KeepAliveHttp connection = new KeepAliveHttp(URI.create(baseUrl), 30_000)) {
                    int i;
                    while ((i = next.getAndIncrement()) < count && System.nanoTime() < deadline) {
                        String body = """
                                {"achievementId":"%s","recipient":{"email":"learner-%s@example.org","name":"Learner %d Núñez"},
                                 "evidence":[{"narrative":"Built and defended a schedule for a 40-task project.","url":"https://portfolio.example.org/%d"}]}"""
                                .formatted(setup.achievementId(), UUID.randomUUID(), i, i);
                        long t0 = System.nanoTime();
                        try {
                            KeepAliveHttp.Answer response = connection.post(path, "Bearer " + setup.key(), body);
                            if (response.status() == 201) {
                                acknowledged.add(AssociationData.match(ID, response.body()));
                                latencies[done.getAndIncrement()] = System.nanoTime() - t0;
                            } else {
                                errors.incrementAndGet();
                                kinds.merge("HTTP " + response.status(), 1, Integer::sum);
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            kinds.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                        }
                    }
                }
            });
        }
        pool.shutdown();
        long remaining = deadline - System.nanoTime();
        boolean finished = pool.awaitTermination(Math.max(remaining, 0) + TimeUnit.SECONDS.toNanos(35), TimeUnit.NANOSECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!finished) pool.shutdownNow();
        int ok = done.get();
        long[] sorted = Arrays.copyOf(latencies, ok);
        Arrays.sort(sorted);
        return new Result(concurrency, count, ok, errors.get(), ok + errors.get() < count, seconds, sorted, new LinkedHashMap<>(kinds),
                new double[0]);
    }

    /**
     * Every acknowledged award is a stored row with a signed credential and a JWT, or the key to sign its JWT with on
     * first request (builds with lazily signed JWTs); no status list entry is used twice.
     */
    private static int check(String jdbcUrl, String user, String password, Setup setup, Set<String> acknowledged) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            String jwt;
            try (ResultSet columns = c.getMetaData().getColumns(null, null, "awards", "jwt_key_id")) {
                jwt = columns.next() ? "(a.jwt is not null or a.jwt_key_id is not null)" : "a.jwt is not null";
            }
            try (PreparedStatement s = c.prepareStatement("select a.id, a.credential is not null and " + jwt
                    + ", a.status_list_id, a.status_index from awards a join organizations o on o.id = a.organization_id where o.slug = ?")) {
                s.setString(1, setup.slug());
                Set<String> stored = new HashSet<>();
                Set<String> entries = new HashSet<>();
                int unsigned = 0;
                int duplicateEntries = 0;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                        if (!rs.getBoolean(2)) unsigned++;
                        if (!entries.add(rs.getString(3) + "#" + rs.getInt(4))) duplicateEntries++;
                    }
                }
                Set<String> missing = new HashSet<>(acknowledged);
                missing.removeAll(stored);
                System.out.printf("%nPostgreSQL check: %d awards acknowledged by the API, %d rows stored for the organization, %d missing, "
                        + "%d without credential or JWT key, %d status list entries used twice%n", acknowledged.size(), stored.size(), missing.size(),
                        unsigned, duplicateEntries);
                return missing.size() + unsigned + duplicateEntries;
            }
        }
    }

    /**
     * CPU time (Linux {@code /proc}) of the app, of the PostgreSQL backends serving the benchmark database, and of this
     * process: on a shared machine, CPU per award says more than awards per second. PostgreSQL's background writers
     * are not counted.
     */
    static final class CpuMeter {
        record Snapshot(long app, Map<Long, Long> backends, long self) {}

        private static final double MS_PER_TICK = 10; // USER_HZ = 100 on Linux
        private final long appPid;
        private final String jdbcUrl;
        private final String user;
        private final String password;

        CpuMeter(long appPid, String jdbcUrl, String user, String password) {
            this.appPid = appPid;
            this.jdbcUrl = jdbcUrl;
            this.user = user;
            this.password = password;
        }

        Snapshot snapshot() {
            Map<Long, Long> backends = new LinkedHashMap<>();
            if (jdbcUrl != null) {
                try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                        ResultSet rs = c.createStatement().executeQuery(
                                "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")) {
                    while (rs.next()) backends.put(rs.getLong(1), ticks(rs.getLong(1)));
                } catch (Exception e) {
                    backends.clear();
                }
            }
            long self = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new Snapshot(appPid > 0 ? ticks(appPid) : -1, backends, self);
        }

        /** App, PostgreSQL and load generator CPU milliseconds since {@code before}; -1 where unknown. */
        double[] since(Snapshot before) {
            Snapshot now = snapshot();
            double app = now.app() < 0 || before.app() < 0 ? -1 : (now.app() - before.app()) * MS_PER_TICK;
            double pg = -1;
            if (!now.backends().isEmpty()) {
                long ticks = 0;
                for (var e : now.backends().entrySet()) {
                    if (e.getValue() < 0) continue;
                    ticks += e.getValue() - Math.max(0, before.backends().getOrDefault(e.getKey(), 0L));
                }
                pg = ticks * MS_PER_TICK;
            }
            return new double[] {app, pg, (now.self() - before.self()) / 1e6};
        }

        private static long ticks(long pid) {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
            } catch (Exception e) {
                return -1;
            }
        }
    }

    private String post(String path, String token, String json, int expected) throws Exception {
        if (System.nanoTime() > deadline) throw new IllegalStateException("deadline passed during setup");
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
