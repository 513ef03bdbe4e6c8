package io.guildmark.app.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * Fills one organization with an association's worth of records, for measuring staff lists at scale (see
 * {@code bench/staff-lists.sh} and docs/benchmarks.md). Two phases, because the embedded H2 database can be opened by
 * one process at a time:
 *
 * <ol>
 * <li>{@code --phase api} (the app running): through the public API, an organization, an API key, the
 * micro-credentials, and a few real awards per micro-credential (signed by the platform, with status list entries).
 * Prints the organization's slug.</li>
 * <li>{@code --phase rows} (the app stopped, or running on PostgreSQL): straight into the database, in batches, the
 * bulk: {@code --learners} roster members with verified accounts' addresses, {@code --awards} awards (each a copy of
 * one of the real awards of its micro-credential with its own id, recipient, dates, state and claim state: the same
 * row size as real ones, but their proofs name the original recipient, so their badge pages do not verify — they are
 * there to be listed, searched and exported), {@code --enrollments} enrollments and {@code --submissions} submissions;
 * and a staff account (owner) to sign in to the pages with.</li>
 * </ol>
 *
 * Deterministic for a given {@code --seed}. Only the addresses given are contacted.
 */
public final class AssociationData {

    static final String STAFF_EMAIL = "staff@bench.example.org";
    static final String STAFF_PASSWORD = "bench-staff-password-1";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");
    private static final String[] GIVEN = {"Ana", "Bongani", "Chen", "Dagny", "Émile", "Fatima", "Goran", "Hiroshi", "Inés", "Jamal",
            "Katarzyna", "Léa", "Mateus", "Nkechi", "Olusegun", "Priya", "Quentin", "Renée", "Søren", "Thảo", "Uma", "Valentina",
            "Wojciech", "Xiu", "Yusuf", "Zoë"};
    private static final String[] FAMILY = {"Abara", "Björk", "Castillo", "Dubois", "Eriksen", "Fernández", "García", "Haddad",
            "Ivanova", "Jovanović", "Kowalski", "López", "Müller", "Nakamura", "O'Brien", "Papadopoulos", "Quispe", "Rossi",
            "Schmidt", "Tanaka", "Usman", "Van der Berg", "Wiśniewski", "Xu", "Yilmaz", "Zhang"};
    private static final String[] CREDENTIALS = {"Project Scheduling Fundamentals", "Risk Register Practice", "Stakeholder Mapping",
            "Budget Baselines", "Agile Retrospectives", "Earned Value Basics", "Procurement Essentials", "Quality Audits",
            "Change Control", "Closing a Project"};

