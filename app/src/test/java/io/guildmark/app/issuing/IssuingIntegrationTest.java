package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.OutsideVerifier;
import io.guildmark.app.support.Mailbox;
import io.guildmark.credentials.baking.BakedCredential;
import io.guildmark.credentials.baking.PngBaker;
import io.guildmark.credentials.baking.SvgBaker;
import io.guildmark.credentials.did.DidKeyResolver;
import io.guildmark.credentials.schema.Ob3Schemas;
import io.guildmark.credentials.verify.VerificationReport;
import io.guildmark.credentials.verify.Verifier;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Awards over the public API, checked the way an outside verifier checks them: over HTTP, from the credential alone
 * (the issuer's DID document and status list are fetched from the running platform).
 */
class IssuingIntegrationTest extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired org.springframework.context.ApplicationContext context;

    /** A pending badge is private: its recipient accepts it and makes it public, so a visitor can open its page. */
    private void shownToEveryone(Api.Response awarded) {
        io.guildmark.app.support.Holders.acceptAndMakePublic(context, java.util.UUID.fromString(awarded.json().get("id").asText()));
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Verifier verifier = new OutsideVerifier().verifier;

    private String slug;
    private Api key;
    private String achievementId;

    @BeforeEach
    void anAssociationWithAPublishedMicroCredential() {
        slug = Fixtures.createOrganization(admin(), "issuers");
        key = api().withToken(Fixtures.createApiKey(admin(), slug));
        achievementId = Catalog.publishedMicroCredential(key, slug, "Facilitate a Sprint Review");
    }

    private Api.Response award(String email, String name) {
        return key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", email, "name", name),
                "evidence", List.of(Map.of("narrative", "Ran the sprint review of the Harbor project.", "url", "https://portfolio.example.org/harbor"))));
    }

    @Test
    void awardedCredentialIsSignedValidAgainstTheSchemaAndVerifiesFromItsUrlAlone() {
        String email = Fixtures.uniqueEmail("jane");
        Api.Response awarded = award(email, "Jane Doe");
        assertThat(awarded.status()).isEqualTo(201);
        String credentialUrl = awarded.json().get("credentialUrl").asText();
        assertThat(credentialUrl).isEqualTo(baseUrl() + "/credentials/" + awarded.json().get("id").asText());

        Api.Response fetched = api().get(credentialUrl, "application/vc+ld+json");
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.header("Content-Type")).startsWith("application/vc+ld+json");
        JsonObject credential = parse(fetched.body());
        assertThat(credential.getJsonArray("proof").getJsonObject(0).getString("cryptosuite")).isEqualTo("eddsa-rdfc-2022");
        assertThat(credential.getJsonArray("@context").getString(0)).isEqualTo("https://www.w3.org/ns/credentials/v2");
        assertThat(credential.getJsonArray("@context").getString(1)).isEqualTo("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
        assertThat(Ob3Schemas.validateAchievementCredential(credential)).isEmpty();

        VerificationReport report = verifier.verify(fetched.body().getBytes(StandardCharsets.UTF_8), "application/vc+ld+json", email);
        assertThat(report.verified()).as(report.checks().toString()).isTrue();
        assertThat(report.check("recipient").orElseThrow().code()).isEqualTo("MATCH");
        assertThat(report.details().recipientName()).isEqualTo("Jane Doe");

        assertThat(Mailbox.await(email, "You earned Facilitate a Sprint Review").body()).contains("/claim/");
    }

    @Test
    void theSameCredentialComesAsAJwtAndBakedIntoPngAndSvg() throws Exception {
        String credentialUrl = award(Fixtures.uniqueEmail("sam"), "Sam Lee").json().get("credentialUrl").asText();

        Api.Response jwt = api().get(credentialUrl, "application/vc+jwt");
        assertThat(jwt.header("Content-Type")).startsWith("application/vc+jwt");
        assertThat(jwt.body().split("\\.")).hasSize(3);
        VerificationReport fromJwt = verifier.verify(jwt.body().getBytes(StandardCharsets.UTF_8), "application/vc+jwt");
        assertThat(fromJwt.verified()).as(fromJwt.checks().toString()).isTrue();

        byte[] png = HTTP.send(HttpRequest.newBuilder(URI.create(credentialUrl + ".png")).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(new PngBaker().extract(png).orElseThrow().format()).isEqualTo(BakedCredential.Format.OB3_JSON);
        VerificationReport fromPng = verifier.verify(png, "image/png");
        assertThat(fromPng.verified()).as(fromPng.checks().toString()).isTrue();

        byte[] svg = HTTP.send(HttpRequest.newBuilder(URI.create(credentialUrl + ".svg")).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(new SvgBaker().extract(svg)).isPresent();
        VerificationReport fromSvg = verifier.verify(svg, "image/svg+xml");
        assertThat(fromSvg.verified()).as(fromSvg.checks().toString()).isTrue();
    }

    @Test
    void revokingMakesEveryCopyFailWithTheBitstringStatusList() {
        Api.Response awarded = award(Fixtures.uniqueEmail("rev"), "Rev Oked");
        shownToEveryone(awarded);
        String credentialUrl = awarded.json().get("credentialUrl").asText();
        byte[] copy = api().get(credentialUrl, "application/vc+ld+json").body().getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(copy, null).verified()).isTrue();

        Api.Response revoked = key.post("/api/v1/awards/" + awarded.json().get("id").asText() + "/revoke", Map.of("reason", "Issued in error"));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");

        VerificationReport report = verifier.verify(copy, null);
        assertThat(report.verified()).isFalse();
        assertThat(report.check("status").orElseThrow().code()).isEqualTo("REVOKED");
        assertThat(api().get(credentialUrl).body()).contains("Revoked").contains("Issued in error");
    }

    @Test
    void theBadgePageReusesItsCheckYetShowsARevocationAtOnceAndStartsNoSessionForAVisitor() {
        Api.Response awarded = award(Fixtures.uniqueEmail("page"), "Page Viewer");
        shownToEveryone(awarded);
        String credentialUrl = awarded.json().get("credentialUrl").asText();
        Api.Response first = api().get(credentialUrl);
        assertThat(first.body()).contains("verdict verified").doesNotContain("name=\"_csrf\"");
        assertThat(first.header("Set-Cookie")).isNull();
        assertThat(api().get(credentialUrl).body()).contains("verdict verified");

        key.post("/api/v1/awards/" + awarded.json().get("id").asText() + "/revoke", Map.of("reason", "Issued in error"));

        assertThat(api().get(credentialUrl).body()).contains("verdict revoked").doesNotContain("verdict verified");
    }

    @Test
    void revokingWorksWithThe1EdTechRevocationListToo() {
        assertThat(admin().patch("/api/v1/organizations/" + slug, Map.of("revocationMethod", "1EdTechRevocationList")).status()).isEqualTo(200);
        Api.Response awarded = award(Fixtures.uniqueEmail("oneed"), "One Ed");
        String body = api().get(awarded.json().get("credentialUrl").asText(), "application/vc+ld+json").body();
        JsonObject credential = parse(body);
        assertThat(credential.getJsonObject("credentialStatus").getString("type")).isEqualTo("1EdTechRevocationList");
        assertThat(credential.getJsonArray("@context").getString(2)).isEqualTo("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json");
        assertThat(Ob3Schemas.validateAchievementCredential(credential)).isEmpty();
        assertThat(verifier.verify(body.getBytes(StandardCharsets.UTF_8), null).verified()).isTrue();

        key.post("/api/v1/awards/" + awarded.json().get("id").asText() + "/revoke", Map.of("reason", "Misconduct"));
        VerificationReport report = verifier.verify(body.getBytes(StandardCharsets.UTF_8), null);
        assertThat(report.verified()).isFalse();
        assertThat(report.check("status").orElseThrow().code()).isEqualTo("REVOKED");
    }

    @Test
    void aCredentialPastItsExpiryFailsAsExpired() {
        Api.Response awarded = key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", Fixtures.uniqueEmail("old"), "name", "Old Timer"),
                "validFrom", "2020-01-01T00:00:00Z", "validUntil", "2021-01-01T00:00:00Z"));
        assertThat(awarded.status()).isEqualTo(201);
        String body = api().get(awarded.json().get("credentialUrl").asText(), "application/vc+ld+json").body();
        VerificationReport report = verifier.verify(body.getBytes(StandardCharsets.UTF_8), null);
        assertThat(report.verified()).isFalse();
        assertThat(report.check("validUntil").orElseThrow().code()).isEqualTo("EXPIRED");
        assertThat(report.check("proof").orElseThrow().status().name()).isEqualTo("PASSED");
        shownToEveryone(awarded);
        assertThat(api().get(awarded.json().get("credentialUrl").asText()).body()).contains("Expired");
    }

    @Test
    void tamperingWithAnyValueFailsTheProof() {
        String body = api().get(award(Fixtures.uniqueEmail("tam"), "Tam Per").json().get("credentialUrl").asText(), "application/vc+ld+json").body();
        String tampered = body.replace("Tam Per", "Tom Per");
        VerificationReport report = verifier.verify(tampered.getBytes(StandardCharsets.UTF_8), null);
        assertThat(report.verified()).isFalse();
        assertThat(report.check("proof").orElseThrow().code()).isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void rotatedKeysKeepOldBadgesValidButARetiredKeyFailsThem() {
        byte[] before = api().get(award(Fixtures.uniqueEmail("rot"), "Ro Tate").json().get("credentialUrl").asText(), "application/vc+ld+json")
                .body().getBytes(StandardCharsets.UTF_8);
        String oldKey = parse(new String(before, StandardCharsets.UTF_8)).getJsonArray("proof").getJsonObject(0).getString("verificationMethod");

        IssuerKeys keys = keys();
        keys.rotate(new io.guildmark.app.shared.Actor.PlatformAdmin(), slug);
        byte[] after = api().get(award(Fixtures.uniqueEmail("rot2"), "Ro Tated").json().get("credentialUrl").asText(), "application/vc+ld+json")
                .body().getBytes(StandardCharsets.UTF_8);
        String newKey = parse(new String(after, StandardCharsets.UTF_8)).getJsonArray("proof").getJsonObject(0).getString("verificationMethod");
        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(verifier.verify(before, null).verified()).isTrue();
        assertThat(verifier.verify(after, null).verified()).isTrue();

        var retired = keys.list(new io.guildmark.app.shared.Actor.PlatformAdmin(), slug).stream()
                .filter(k -> k.verificationMethod().equals(oldKey)).findFirst().orElseThrow();
        keys.retire(new io.guildmark.app.shared.Actor.PlatformAdmin(), slug, retired.id(), "Laptop stolen");
        VerificationReport report = verifier.verify(before, null);
        assertThat(report.verified()).isFalse();
        assertThat(report.check("issuerKey").orElseThrow().status().name()).isEqualTo("FAILED");
        assertThat(verifier.verify(after, null).verified()).isTrue();
    }

    @Test
    void keyOfAnotherOrganizationCannotAwardOrRevoke() {
        String id = award(Fixtures.uniqueEmail("mine"), "Mine").json().get("id").asText();
        String other = Fixtures.createOrganization(admin(), "others");
        Api intruder = api().withToken(Fixtures.createApiKey(admin(), other));
        long awards = count("awards");
        assertThat(intruder.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", "x@example.org", "name", "X"))).status()).isIn(403, 404);
        assertThat(intruder.post("/api/v1/organizations/" + other + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", "x@example.org", "name", "X"))).status()).isEqualTo(400);
        assertThat(intruder.post("/api/v1/awards/" + id + "/revoke", Map.of("reason", "spite")).status()).isIn(403, 404);
        assertThat(intruder.get("/api/v1/awards/" + id).status()).isIn(403, 404);
        assertThat(intruder.get("/api/v1/organizations/" + slug + "/awards").status()).isIn(403, 404);
        assertThat(count("awards")).isEqualTo(awards);
        assertThat(admin().get("/api/v1/awards/" + id).json().get("status").asText()).isEqualTo("active");
    }

    @Test
    void badAwardRequestsAreRefusedAndWriteNothing() {
        long awards = count("awards");
        assertThat(key.post("/api/v1/organizations/" + slug + "/awards", "{not json").status()).isEqualTo(400);
        Api.Response invalid = key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", "not-an-address", "name", ""), "evidence", List.of(Map.of("url", "javascript:alert(1)"))));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").findValuesAsString("field")).contains("recipient.email", "recipient.name", "evidence[0].url");
        assertThat(count("awards")).isEqualTo(awards);
    }

    @Test
    void aPrintableCertificateCarriesAQrCodeToTheBadgePage() throws Exception {
        String credentialUrl = award(Fixtures.uniqueEmail("pdf"), "Pat Printer").json().get("credentialUrl").asText();
        // Private until accepted: the certificate is as absent as the page, then shown once the holder makes it public.
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(credentialUrl + ".pdf")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(404);
        io.guildmark.app.support.Holders.acceptAndMakePublic(context,
                java.util.UUID.fromString(credentialUrl.substring(credentialUrl.lastIndexOf('/') + 1)));
        HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(URI.create(credentialUrl + ".pdf")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(text).contains("Pat Printer", "Facilitate a Sprint Review", credentialUrl);
            // 300 dpi and TRY_HARDER: at 150 dpi some QR codes (their pattern depends on the random id) failed to decode now and then.
            var image = new org.apache.pdfbox.rendering.PDFRenderer(doc).renderImageWithDPI(0, 300);
            int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            var source = new com.google.zxing.RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
            assertThat(new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
                    new com.google.zxing.common.HybridBinarizer(source)),
                    java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText()).isEqualTo(credentialUrl);
        }
    }

    @Test
    void openBadges2BackpacksGetAHostedAssertion() {
        String credentialUrl = award(Fixtures.uniqueEmail("ob2"), "Old Pack").json().get("credentialUrl").asText();
        JsonObject assertion = parse(api().get(credentialUrl + "/ob2").body());
        assertThat(assertion.getString("type")).isEqualTo("Assertion");
        assertThat(assertion.getJsonObject("recipient").getBoolean("hashed")).isTrue();
        assertThat(assertion.getJsonObject("verification").getString("type")).isEqualTo("hosted");
        JsonObject badge = parse(api().get(assertion.getString("badge")).body());
        assertThat(badge.getString("name")).isEqualTo("Facilitate a Sprint Review");
        assertThat(parse(api().get(badge.getString("issuer")).body()).getString("type")).isEqualTo("Issuer");
    }

    @Test
    void issuerPublishesItsDidDocumentAndProfile() {
        JsonObject did = parse(api().get("/issuers/" + slug + "/did.json").body());
        assertThat(did.getString("id")).isEqualTo("did:web:127.0.0.1%3A" + port + ":issuers:" + slug);
        assertThat(did.getJsonArray("assertionMethod")).hasSize(2);
        Api.Response profile = api().get("/issuers/" + slug, "application/ld+json");
        assertThat(parse(profile.body()).getString("id")).isEqualTo(did.getString("id"));
        assertThat(api().get("/issuers/" + slug + "/jwks.json").body()).contains("\"kty\":\"RSA\"");
    }

    @org.springframework.beans.factory.annotation.Autowired
    private IssuerKeys issuerKeys;

    @org.springframework.beans.factory.annotation.Autowired
    private io.guildmark.app.accounts.Accounts accounts;

    @org.springframework.beans.factory.annotation.Autowired
    private io.guildmark.app.accounts.AccountDids accountDids;

    @Test
    void credentialsOfALearnerWhoProvedTheirDidNameItAsSubject() {
        String email = Fixtures.uniqueEmail("didholder");
        var user = accounts.createVerified("Dee Holder", io.guildmark.app.shared.EmailAddress.of(email), "did holder password", false);
        String did = new io.guildmark.app.support.DidWallet().proveFor(accountDids, user.id());

        String body = api().get(award(email, "Dee Holder").json().get("credentialUrl").asText(), "application/vc+ld+json").body();
        assertThat(parse(body).getJsonObject("credentialSubject").getString("id")).isEqualTo(did);
        assertThat(verifier.verify(body.getBytes(StandardCharsets.UTF_8), null, email).verified()).isTrue();
    }

    @Test
    void anUnprovenDidIsNeverTheSubject() {
        String email = Fixtures.uniqueEmail("unproven");
        var user = accounts.createVerified("Una Proven", io.guildmark.app.shared.EmailAddress.of(email), "unproven password", false);
        String did = DidKeyResolver.didFor(io.guildmark.credentials.proof.Ed25519KeyPair.generate().publicKey());
        // As the migration leaves a DID linked before proofs were asked for.
        db.sql("insert into account_dids (id, user_id, did, created_at) values (?, ?, ?, ?)")
                .params(java.util.UUID.randomUUID(), user.id(), did, java.sql.Timestamp.from(java.time.Instant.now())).update();

        String body = api().get(award(email, "Una Proven").json().get("credentialUrl").asText(), "application/vc+ld+json").body();
        assertThat(parse(body).getJsonObject("credentialSubject").getString("id")).startsWith("urn:uuid:");
    }

    private IssuerKeys keys() {
        return issuerKeys;
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new java.io.StringReader(json))) {
            return reader.readObject();
        }
    }
}
