package io.guildmark.app.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.guildmark.app.credits.CreditsFixture;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.OutsideVerifier;
import io.guildmark.app.support.WebSession;
import io.guildmark.credentials.baking.PngBaker;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** "Download all" and shared presentations: everything a person holds leaves in one file; chosen badges go under one link. */
class PortfolioIntegrationTest extends IntegrationTest {


    @Autowired ApplicationContext context;

    CreditsFixture credits;
    CreditsFixture.Association association;
    UUID safety;
    UUID hygiene;
    Api staff;
    Wallets wallets;

    @BeforeEach
    void association() {
        credits = new CreditsFixture(context, admin(), baseUrl());
        association = credits.association("portfolio");
        safety = credits.microCredential(association, "Site Safety", "2", "CPE", null);
        hygiene = credits.microCredential(association, "Food Hygiene", "1", "CPE", null);
        staff = api().withToken(association.apiKey());
        wallets = new Wallets(baseUrl(), association.slug(), staff);
    }

    @Test
    void downloadAllHoldsEveryBadgeAsJsonLdJwtAndBakedPngAndOnePresentationOfThemAll() throws Exception {
        var learner = credits.world.person("Dana Download", null);
        WebSession dana = wallets.signedIn(learner);
        UUID first = wallets.awardAndAccept(safety, "Site Safety", learner, dana);
        UUID second = wallets.award(hygiene, learner); // sent to her verified address, not yet accepted: still hers

        WebSession.Download zip = dana.download("/wallet/export.zip");
        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(zip.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment", ".zip");
        Map<String, byte[]> files = unzip(zip.body());
        assertThat(files.keySet()).contains("README.txt", "presentation.json")
                .anyMatch(n -> n.endsWith("-site-safety/credential.json")).anyMatch(n -> n.endsWith("-food-hygiene/badge.png"));
        assertThat(files.keySet().stream().filter(n -> n.endsWith("/credential.jwt"))).hasSize(2);

        OutsideVerifier outside = new OutsideVerifier();
        for (var file : files.entrySet()) {
            if (file.getKey().endsWith("/credential.json")) {
                assertThat(outside.verifier.verify(file.getValue(), "application/vc+ld+json").verified()).as(file.getKey()).isTrue();
            } else if (file.getKey().endsWith("/credential.jwt")) {
                assertThat(outside.verifier.verify(file.getValue(), "application/vc+jwt").verified()).as(file.getKey()).isTrue();
            } else if (file.getKey().endsWith("/badge.png")) {
                String baked = new PngBaker().extract(file.getValue()).orElseThrow().payload();
                assertThat(outside.verifier.verify(baked.getBytes(StandardCharsets.UTF_8), "application/vc+ld+json").verified()).isTrue();
            }
        }
        JsonObject vp = Json.createReader(new ByteArrayInputStream(files.get("presentation.json"))).readObject();
        assertThat(vp.getJsonArray("type").getString(0)).isEqualTo("VerifiablePresentation");
        assertThat(vp.getJsonArray("verifiableCredential")).hasSize(2);
        assertThat(new String(files.get("README.txt"), StandardCharsets.UTF_8)).contains("Site Safety", "Food Hygiene", "not yet accepted",
                "/credentials/" + first, "/credentials/" + second);
    }

    @Test
    void downloadAllIsForTheSignedInPersonOnlyAndHoldsNobodyElsesBadges() throws IOException {
        var holder = credits.world.person("Hana Holder", null);
        var other = credits.world.person("Otto Other", null);
        wallets.awardAndAccept(safety, "Site Safety", holder, wallets.signedIn(holder));

        WebSession.Download anonymous = new WebSession(baseUrl()).download("/wallet/export.zip");
        // The sign-in page, not a ZIP: a ZIP starts with the local file header "PK\3\4" (a CSRF token in the page may hold "PK").
        assertThat(java.util.Arrays.copyOf(anonymous.body(), 4)).isNotEqualTo(new byte[] {'P', 'K', 3, 4});
        assertThat(new String(anonymous.body(), StandardCharsets.UTF_8)).contains("Sign in");
        Map<String, byte[]> othersZip = unzip(wallets.signedIn(other).download("/wallet/export.zip").body());
        assertThat(othersZip.keySet()).containsExactlyInAnyOrder("README.txt", "presentation.json");
        assertThat(new String(othersZip.get("presentation.json"), StandardCharsets.UTF_8)).doesNotContain("Site Safety");
    }

    @Test
    void aSharedLinkShowsTheChosenBadgesCheckedLiveAndARevocationAtOnce() {
        var learner = credits.world.person("Sam Share", null);
        WebSession sam = wallets.signedIn(learner);
        UUID first = wallets.awardAndAccept(safety, "Site Safety", learner, sam);
        UUID second = wallets.awardAndAccept(hygiene, "Food Hygiene", learner, sam);
        String link = wallets.share(sam, "For the hiring panel", first, second);

        WebSession visitor = new WebSession(baseUrl());
        String page = visitor.get(link).body();
        assertThat(page).contains("For the hiring panel", "All 2 badges verified", "Held by <strong>Sam Share</strong>", "Site Safety",
                "Food Hygiene", "noindex");

        Api.Response presentation = api().get(link + "/presentation.json");
        assertThat(presentation.status()).isEqualTo(200);
        JsonObject vp = Json.createReader(new java.io.StringReader(presentation.body())).readObject();
        assertThat(vp.getString("id")).isEqualTo(link);
        OutsideVerifier outside = new OutsideVerifier();
        for (JsonValue credential : vp.getJsonArray("verifiableCredential")) {
            assertThat(outside.verifier.verify(credential.toString().getBytes(StandardCharsets.UTF_8), "application/vc+ld+json").verified()).isTrue();
        }

        assertThat(staff.post("/api/v1/awards/" + second + "/revoke", Map.of("reason", "Issued in error")).status()).isEqualTo(200);
        assertThat(visitor.get(link).body()).contains("1 of 2 badges verified", "Revoked");
    }

    @Test
    void onlyBadgesThePersonAcceptedCanBeSharedAndNothingIsCreatedOtherwise() {
        var learner = credits.world.person("Polly Pending", null);
        var other = credits.world.person("Olga Owner", null);
        WebSession polly = wallets.signedIn(learner);
        UUID pending = wallets.award(safety, learner);
        UUID someoneElses = wallets.awardAndAccept(hygiene, "Food Hygiene", other, wallets.signedIn(other));

        String refused = polly.submit("/wallet/presentations", "/wallet/presentations", "title", "Mine", "awardId", pending.toString()).body();
        assertThat(refused).contains("Only badges you accepted");
        refused = polly.submit("/wallet/presentations", "/wallet/presentations", "title", "Mine", "awardId", someoneElses.toString()).body();
        assertThat(refused).contains("Only badges you accepted");
        assertThat(polly.submit("/wallet/presentations", "/wallet/presentations", "title", "Empty").body()).contains("Pick at least one badge");
        assertThat(polly.submit("/wallet/presentations", "/wallet/presentations", "title", "x".repeat(121), "awardId", pending.toString()).body())
                .contains("at most 120 characters");
        assertThat(db.sql("select count(*) from shared_presentations p join users u on u.id = p.user_id where u.id = ?")
                .param(learner.id()).query(Integer.class).single()).isZero();
    }

    @Test
    void aWithdrawnLinkOpensNothingAndOnlyItsOwnerCanWithdrawIt() {
        var learner = credits.world.person("Wendy Withdraw", null);
        var stranger = credits.world.person("Sid Stranger", null);
        WebSession wendy = wallets.signedIn(learner);
        UUID badge = wallets.awardAndAccept(safety, "Site Safety", learner, wendy);
        String link = wallets.share(wendy, "Portfolio", badge);
        UUID id = db.sql("select id from shared_presentations where token = ?").param(link.substring(link.lastIndexOf('/') + 1))
                .query(UUID.class).single();

        WebSession sid = wallets.signedIn(stranger);
        assertThat(sid.submit("/wallet/presentations", "/wallet/presentations/" + id + "/withdraw").status()).isEqualTo(404);
        assertThat(sid.get("/wallet/presentations").body()).doesNotContain(link);
        assertThat(new WebSession(baseUrl()).get(link).status()).isEqualTo(200);

        assertThat(wendy.submit("/wallet/presentations", "/wallet/presentations/" + id + "/withdraw").body()).contains("The link is withdrawn");
        assertThat(new WebSession(baseUrl()).get(link).status()).isEqualTo(404);
        assertThat(api().get(link + "/presentation.json").status()).isEqualTo(404);
        assertThat(new WebSession(baseUrl()).get("/presentations/" + "x".repeat(300)).status()).isEqualTo(404);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) files.put(entry.getName(), in.readAllBytes());
        }
        return files;
    }
}