    private AssociationData() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        String phase = opts.getOrDefault("phase", "");
        switch (phase) {
            case "api" -> apiPhase(opts);
            case "rows" -> rowsPhase(opts);
            default -> throw new IllegalArgumentException("--phase api or --phase rows");
        }
    }

    // ---- phase 1: through the API ----

    private static void apiPhase(Map<String, String> opts) throws Exception {
        String baseUrl = require(opts, "base-url").replaceAll("/$", "");
        String adminToken = opts.getOrDefault("admin-token", System.getenv("GUILDMARK_ADMIN_TOKEN"));
        if (adminToken == null) throw new IllegalArgumentException("--admin-token or GUILDMARK_ADMIN_TOKEN is required");
        int realPerCredential = Integer.parseInt(opts.getOrDefault("real-awards", "20"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Api api = new Api(http, baseUrl);

        String slug = opts.getOrDefault("slug", "bench-association");
        api.post("/api/v1/organizations", adminToken, """
                {"slug":"%s","name":"Benchmark Association","url":"https://bench.example.org","email":"badges@bench.example.org",
                 "description":"An association with twelve thousand members, for measuring staff lists."}""".formatted(slug), 201);
        String key = match(KEY, api.post("/api/v1/organizations/" + slug + "/api-keys", adminToken, "{\"name\":\"data generator\"}", 201));
        for (int c = 0; c < CREDENTIALS.length; c++) {
            String achievementId = match(ID, api.post("/api/v1/organizations/" + slug + "/achievements", key, """
                    {"name":"%s","description":"Shows the skill of %s in a real project.","achievementType":"MicroCredential",
                     "criteria":{"narrative":"Completed the course, passed the assessment and submitted a work product."},
                     "alignments":[{"targetName":"%s","targetUrl":"https://frameworks.example.org/pm/%d",
                       "targetFramework":"Project Management Skills Framework","targetCode":"PM-%d"}],
                     "creditHours":10,"tags":["project management"]}""".formatted(CREDENTIALS[c], CREDENTIALS[c].toLowerCase(Locale.ROOT),
                    CREDENTIALS[c], c, c), 201));
            // Version 1 of the earning design, which the generated enrollments follow: a reviewed work product and a course;
            // every other one also a skills demonstration, so the assessors' queue has thousands waiting.
            String demonstration = c % 2 == 0 ? ",\"demonstration\":{\"instructions\":\"Walk an assessor through the schedule.\"}" : "";
            api.send("PUT", "/api/v1/organizations/" + slug + "/achievements/" + achievementId + "/earning", key, """
                    {"rubric":{"criteria":[{"name":"Quality of the work product","requiredLevel":"meets","levels":[
                       {"name":"Not yet","descriptor":"Below the standard."},{"name":"Meets","descriptor":"At the standard."}]}]},
                     "submission":{"instructions":"Upload the work product."},"completion":{"courseCode":"PM-%d"}%s}""".formatted(c, demonstration), 200);
            api.post("/api/v1/organizations/" + slug + "/achievements/" + achievementId + "/publish", key, "", 200);
            for (int i = 0; i < realPerCredential; i++) {
                api.post("/api/v1/organizations/" + slug + "/awards", key, """
                        {"achievementId":"%s","recipient":{"email":"template-%d-%d@bench.example.org","name":"Template Learner %d"},
                         "evidence":[{"narrative":"Built and defended a schedule for a 40-task project.","url":"https://portfolio.example.org/%d"}]}"""
                        .formatted(achievementId, c, i, i, i), 201);
            }
        }
        System.out.println("slug=" + slug);
        System.out.println("key=" + key);
    }

    private record Api(HttpClient http, String baseUrl) {
        String post(String path, String token, String json, int expected) throws Exception {
            return send("POST", path, token, json, expected);
        }

        String send(String method, String path, String token, String json, int expected) throws Exception {
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

    // ---- phase 2: rows straight into the database ----

    private static void rowsPhase(Map<String, String> opts) throws Exception {
        String jdbcUrl = require(opts, "jdbc-url");
        String slug = opts.getOrDefault("slug", "bench-association");
        int learners = Integer.parseInt(opts.getOrDefault("learners", "12000"));
        int awards = Integer.parseInt(opts.getOrDefault("awards", "100000"));
        int enrollments = Integer.parseInt(opts.getOrDefault("enrollments", "30000"));
        int submissions = Integer.parseInt(opts.getOrDefault("submissions", "5000"));
        Random random = new Random(Long.parseLong(opts.getOrDefault("seed", "42")));
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl, opts.getOrDefault("jdbc-user", "postgres"), opts.getOrDefault("jdbc-password", ""))) {
            c.setAutoCommit(false);
            UUID org = single(c, "select id from organizations where slug = ?", slug);
            List<UUID> achievements = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select id from achievements where organization_id = ? order by created_at, id")) {
                s.setObject(1, org);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) achievements.add(rs.getObject(1, UUID.class));
                }
            }
            if (achievements.isEmpty()) throw new IllegalStateException("run --phase api first: " + slug + " has no micro-credentials");
            Instant now = Instant.now();

            staff(c, org, now);
            roster(c, org, learners, random, now);
            c.commit();
            System.out.printf("roster: %,d members (%.0f s)%n", learners, seconds(started));

            copyAwards(c, org, achievements, learners, awards, random, now);
            System.out.printf("awards: %,d (%.0f s)%n", awards, seconds(started));

            List<UUID[]> enrolled = enrollments(c, org, achievements, learners, enrollments, random, now);
            c.commit();
            System.out.printf("enrollments: %,d (%.0f s)%n", enrolled.size(), seconds(started));

            submissions(c, org, enrolled, submissions, random, now);
            c.commit();
            System.out.printf("submissions: %,d (%.0f s)%n", Math.min(submissions, enrolled.size()), seconds(started));
            c.commit();
            // Fresh statistics, as after a bulk load. On PostgreSQL also the visibility map that autovacuum would set
            // within a minute or two of the load: without it no index-only scan is possible, and the first pages measured
            // would show a table nobody has vacuumed yet rather than the steady state (VACUUM runs outside a transaction).
            boolean postgres = c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
            c.setAutoCommit(true);
            try (var s = c.createStatement()) {
                s.execute(postgres ? "vacuum analyze" : "analyze");
            }
        }
        System.out.printf("done in %.0f s; staff sign-in %s / %s%n", seconds(started), STAFF_EMAIL, STAFF_PASSWORD);
    }

    static String learnerEmail(int n) {
        return String.format("learner-%05d@members.example.org", n);
    }

    static String learnerName(int n) {
        return GIVEN[n % GIVEN.length] + " " + FAMILY[(n / GIVEN.length) % FAMILY.length] + " " + n;
    }

    private static void staff(Connection c, UUID org, Instant now) throws Exception {
        UUID user = UUID.randomUUID();
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(STAFF_PASSWORD);
        update(c, "insert into users (id, email, name, password_hash, email_verified_at, created_at) values (?, ?, ?, ?, ?, ?)",
                user, STAFF_EMAIL, "Bench Staff", hash, Timestamp.from(now), Timestamp.from(now));
        update(c, "insert into user_emails (id, user_id, email, verified_email, verified_at, created_at) values (?, ?, ?, ?, ?, ?)",
                UUID.randomUUID(), user, STAFF_EMAIL, STAFF_EMAIL, Timestamp.from(now), Timestamp.from(now));
        update(c, "insert into memberships (organization_id, user_id, role, granted_at) values (?, ?, 'OWNER', ?)", org, user, Timestamp.from(now));
    }

    private static void roster(Connection c, UUID org, int learners, Random random, Instant now) throws Exception {
        String[] statuses = {"active", "active", "active", "active", "grace", "lapsed", "suspended", "cancelled"};
        String[] types = {"regular", "student", "retired", "corporate"};
        try (PreparedStatement m = c.prepareStatement(
                "insert into roster_members (id, organization_id, member_number, name, status, member_type, expires_on, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement e = c.prepareStatement("insert into roster_emails (member_id, organization_id, email) values (?, ?, ?)")) {
            for (int n = 1; n <= learners; n++) {
                UUID id = UUID.randomUUID();
                m.setObject(1, id);
                m.setObject(2, org);
                m.setString(3, String.format("M%06d", n));
                m.setString(4, learnerName(n));
                m.setString(5, statuses[random.nextInt(statuses.length)]);
                m.setString(6, types[random.nextInt(types.length)]);
                m.setObject(7, java.sql.Date.valueOf(java.time.LocalDate.now().plusDays(random.nextInt(700) - 200)));
                m.setTimestamp(8, Timestamp.from(now));
                m.addBatch();
                e.setObject(1, id);
                e.setObject(2, org);
                e.setString(3, learnerEmail(n));
                e.addBatch();
                if (n % 1000 == 0) {
                    m.executeBatch();
                    e.executeBatch();
                }
            }
            m.executeBatch();
            e.executeBatch();
        }
    }

    /**
     * Each award copies every column of a real award of its micro-credential (whatever columns the schema has today),
     * then sets its own id, recipient, dates, state and claim.
     */
    private static void copyAwards(Connection c, UUID org, List<UUID> achievements, int learners, int count, Random random, Instant now)
            throws Exception {
        Map<UUID, Map<String, Object>> templates = new LinkedHashMap<>();
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select * from awards where organization_id = ? order by issued_at")) {
            s.setObject(1, org);
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) columns.add(md.getColumnName(i).toLowerCase(Locale.ROOT));
                while (rs.next()) {
                    UUID achievement = rs.getObject("achievement_id", UUID.class);
                    if (templates.containsKey(achievement)) continue;
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns.size(); i++) row.put(columns.get(i - 1), rs.getObject(i));
                    templates.put(achievement, row);
                }
            }
        }
        if (templates.isEmpty()) throw new IllegalStateException("run --phase api first: no real awards to copy");
        String sql = "insert into awards (" + String.join(", ", columns) + ") values (" + "?, ".repeat(columns.size() - 1) + "?)";
        List<UUID> withTemplates = achievements.stream().filter(templates::containsKey).toList();
        long span = Duration.ofDays(3 * 365).toSeconds();
        String[] claims = {"pending", "accepted", "accepted", "declined"};
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int n = 1; n <= count; n++) {
                int learner = 1 + random.nextInt(learners);
                Map<String, Object> row = new LinkedHashMap<>(templates.get(withTemplates.get(random.nextInt(withTemplates.size()))));
                Instant issued = now.minusSeconds((long) (random.nextDouble() * span));
                boolean revoked = random.nextInt(50) == 0;
                row.put("id", UUID.randomUUID());
                row.put("recipient_email", learnerEmail(learner));
                row.put("recipient_name", learnerName(learner));
                row.put("recipient_user_id", null);
                row.put("issued_at", Timestamp.from(issued));
                row.put("valid_from", Timestamp.from(issued));
                row.put("valid_until", random.nextInt(3) == 0 ? Timestamp.from(issued.plus(Duration.ofDays(730))) : null);
                row.put("state", revoked ? "revoked" : "active");
                row.put("revoked_at", revoked ? Timestamp.from(issued.plus(Duration.ofDays(10))) : null);
                row.put("revocation_reason", revoked ? "Issued in error" : null);
                row.put("status_list_id", null);
                row.put("status_index", null);
                row.put("claim_token_hash", null);
                String claim = claims[random.nextInt(claims.length)];
                if (row.containsKey("claim_state")) row.put("claim_state", claim);
                row.put("claimed_at", "accepted".equals(claim) ? Timestamp.from(issued.plus(Duration.ofDays(2))) : null);
                if (row.containsKey("issue_key")) row.put("issue_key", null);
                for (int i = 0; i < columns.size(); i++) s.setObject(i + 1, row.get(columns.get(i)));
                s.addBatch();
                if (n % 1000 == 0) {
                    s.executeBatch();
                    c.commit();
                }
            }
            s.executeBatch();
            c.commit();
        }
    }

    private static List<UUID[]> enrollments(Connection c, UUID org, List<UUID> achievements, int learners, int count, Random random,
            Instant now) throws Exception {
        String[] states = {"active", "active", "active", "awarded", "awarded", "withdrawn"};
        List<UUID[]> made = new ArrayList<>();
        java.util.Set<Long> taken = new java.util.HashSet<>();
        long span = Duration.ofDays(2 * 365).toSeconds();
        try (PreparedStatement s = c.prepareStatement("""
                insert into enrollments (id, organization_id, achievement_id, design_version, email, name, state, payment, price_minor,
                  currency, paid_at, enrolled_at, awarded_at) values (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            while (made.size() < count && taken.size() < (long) learners * achievements.size()) {
                int learner = 1 + random.nextInt(learners);
                int a = random.nextInt(achievements.size());
                if (!taken.add((long) learner * achievements.size() + a)) continue;
                UUID id = UUID.randomUUID();
                Instant enrolled = now.minusSeconds((long) (random.nextDouble() * span));
                int paid = random.nextInt(4); // 0: free, 1: due, 2-3: paid
                s.setObject(1, id);
                s.setObject(2, org);
                s.setObject(3, achievements.get(a));
                s.setString(4, learnerEmail(learner));
                s.setString(5, learnerName(learner));
                String state = states[random.nextInt(states.length)];
                s.setString(6, state);
                s.setString(7, paid == 0 ? "none" : paid == 1 ? "due" : "paid");
                s.setObject(8, paid == 0 ? null : 19_900L);
                s.setString(9, paid == 0 ? null : "USD");
                s.setTimestamp(10, paid >= 2 ? Timestamp.from(enrolled.plusSeconds(3600)) : null);
                s.setTimestamp(11, Timestamp.from(enrolled));
                s.setTimestamp(12, "awarded".equals(state) ? Timestamp.from(enrolled.plus(Duration.ofDays(20))) : null);
                s.addBatch();
                made.add(new UUID[] {id, achievements.get(a)});
                if (made.size() % 1000 == 0) s.executeBatch();
            }
            s.executeBatch();
        }
        return made;
    }

    private static void submissions(Connection c, UUID org, List<UUID[]> enrolled, int count, Random random, Instant now) throws Exception {
        String[] states = {"submitted", "submitted", "in_review", "meets", "meets", "not_yet"};
        try (PreparedStatement s = c.prepareStatement("""
                insert into submissions (id, enrollment_id, organization_id, achievement_id, round, state, responses, created_at, updated_at,
                  submitted_at) values (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)""")) {
            for (int n = 0; n < Math.min(count, enrolled.size()); n++) {
                UUID[] e = enrolled.get(n);
                Instant submitted = now.minusSeconds(random.nextInt(365 * 24 * 3600));
                s.setObject(1, UUID.randomUUID());
                s.setObject(2, e[0]);
                s.setObject(3, org);
                s.setObject(4, e[1]);
                s.setString(5, states[random.nextInt(states.length)]);
                s.setString(6, "{}");
                s.setTimestamp(7, Timestamp.from(submitted.minusSeconds(86_400)));
                s.setTimestamp(8, Timestamp.from(submitted));
                s.setTimestamp(9, Timestamp.from(submitted));
                s.addBatch();
                if ((n + 1) % 1000 == 0) s.executeBatch();
            }
            s.executeBatch();
        }
    }

    private static UUID single(Connection c, String sql, Object param) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, param);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("not found: " + sql + " " + param);
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private static void update(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
            s.executeUpdate();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static String match(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) throw new IllegalStateException("Unexpected response: " + body);
        return m.group(1);
    }

    static String require(Map<String, String> opts, String name) {
        String value = opts.get(name);
        if (value == null) throw new IllegalArgumentException("--" + name + " is required");
        return value;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("Unexpected argument " + args[i]);
            String arg = args[i].substring(2);
            int eq = arg.indexOf('=');
            if (eq >= 0) opts.put(arg.substring(0, eq), arg.substring(eq + 1));
            else if (i + 1 < args.length) opts.put(arg, args[++i]);
            else throw new IllegalArgumentException("--" + arg + " needs a value");
        }
        return opts;
    }
}
