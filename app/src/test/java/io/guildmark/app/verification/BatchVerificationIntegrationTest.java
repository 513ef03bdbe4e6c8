package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.SignedInClient;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * An employer checks many candidates' badges at once: badges really issued by the running app (fetched back over HTTP
 * as a stranger would), some revoked, one tampered with, one shown by the wrong person; a presentation with a forged
 * credential; and the inputs that must be refused whole (1,001 credentials, a ZIP bomb, a ZIP that climbs out of its
 * root) or row by row (addresses on private networks).
 */
class BatchVerificationIntegrationTest extends IntegrationTest {

    private static final Pattern BATCH_ID = Pattern.compile("data-batch-id=\"([0-9a-f-]{36})\"");

    @Autowired
    ApplicationContext context;

    private BatchFixture issuer;
    private String alexEmail;
    private String beaEmail;

    @BeforeEach
    void anAssociationThatAwardsBadges() {
        issuer = new BatchFixture(admin(), baseUrl(), "batch-verify");
        alexEmail = Fixtures.uniqueEmail("alex");
        beaEmail = Fixtures.uniqueEmail("bea");
    }

    /** Between two polls of the progress (each poll has a deadline). */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode badge(JsonNode response, String sourceContains) {
        for (JsonNode candidate : response.get("candidates")) {
            for (JsonNode badge : candidate.get("badges")) {
                if (badge.get("source").asText().contains(sourceContains)) return badge;
            }
        }
        throw new AssertionError("No badge from " + sourceContains + " in " + response);
    }

    @Test
    void aZipAndACsvOfCandidatesGiveOneTableWithRevokedTamperedAndSomeoneElsesBadgesFlagged() {
        BatchFixture.Badge good = issuer.award(alexEmail, "Alex Rivera");
        BatchFixture.Badge revoked1 = issuer.award(alexEmail, "Alex Rivera");
        BatchFixture.Badge revoked2 = issuer.award(beaEmail, "Bea Lind");
        BatchFixture.Badge tampered = issuer.award(beaEmail, "Bea Lind");
        BatchFixture.Badge beas = issuer.award(beaEmail, "Bea Lind");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("alex/good.png", issuer.png(good));
        files.put("alex/revoked.png", issuer.png(revoked1));
        files.put("bea/revoked.png", issuer.png(revoked2));
        files.put("bea/tampered.json", issuer.tampered(tampered).getBytes(StandardCharsets.UTF_8));
        files.put("__MACOSX/._good.png", new byte[] {1, 2, 3});
        issuer.revoke(revoked1);
        issuer.revoke(revoked2);
        String csv = "url,name,email\r\n" + good.url() + ",Alex Rivera," + alexEmail + "\r\n"
                + beas.url() + ",Alex Rivera," + alexEmail + "\r\n";
        String boundary = "batch" + UUID.randomUUID();
        byte[] body = BatchFixture.multipart(boundary, Map.of(), Map.of("badges.zip", BatchFixture.zip(files),
                "candidates.csv", csv.getBytes(StandardCharsets.UTF_8)));

        Api.Response response = api().post("/api/v1/verify/batch", body, "multipart/form-data; boundary=" + boundary);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode table = response.json();
        assertThat(table.get("credentials").asInt()).isEqualTo(6);
        assertThat(table.get("verified").asInt()).isEqualTo(2);
        JsonNode goodPng = badge(table, "alex/good.png");
        assertThat(goodPng.get("verdict").asText()).isEqualTo("verified");
        assertThat(goodPng.get("issuerStanding").asText()).isNotBlank();
        assertThat(goodPng.get("revocation").asText()).isEqualTo("ACTIVE");
        assertThat(goodPng.get("recipientMatch").asText()).isEqualTo("NOT_REQUESTED");
        for (String revoked : List.of("alex/revoked.png", "bea/revoked.png")) {
            JsonNode row = badge(table, revoked);
            assertThat(row.get("verdict").asText()).isEqualTo("revoked");
            assertThat(row.get("revoked").asBoolean()).isTrue();
        }
        JsonNode forged = badge(table, "bea/tampered.json");
        assertThat(forged.get("verified").asBoolean()).isFalse();
        assertThat(forged.get("reason").asText()).contains("signature does not match");

        // The CSV's candidate: their own badge matches their e-mail; Bea's badge shown by Alex does not.
        JsonNode alex = null;
        for (JsonNode candidate : table.get("candidates")) {
            if (alexEmail.equals(candidate.path("email").asText(""))) alex = candidate;
        }
        assertThat(alex).as(table.toString()).isNotNull();
        assertThat(alex.get("name").asText()).isEqualTo("Alex Rivera");
        assertThat(alex.get("badges")).hasSize(2);
        assertThat(alex.get("badges").get(0).get("recipientMatch").asText()).isEqualTo("MATCH");
        assertThat(alex.get("badges").get(0).get("verified").asBoolean()).isTrue();
        assertThat(alex.get("badges").get(1).get("recipientMatch").asText()).isEqualTo("MISMATCH");
        assertThat(alex.get("badges").get(1).get("verified").asBoolean()).isFalse();
    }

