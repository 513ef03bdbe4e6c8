package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/verify} and {@code /api/v1/verify/url} over real HTTP, without an API key. */
class VerificationApiIntegrationTest extends IntegrationTest {

    private static final int FIFTY_MB = 50 * 1024 * 1024;

    private Api.Response verify(byte[] body, String contentType) {
        return api().post("/api/v1/verify", body, contentType);
    }

    private Api.Response verify(String body, String contentType) {
        return verify(body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    private static JsonNode report(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        return response.json();
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("check").asText().equals(name)) return check;
        }
        throw new AssertionError("No " + name + " check in " + report);
    }

    private static void assertNotVerifiedBecause(JsonNode report, String check, String code) {
        assertThat(report.get("verified").asBoolean()).as(report.toString()).isFalse();
        assertThat(check(report, check).get("status").asText()).isEqualTo("FAILED");
        assertThat(check(report, check).get("code").asText()).isEqualTo(code);
        assertThat(check(report, check).get("message").asText()).isNotBlank();
        assertThat(report.get("summary").asText()).startsWith("Not verified");
    }

    @Test
    void signedCredentialVerifiesWithEveryCheckCodedAndExplained() {
        JsonNode report = report(verify(VerificationFixture.signedJson(), "application/json"));

        assertThat(report.get("verified").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("verdict").asText()).isEqualTo("verified");
        assertThat(report.get("summary").asText()).startsWith("Verified: Rigging inspection issued by Harbor Guild to Jane Doe");
        assertThat(report.get("checks")).extracting(c -> c.get("check").asText())
                .containsExactly("format", "schema", "proof", "issuerKey", "validFrom", "validUntil", "status", "recipient");
        assertThat(check(report, "proof").get("status").asText()).isEqualTo("PASSED");
        assertThat(check(report, "proof").get("code").asText()).isEqualTo("VALID");
        assertThat(report.get("details").get("issuerId").asText()).isEqualTo(VerificationFixture.ISSUER);
        assertThat(report.get("details").get("achievementName").asText()).isEqualTo("Rigging inspection");
        assertThat(report.get("details").get("validFrom").asText()).isEqualTo("2026-01-15T09:30:00Z");
        assertThat(report.get("credential").get("issuer").get("name").asText()).isEqualTo("Harbor Guild");
    }

    @Test
    void credentialVerifiesUnderEveryJsonMediaType() {
        for (String type : new String[] {"application/vc+ld+json", "application/ld+json", "application/vc+ld+json; charset=utf-8"}) {
            JsonNode report = report(verify(VerificationFixture.signedJson(), type));
            assertThat(report.get("verified").asBoolean()).as(type + ": " + report).isTrue();
        }
    }

    @Test
    void vcJwtVerifiesAsPlainTextAndAsVcJwt() {
        JsonNode plain = report(verify(VerificationFixture.jwt(), "text/plain"));
        assertThat(plain.get("verified").asBoolean()).as(plain.toString()).isTrue();
        assertThat(check(plain, "format").get("code").asText()).isEqualTo("JWT");

        JsonNode typed = report(verify(VerificationFixture.jwt(), "application/vc+jwt"));
        assertThat(typed.get("verified").asBoolean()).as(typed.toString()).isTrue();
    }

    @Test
    void bakedPngAndSvgVerify() {
        JsonNode png = report(verify(VerificationFixture.bakedPng(), "image/png"));
        assertThat(png.get("verified").asBoolean()).as(png.toString()).isTrue();
        assertThat(png.get("details").get("format").asText()).isEqualTo("PNG_JSON");

        JsonNode svg = report(verify(VerificationFixture.bakedSvg(), "image/svg+xml"));
        assertThat(svg.get("verified").asBoolean()).as(svg.toString()).isTrue();
        assertThat(svg.get("details").get("format").asText()).isEqualTo("SVG_JSON");
    }

    @Test
    void aBadgeSentAsAMultipartFileVerifies() {
        String boundary = "----guildmark-test-boundary";
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"badge.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(VerificationFixture.bakedPng());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

        JsonNode report = report(verify(body.toByteArray(), "multipart/form-data; boundary=" + boundary));
        assertThat(report.get("verified").asBoolean()).as(report.toString()).isTrue();
        assertThat(check(report, "format").get("code").asText()).isEqualTo("PNG_JSON");
    }

    @Test
    void tamperedCredentialIsNotVerifiedAndNamesTheSignatureCheck() {
        assertNotVerifiedBecause(report(verify(VerificationFixture.tamperedJson(), "application/json")), "proof", "INVALID_SIGNATURE");
    }

    @Test
    void malformedJsonIsAFailedFormatCheckNotAnError() {
        assertNotVerifiedBecause(report(verify("{\"@context\": [\"https://www.w3.org/ns/credentials/v2\",", "application/json")),
                "format", "INVALID_JSON");
    }

    @Test
    void deeplyNestedJsonIsAFailedCheckNotAnError() {
        for (int depth : new int[] {400, 900, 5_000, 200_000}) {
            String nested = "[".repeat(depth) + "]".repeat(depth);
            String credential = VerificationFixture.signedJson().replaceFirst("\\{", "{\"deep\":" + nested + ",");
            JsonNode report = report(verify(credential, "application/json"));
            assertThat(report.get("verified").asBoolean()).as("depth " + depth).isFalse();
        }
    }

