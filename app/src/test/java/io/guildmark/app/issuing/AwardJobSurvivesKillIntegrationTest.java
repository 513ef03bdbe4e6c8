package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.guildmark.app.GuildmarkApplication;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.PostgresAvailability;
import io.guildmark.app.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The award job survives {@code kill -9}: the application runs in a separate JVM, is killed (SIGKILL) while a
 * 300-row job is running, and started again on the same database; the job finishes and every row holds exactly one
 * award, with one e-mail.
 */
@ExtendWith(PostgresAvailability.class)
class AwardJobSurvivesKillIntegrationTest {

    private static final String ADMIN_TOKEN = "kill-test-admin-token-0123456789";
    private static final int ROWS = 300;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopTheApplication() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void aJobKilledMidRunResumesAfterRestartAndAwardsEveryRowExactlyOnce() throws Exception {
        Path dataDir = Files.createTempDirectory("guildmark-kill");
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        String postgresUrl = TestDatabase.postgresRequested() ? TestDatabase.createPostgresDatabase() : null;
        List<String> command = command(port, dataDir, postgresUrl);

        Process first = start(command, dataDir.resolve("first.log"), base);
        Api admin = new Api(base).withToken(ADMIN_TOKEN);
        String slug = Fixtures.createOrganization(admin, "survivors");
        Api key = new Api(base).withToken(Fixtures.createApiKey(admin, slug));
        String achievementId = Catalog.publishedMicroCredential(key, slug, "Keep Going");
        StringBuilder csv = new StringBuilder("email,name,micro_credential\n");
        for (int i = 0; i < ROWS; i++) csv.append("survivor").append(i).append('.').append(slug).append("@example.org,Survivor ").append(i).append(',')
                .append(achievementId).append('\n');
        Api.Response posted = key.post("/api/v1/organizations/" + slug + "/award-jobs", csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(posted.status()).as(posted.body()).isEqualTo(202);
        String job = "/api/v1/organizations/" + slug + "/award-jobs/" + posted.json().get("id").asText();
        String jobId = posted.json().get("id").asText();

        long until = System.currentTimeMillis() + 60_000;
        int doneAtKill;
        do {
            Thread.sleep(100);
            Api.Response progress = key.get(job);
            assertThat(progress.status()).as(progress.body()).isEqualTo(200);
            doneAtKill = progress.json().get("done").asInt();
        } while (doneAtKill < 10 && System.currentTimeMillis() < until);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(doneAtKill).as("rows done when the JVM was killed").isBetween(10, ROWS - 1);

        Process second = start(command, dataDir.resolve("second.log"), base);
        JsonNode finished = null;
        Api.Response last = null;
        until = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < until) {
            last = key.get(job);
            // A node that has just started may still answer something other than the job (it keeps polling then)
            if (last.status() == 200 && "completed".equals(last.json().path("state").asText())) {
                finished = last.json();
                break;
            }
            Thread.sleep(250);
        }
        assertThat(finished).as("the job completes after the restart; last answer %s %s; log:%n%s", last == null ? "none" : last.status(),
                last == null ? "" : last.body(), tail(dataDir.resolve("second.log"))).isNotNull();
        assertThat(finished.get("awarded").asInt()).as("rows awarded; job %s; log:%n%s", finished, tail(dataDir.resolve("second.log"))).isEqualTo(ROWS);

        // What left the building is the real test of "exactly once": a commit lost to the kill would send a second e-mail.
        for (int i = 0; i < ROWS; i += 37) {
            assertThat(Mailbox.messagesTo("survivor" + i + "." + slug + "@example.org")).as("e-mails to survivor %d", i).hasSizeLessThanOrEqualTo(1);
        }

        second.destroy(); // a normal stop, so the embedded database can be opened here
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        try (Connection c = connect(dataDir, postgresUrl); Statement s = c.createStatement()) {
            assertThat(single(s, "select count(*) from awards where issue_key like '" + jobId + ":%'")).isEqualTo(ROWS);
            assertThat(single(s, "select count(distinct issue_key) from awards where issue_key like '" + jobId + ":%'")).isEqualTo(ROWS);
            assertThat(single(s, "select count(*) from (select recipient_email from awards where recipient_email like '%." + slug
                    + "@example.org' group by recipient_email having count(*) <> 1) t")).isZero();
            assertThat(single(s, "select count(distinct recipient_email) from awards where recipient_email like '%." + slug + "@example.org'"))
                    .isEqualTo(ROWS);
            assertThat(single(s, "select count(*) from award_job_rows r join awards a on a.id = r.award_id and a.issue_key = '" + jobId
                    + ":' || r.row_number where r.job_id = '" + jobId + "' and r.outcome = 'awarded'")).isEqualTo(ROWS);
            assertThat(single(s, "select count(*) from (select recipient from outbound_emails where recipient like '%." + slug
                    + "@example.org' group by recipient having count(*) <> 1) t")).isZero();
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect(Path dataDir, String postgresUrl) throws SQLException {
        if (postgresUrl != null) return DriverManager.getConnection(postgresUrl, TestDatabase.POSTGRES_USER, "");
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("guildmark") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
    }

    private List<String> command(int port, Path dataDir, String postgresUrl) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), GuildmarkApplication.class.getName(),
                "--server.port=" + port, "--guildmark.base-url=http://127.0.0.1:" + port, "--guildmark.data-dir=" + dataDir,
                "--guildmark.admin-token=" + ADMIN_TOKEN, "--guildmark.mode=demo", "--guildmark.demo-data=false",
                "--guildmark.mail.host=127.0.0.1", "--guildmark.mail.port=" + Mailbox.port(),
                "--db-scheduler.polling-interval=1s", "--db-scheduler.heartbeat-interval=1s", "--db-scheduler.missed-heartbeats-limit=4",
                "--guildmark.award-jobs.poll-interval=500ms"));
        if (postgresUrl != null) {
            command.add("--guildmark.database.url=" + postgresUrl);
            command.add("--guildmark.database.user=" + TestDatabase.POSTGRES_USER);
        }
        return command;
    }

    private Process start(List<String> command, Path log, String base) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(process);
        Api api = new Api(base);
        long until = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < until) {
            if (!process.isAlive()) throw new AssertionError("The application stopped; see " + log + ":\n" + tail(log));
            try {
                if (api.get("/actuator/health").status() == 200) return process;
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The application did not start within 2 minutes; see " + log + ":\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