    @Test
    void aPresentationWithOneForgedCredentialReportsThatOneAndVerifiesTheRest() {
        BatchFixture.Badge first = issuer.award(alexEmail, "Alex Rivera");
        BatchFixture.Badge second = issuer.award(alexEmail, "Alex Rivera");
        BatchFixture.Badge third = issuer.award(alexEmail, "Alex Rivera");
        String presentation = "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiablePresentation\"],"
                + "\"verifiableCredential\":[" + issuer.json(first) + "," + issuer.tampered(second) + "," + issuer.json(third) + "]}";

        Api.Response response = api().post("/api/v1/verify/batch", presentation.getBytes(StandardCharsets.UTF_8), "application/json");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode table = response.json();
        assertThat(table.get("credentials").asInt()).isEqualTo(3);
        assertThat(table.get("verified").asInt()).isEqualTo(2);
        assertThat(badge(table, "credential 1").get("verified").asBoolean()).isTrue();
        assertThat(badge(table, "credential 2").get("verified").asBoolean()).isFalse();
        assertThat(badge(table, "credential 2").get("reason").asText()).contains("signature does not match");
        assertThat(badge(table, "credential 3").get("verified").asBoolean()).isTrue();
    }

    @Test
    void moreThanAThousandCredentialsZipBombsAndPathsOutsideTheZipAreRefusedWhole() {
        StringBuilder urls = new StringBuilder();
        for (int i = 0; i < 1001; i++) urls.append("https://badges.example.org/credentials/").append(i).append('\n');
        Api.Response tooMany = api().post("/api/v1/verify/batch", urls.toString().getBytes(StandardCharsets.UTF_8), "text/uri-list");
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.json().get("code").asText()).isEqualTo("too-many-credentials");
        assertThat(tooMany.body()).contains("at most 1000 credentials");

        Api.Response bomb = api().post("/api/v1/verify/batch", BatchFixture.zipBomb(), "application/zip");
        assertThat(bomb.status()).isEqualTo(413);
        assertThat(bomb.json().get("code").asText()).isEqualTo("zip-too-large");

        Api.Response slip = api().post("/api/v1/verify/batch",
                BatchFixture.zip(Map.of("badge.json", new byte[] {'{', '}'}, "../../etc/cron.d/evil", new byte[] {'x'})), "application/zip");
        assertThat(slip.status()).isEqualTo(400);
        assertThat(slip.json().get("code").asText()).isEqualTo("zip-path-outside-root");

        Api.Response absolute = api().post("/api/v1/verify/batch", BatchFixture.zip(Map.of("/etc/passwd", new byte[] {'x'})), "application/zip");
        assertThat(absolute.status()).isEqualTo(400);