    @Test
    void anEmptyBodyIsAFailedFormatCheck() {
        assertNotVerifiedBecause(report(verify(new byte[0], "application/json")), "format", "EMPTY_INPUT");
    }

    @Test
    void jwtWithAlgNoneIsNotVerified() {
        JsonNode report = report(verify(VerificationFixture.unsignedJwt(), "text/plain"));
        assertThat(report.get("verified").asBoolean()).as(report.toString()).isFalse();
        assertThat(report.get("checks")).anySatisfy(c -> assertThat(c.get("status").asText()).isEqualTo("FAILED"));
        assertThat(report.get("checks")).noneSatisfy(c -> {
            assertThat(c.get("check").asText()).isEqualTo("proof");
            assertThat(c.get("status").asText()).isEqualTo("PASSED");
        });
    }

    @Test
    void pngWithoutABadgeSaysSo() {
        assertNotVerifiedBecause(report(verify(VerificationFixture.plainPng(), "image/png")), "format", "NO_CREDENTIAL_IN_IMAGE");
    }

    @Test
    void pngDecompressionBombIsRefusedWithoutInflatingIt() {
        JsonNode report = report(verify(VerificationFixture.decompressionBombPng(), "image/png"));
        assertThat(report.get("verified").asBoolean()).isFalse();
        assertThat(check(report, "format").get("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void svgWithAScriptIsNotVerified() {
        assertNotVerifiedBecause(report(verify(VerificationFixture.bakedSvgWithScript(), "image/svg+xml")), "format", "UNSAFE_IMAGE");
        JsonNode report = report(verify(VerificationFixture.bakedSvgWithScript(), "image/svg+xml"));
        assertThat(check(report, "format").get("message").asText()).contains("script");
    }

    @Test
    void aBodyOverTenMegabytesIsRefusedAs413() {
        Api.Response response = verify(new byte[FIFTY_MB], "image/png");
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("payload-too-large");
        assertThat(response.json().get("detail").asText()).contains("10 MB");
    }

    @Test
    void aChunkedBodyOverTenMegabytesIsCutOffAs413() throws Exception {
        InputStream fiftyMegabytes = new InputStream() {
            private long left = FIFTY_MB;

            @Override
            public int read() {
                return left-- > 0 ? '{' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) return -1;
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) ' ');
                left -= n;
                return n;
            }
        };
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/verify"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> fiftyMegabytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("payload-too-large");
    }

    @Test
    void theRecipientCheckComparesTheExpectedEmailAddress() {
        JsonNode match = report(api().post("/api/v1/verify?expectedRecipient=Jane.Doe%40example.org",
                VerificationFixture.signedJson().getBytes(StandardCharsets.UTF_8), "application/json"));
        assertThat(match.get("verified").asBoolean()).as(match.toString()).isTrue();
        assertThat(check(match, "recipient").get("code").asText()).isEqualTo("MATCH");

        JsonNode other = report(api().post("/api/v1/verify?expectedRecipient=someone.else%40example.org",
                VerificationFixture.signedJson().getBytes(StandardCharsets.UTF_8), "application/json"));
        assertNotVerifiedBecause(other, "recipient", "MISMATCH");

        Api.Response invalid = api().post("/api/v1/verify?expectedRecipient=not-an-address",
                VerificationFixture.signedJson().getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").get(0).get("field").asText()).isEqualTo("expectedRecipient");
    }

    @Test
    void urlVerificationRefusesTheCloudMetadataServiceAndOtherPrivateAddresses() {
        JsonNode metadata = report(api().post("/api/v1/verify/url", Map.of("url", "http://169.254.169.254/latest/meta-data/")));
        assertNotVerifiedBecause(metadata, "fetch", "ADDRESS_NOT_ALLOWED");

        JsonNode privateNetwork = report(api().post("/api/v1/verify/url", Map.of("url", "http://10.0.0.1/credentials/1")));
        assertNotVerifiedBecause(privateNetwork, "fetch", "ADDRESS_NOT_ALLOWED");

        JsonNode loopbackElsewhere = report(api().post("/api/v1/verify/url", Map.of("url", "http://127.0.0.1:1/credentials/1")));
        assertNotVerifiedBecause(loopbackElsewhere, "fetch", "ADDRESS_NOT_ALLOWED");
    }

    @Test
    void urlVerificationFetchesOnlyWebAddresses() {
        assertNotVerifiedBecause(report(api().post("/api/v1/verify/url", Map.of("url", "file:///etc/passwd"))), "fetch", "UNSUPPORTED_SCHEME");
        assertNotVerifiedBecause(report(api().post("/api/v1/verify/url", Map.of("url", "credentials/1"))), "fetch", "INVALID_URL");
    }

    @Test
    void urlVerificationWithoutAUrlIsABadRequest() {
        Api.Response missing = api().post("/api/v1/verify/url", Map.of("expectedRecipient", "jane.doe@example.org"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missing.json().get("errors").get(0).get("field").asText()).isEqualTo("url");

        Api.Response malformed = api().post("/api/v1/verify/url", "{\"url\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asText()).isEqualTo("malformed-body");
    }

    @Test
    void aMissingPageOnThisPlatformIsReportedAsNotFound() {
        JsonNode report = report(api().post("/api/v1/verify/url", Map.of("url", baseUrl() + "/credentials/00000000-0000-4000-8000-000000000000")));
        assertNotVerifiedBecause(report, "fetch", "NOT_FOUND");
    }
}