        // On the page too: a message, and nothing kept.
        EarningWorld.Person employer = new EarningWorld(context, admin(), baseUrl()).person("Erin Employer", null);
        SignedInClient browser = new SignedInClient(baseUrl(), employer.email(), EarningWorld.PASSWORD);
        String boundary = "batch" + UUID.randomUUID();
        SignedInClient.Download page = browser.postRaw("/verify/batch", "/verify/batch", "multipart/form-data; boundary=" + boundary,
                BatchFixture.multipart(boundary, Map.of("urls", urls.toString()), Map.of()));
        assertThat(page.status()).isEqualTo(413);
        assertThat(page.body()).contains("at most 1000 credentials");
        assertThat(db.sql("select count(*) from verification_batches where user_id = ?").param(employer.id()).query(Long.class).single())
                .isZero();
    }

    @Test
    void addressesOnPrivateNetworksAreRefusedRowByRow() {
        BatchFixture.Badge good = issuer.award(alexEmail, "Alex Rivera");
        String csv = good.url() + ",Alex Rivera," + alexEmail + "\n"
                + "http://192.168.10.20/credentials/1,Bea Lind," + beaEmail + "\n"
                + "http://127.0.0.1:9/credentials/2,Bea Lind," + beaEmail + "\n";

        Api.Response response = api().post("/api/v1/verify/batch", csv.getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode table = response.json();
        assertThat(badge(table, "row 1").get("verified").asBoolean()).isTrue();
        assertThat(badge(table, "row 1").get("recipientMatch").asText()).isEqualTo("MATCH");
        for (String row : List.of("row 2", "row 3")) {
            assertThat(badge(table, row).get("verdict").asText()).isEqualTo("refused");
            assertThat(badge(table, row).get("reason").asText()).startsWith("Refused: private address");
        }
    }

    @Test
    void aSignedInEmployersCheckIsKeptForThemDownloadsAsCsvAndPdfAndIsNobodyElses() throws Exception {
        BatchFixture.Badge good = issuer.award(alexEmail, "Alex Rivera");
        BatchFixture.Badge revoked = issuer.award(beaEmail, "Bea Lind");
        byte[] revokedPng = issuer.png(revoked);
        issuer.revoke(revoked);
        String csv = "url,name,email\n" + good.url() + ",=HYPERLINK(\"https://evil.example\"),"
                + alexEmail + "\n";
        byte[] zip = BatchFixture.zip(Map.of("bea.png", revokedPng, "candidates.csv", csv.getBytes(StandardCharsets.UTF_8)));
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        EarningWorld.Person employer = world.person("Erin Employer", null);
        SignedInClient browser = new SignedInClient(baseUrl(), employer.email(), EarningWorld.PASSWORD);

        SignedInClient.Download started = browser.postMultipart("/verify/batch", "/verify/batch", Map.of(), "files", "badges.zip",
                "application/zip", zip);

        assertThat(started.status()).as(started.body()).isEqualTo(200);
        Matcher id = BATCH_ID.matcher(started.body());
        assertThat(id.find()).as(started.body()).isTrue();
        String batch = "/verify/batch/" + id.group(1);
        String progress = started.body();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!progress.contains("data-state=\"done\"") && System.currentTimeMillis() < deadline) {
            pause();
            progress = browser.get(batch + "/progress").body();
        }
        assertThat(progress).contains("data-state=\"done\"").contains("id=\"batch-verified\">1</span>").contains("Revoked").contains("Matches " + alexEmail);

        SignedInClient.Download csvDownload = browser.get(batch + "/results.csv");
        assertThat(csvDownload.status()).isEqualTo(200);
        assertThat(csvDownload.contentType()).startsWith("text/csv");
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new java.io.StringReader(csvDownload.body())).getRecords();
        assertThat(records).hasSize(2);
        List<String> names = new ArrayList<>();
        records.forEach(r -> names.add(r.get("candidate_name")));
        assertThat(names).contains("'=HYPERLINK(\"https://evil.example\")");
        assertThat(records).anySatisfy(r -> {
            assertThat(r.get("verdict")).isEqualTo("revoked");
            assertThat(r.get("revocation")).isEqualTo("Revoked by its issuer");
        });
        SignedInClient.Download pdf = browser.get(batch + "/report.pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(new String(pdf.bytes(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        // Kept and listed for the employer…
        assertThat(browser.get("/verify/batches").body()).contains(batch).contains("badges.zip");
        assertThat(browser.get(batch).body()).contains("data-state=\"done\"");

        // …and for nobody else: another account, or a visitor without one, gets 404.
        EarningWorld.Person other = world.person("Otto Other", null);
        SignedInClient stranger = new SignedInClient(baseUrl(), other.email(), EarningWorld.PASSWORD);
        for (String path : List.of(batch, batch + "/progress", batch + "/results.csv", batch + "/report.pdf")) {
            assertThat(stranger.get(path).status()).as(path).isEqualTo(404);
            assertThat(new io.guildmark.app.support.WebSession(baseUrl()).get(path).status()).as(path).isEqualTo(404);
        }
        assertThat(stranger.get("/verify/batches").body()).doesNotContain(batch);
    }

    @Test
    void anAnonymousCheckIsShownToItsVisitorButNotKept() {
        BatchFixture.Badge good = issuer.award(alexEmail, "Alex Rivera");
        long before = count("verification_batches");
        io.guildmark.app.support.WebSession visitor = new io.guildmark.app.support.WebSession(baseUrl());

        io.guildmark.app.support.WebSession.Page started = visitor.submit("/verify/batch", "/verify/batch", "urls", good.url());

        assertThat(started.status()).isEqualTo(200);
        String batch = started.uri().getPath();
        String page = started.body();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!page.contains("data-state=\"done\"") && System.currentTimeMillis() < deadline) {
            pause();
            page = visitor.get(batch + "/progress").body();
        }
        assertThat(page).contains("1</span> of").contains("Verified").contains("This check is not kept");
        assertThat(count("verification_batches")).isEqualTo(before);
        assertThat(new io.guildmark.app.support.WebSession(baseUrl()).get(batch).status()).isEqualTo(404);
    }
}
