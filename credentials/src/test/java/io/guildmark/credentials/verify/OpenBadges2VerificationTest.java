package io.guildmark.credentials.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.guildmark.credentials.baking.BakedCredential.Format;
import io.guildmark.credentials.baking.PngBaker;
import io.guildmark.credentials.baking.SvgBaker;
import io.guildmark.credentials.did.DocumentFetcher;
import io.guildmark.credentials.did.DocumentGoneException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Open Badges 2.0 hosted verification against documents served from a map. */
class OpenBadges2VerificationTest {

    private static final String OB2 = "https://w3id.org/openbadges/v2";
    private static final String ASSERTION = "https://badges.example.org/assertions/123";
    private static final String BADGE = "https://badges.example.org/badges/welding";
    private static final String ISSUER = "https://badges.example.org/issuers/acme";
    private static final String EMAIL = "jane.doe@example.org";
    private static final String SALT = "pepper-7f3a";
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    private final Map<URI, byte[]> documents = new HashMap<>();
    private final Set<URI> gone = new HashSet<>();
    private final List<URI> fetched = new ArrayList<>();
    private final DocumentFetcher fetcher = uri -> {
        fetched.add(uri);
        if (gone.contains(uri)) {
            throw new DocumentGoneException("HTTP 410 for " + uri);
        }
        var body = documents.get(uri);
        if (body == null) {
            throw new FileNotFoundException(uri.toString());
        }
        return body.clone();
    };
    private final Verifier verifier = Verifier.builder().documentFetcher(fetcher).clock(NOW).build();

    OpenBadges2VerificationTest() {
        publish(ASSERTION, assertion().build());
        publish(BADGE, Json.createObjectBuilder().add("@context", OB2).add("type", "BadgeClass").add("id", BADGE)
                .add("name", "Welding level 2").add("description", "Welds steel.").add("image", BADGE + ".png")
                .add("criteria", Json.createObjectBuilder().add("narrative", "Pass the test.")).add("issuer", ISSUER).build());
        publish(ISSUER, issuer().build());
    }

    private static JsonObjectBuilder assertion() {
        return Json.createObjectBuilder().add("@context", OB2).add("type", "Assertion").add("id", ASSERTION)
                .add("recipient", Json.createObjectBuilder().add("type", "email").add("hashed", true).add("salt", SALT)
                        .add("identity", "sha256$" + sha256(EMAIL + SALT)))
                .add("badge", BADGE)
                .add("issuedOn", "2026-01-15T09:00:00Z")
                .add("verification", Json.createObjectBuilder().add("type", "hosted"));
    }

    private static JsonObjectBuilder issuer() {
        return Json.createObjectBuilder().add("@context", OB2).add("type", "Profile").add("id", ISSUER)
                .add("name", "Acme Guild").add("url", "https://badges.example.org").add("email", "badges@example.org");
    }

    private void publish(String url, JsonObject json) {
        documents.put(URI.create(url), json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private VerificationReport verify(byte[] input) {
        return verifier.verify(input, null, null);
    }

    private VerificationReport verifyAssertionUrl() {
        return verify(bakedPng(ASSERTION));
    }

    private static byte[] bakedPng(String payload) {
        try {
            return new PngBaker().bake(VerifierTest.png(), payload, Format.OB2);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Check check(VerificationReport report, String name) {
        return report.check(name).orElseThrow(() -> new AssertionError("no " + name + " check in " + report.checks()));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aHostedBadgeBakedIntoAPngAsItsUrlVerifiesWithEveryCheckInOrder() {
        var report = verifyAssertionUrl();

        assertThat(report.verified()).as(report.checks().toString()).isTrue();
        assertThat(report.checks()).extracting(Check::check).containsExactly("format", "schema", "proof", "issuerKey",
                "validFrom", "validUntil", "status", "recipient");
        assertThat(check(report, "format").code()).isEqualTo("PNG_OB2");
        assertThat(check(report, "proof").code()).isEqualTo("HOSTED_VALID");
        assertThat(check(report, "proof").message()).contains("fetching the issuer-hosted assertion from " + ASSERTION);
        assertThat(check(report, "issuerKey").status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(check(report, "status").code()).isEqualTo("ACTIVE");
        assertThat(check(report, "validUntil").code()).isEqualTo("NO_EXPIRY");
        assertThat(report.summary()).isEqualTo("Verified: Welding level 2 issued by Acme Guild on 2026-01-15.");
        assertThat(report.details()).isEqualTo(new VerificationReport.Details(ASSERTION, ISSUER, "Acme Guild",
                "Welding level 2", null, Instant.parse("2026-01-15T09:00:00Z"), null, "PNG_OB2"));
        assertThat(report.credential().getString("id")).isEqualTo(ASSERTION);
        assertThat(fetched).containsExactly(URI.create(ASSERTION), URI.create(BADGE), URI.create(ISSUER));
    }

    @Test
    void aHostedBadgeBakedIntoAnSvgAsItsUrlVerifies() throws Exception {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\"/></svg>";
        var report = verify(new SvgBaker().bake(svg.getBytes(StandardCharsets.UTF_8), ASSERTION, Format.OB2));

        assertThat(report.verified()).as(report.checks().toString()).isTrue();
        assertThat(check(report, "format").code()).isEqualTo("SVG_OB2");
    }

    @Test
    void anAssertionGivenAsJsonIsCheckedAgainstTheIssuersHostedCopy() {
        var local = assertion().add("issuedOn", "2020-01-01T00:00:00Z").build();

        var report = verifier.verify(local.toString().getBytes(StandardCharsets.UTF_8), "application/json", EMAIL);

        assertThat(report.verified()).as(report.checks().toString()).isTrue();
        assertThat(check(report, "format").code()).isEqualTo("OB2_JSON");
        assertThat(report.details().validFrom()).isEqualTo(Instant.parse("2026-01-15T09:00:00Z"));
        assertThat(fetched).first().isEqualTo(URI.create(ASSERTION));
    }

    @Test
    void anAssertionJsonBakedIntoAPngIsCheckedAgainstTheIssuersHostedCopy() {
        var report = verify(bakedPng(assertion().build().toString()));

        assertThat(report.verified()).as(report.checks().toString()).isTrue();
        assertThat(check(report, "format").code()).isEqualTo("PNG_OB2");
    }

    @Test
    void hostedBadgeVerificationAcceptsTheHostedBadgeTypeName() {
        publish(ASSERTION, assertion().add("verification", Json.createObjectBuilder().add("type", "HostedBadge")).build());

        assertThat(verifyAssertionUrl().verified()).isTrue();
    }

    @Test
    void aRevokedAssertionFailsWithTheIssuersReason() {
        publish(ASSERTION, assertion().add("revoked", true).add("revocationReason", "Awarded in error").build());

        var report = verifyAssertionUrl();

        assertThat(report.verified()).isFalse();
        assertThat(check(report, "status").status()).isEqualTo(CheckStatus.FAILED);
        assertThat(check(report, "status").code()).isEqualTo("REVOKED");
        assertThat(check(report, "status").message()).contains("Awarded in error");
        assertThat(check(report, "proof").code()).isEqualTo("HOSTED_VALID");
        assertThat(report.summary()).isEqualTo("Not verified: the credential was revoked by its issuer: Awarded in error.");
    }

    @Test
    void anAssertionAnswering410GoneIsRevoked() {
        gone.add(URI.create(ASSERTION));

        var report = verifyAssertionUrl();

        assertThat(report.verified()).isFalse();
        assertThat(check(report, "status").code()).isEqualTo("REVOKED");
        assertThat(check(report, "proof").code()).isEqualTo("ASSERTION_REVOKED");
        assertThat(check(report, "proof").status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(report.summary()).isEqualTo("Not verified: the credential was revoked by its issuer.");
    }

    @Test
    void anAssertionReplacedByARevocationNoticeIsRevoked() {
        publish(ASSERTION, Json.createObjectBuilder().add("revoked", true).add("revocationReason", "Fraud").build());

        var report = verifyAssertionUrl();

        assertThat(report.verified()).isFalse();
        assertThat(check(report, "status").code()).isEqualTo("REVOKED");
        assertThat(check(report, "status").message()).contains("Fraud");
    }

    @Test
    void anAssertionHostedOutsideTheIssuersOriginFails() {
        var elsewhere = "https://mirror.example.net/assertions/123";
        publish(elsewhere, assertion().add("id", elsewhere).build());

        var report = verify(bakedPng(elsewhere));

        assertThat(report.verified()).isFalse();
        assertThat(check(report, "proof").code()).isEqualTo("ORIGIN_NOT_ALLOWED");
        assertThat(check(report, "proof").message()).contains("https://mirror.example.net").contains("https://badges.example.org");
    }

    @Test
    void theIssuersAllowedOriginsLetItHostAssertionsElsewhere() {
        var elsewhere = "https://mirror.example.net/assertions/123";
        publish(elsewhere, assertion().add("id", elsewhere).build());
        publish(ISSUER, issuer().add("verification", Json.createObjectBuilder()
                .add("allowedOrigins", Json.createArrayBuilder().add("mirror.example.net"))).build());

        var report = verify(bakedPng(elsewhere));

        assertThat(report.verified()).as(report.checks().toString()).isTrue();
        assertThat(check(report, "proof").message()).contains("allows assertions hosted at mirror.example.net");
    }

    @Test
    void anAssertionOutsideTheIssuersStartsWithPrefixesFails() {
        publish(ISSUER, issuer().add("verification", Json.createObjectBuilder()
                .add("startsWith", "https://badges.example.org/awarded/")).build());

        var report = verifyAssertionUrl();

        assertThat(report.verified()).isFalse();
        assertThat(check(report, "proof").code()).isEqualTo("ORIGIN_NOT_ALLOWED");
    }

    @Test
    void anEmbeddedIssuerCannotWidenItsOwnAllowedOrigins() {
        var elsewhere = "https://evil.example.net/assertions/123";
        var embedded = issuer().add("verification", Json.createObjectBuilder().add("allowedOrigins", "evil.example.net"));
        publish(elsewhere, assertion().add("id", elsewhere).add("badge", Json.createObjectBuilder().add("type", "BadgeClass")
                .add("name", "Welding level 2").add("issuer", embedded)).build());

        var report = verify(bakedPng(elsewhere));

        assertThat(report.verified()).isFalse();
        assertThat(check(report, "proof").code()).isEqualTo("ORIGIN_NOT_ALLOWED");
    }

    @Test
    void anAssertionWhoseIdIsNotItsAddressFails() {
        var copy = "https://badges.example.org/copies/123";
        publish(copy, assertion().build());

        var report = verify(bakedPng(copy));

        assertThat(report.verified()).isFalse();
        assertThat(check(report, "proof").code()).isEqualTo("ASSERTION_ID_MISMATCH");
    }

    @Test
    void anIssuerProfileThatNamesAnotherIdFails() {
        publish(ISSUER, issuer().add("id", "https://other.example.org/issuer").build());

        var report = verifyAssertionUrl();

        assertThat(check(report, "proof").code()).isEqualTo("INVALID_ISSUER");
        assertThat(report.verified()).isFalse();
    }

    @Test
    void anExpiredBadgeFails() {
        publish(ASSERTION, assertion().add("expires", "2026-02-01T00:00:00Z").build());

        var report = verifyAssertionUrl();

        assertThat(report.verified()).isFalse();
        assertThat(check(report, "validUntil").code()).isEqualTo("EXPIRED");
        assertThat(report.summary()).isEqualTo("Not verified: the credential expired on 2026-02-01.");
    }

    @Test
    void aBadgeIssuedInTheFutureIsNotYetValid() {
        publish(ASSERTION, assertion().add("issuedOn", "2026-06-01T00:00:00Z").build());

        var report = verifyAssertionUrl();

        assertThat(report.verified()).isFalse();
        assertThat(check(report, "validFrom").code()).isEqualTo("NOT_YET_VALID");
    }

    @Test
    void theHashedRecipientMatchesTheExpectedEmailInAnyCase() {
        var report = verifier.verify(bakedPng(ASSERTION), "image/png", "Jane.Doe@Example.org");

        assertThat(check(report, "recipient").code()).isEqualTo("MATCH");
        assertThat(report.verified()).isTrue();
    }

    @Test
    void anotherEmailDoesNotMatchTheHashedRecipient() {
        var report = verifier.verify(bakedPng(ASSERTION), "image/png", "john@example.org");

        assertThat(check(report, "recipient").code()).isEqualTo("MISMATCH");
        assertThat(report.verified()).isFalse();
    }

    @Test
    void aPlainRecipientIsComparedAsIs() {
        publish(ASSERTION, assertion().add("recipient", Json.createObjectBuilder().add("type", "email")
                .add("hashed", false).add("identity", EMAIL)).build());

        assertThat(check(verifier.verify(bakedPng(ASSERTION), null, EMAIL), "recipient").code()).isEqualTo("MATCH");
        assertThat(check(verifier.verify(bakedPng(ASSERTION), null, "john@example.org"), "recipient").code()).isEqualTo("MISMATCH");
    }

    @Test
    void anMd5HashedRecipientIsNotCompared() {
        publish(ASSERTION, assertion().add("recipient", Json.createObjectBuilder().add("type", "email")
                .add("hashed", true).add("identity", "md5$0123456789abcdef0123456789abcdef")).build());

        var report = verifier.verify(bakedPng(ASSERTION), null, EMAIL);

        assertThat(check(report, "recipient").code()).isEqualTo("UNSUPPORTED_HASH");
        assertThat(report.verified()).isFalse();
    }

    @Test
    void aMissingAssertionFailsThePlainWay() {
        var report = verify(bakedPng("https://badges.example.org/assertions/404"));

        assertThat(report.verified()).isFalse();
        assertThat(check(report, "proof").code()).isEqualTo("ASSERTION_NOT_FOUND");
        assertThat(report.summary()).isEqualTo("Not verified: there is no assertion at https://badges.example.org/assertions/404.");
    }

    @Test
    void aFetcherFailureIsReportedNotThrown() {
        var failing = Verifier.builder().documentFetcher(uri -> {
            throw new IOException("connection refused");
        }).clock(NOW).build();

        var report = failing.verify(bakedPng(ASSERTION), null);

        assertThat(report.verified()).isFalse();
        assertThat(check(report, "proof").code()).isEqualTo("ASSERTION_UNAVAILABLE");
        assertThat(check(report, "proof").message()).contains("Connection refused");
    }

    @Test
    void malformedHostedDocumentsFailWithoutThrowing() {
        documents.put(URI.create(ASSERTION), "{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(check(verifyAssertionUrl(), "proof").code()).isEqualTo("INVALID_ASSERTION");

        publish(ASSERTION, assertion().add("type", "BadgeClass").build());
        assertThat(check(verifyAssertionUrl(), "proof").code()).isEqualTo("INVALID_ASSERTION");

        publish(ASSERTION, assertion().build());
        documents.put(URI.create(BADGE), "[]".getBytes(StandardCharsets.UTF_8));
        assertThat(check(verifyAssertionUrl(), "proof").code()).isEqualTo("INVALID_BADGE_CLASS");

        documents.remove(URI.create(BADGE));
        assertThat(check(verifyAssertionUrl(), "proof").code()).isEqualTo("BADGE_NOT_FOUND");

        documents.put(URI.create(ASSERTION), new byte[HostedAssertions.MAX_DOCUMENT_BYTES + 1]);
        assertThat(check(verifyAssertionUrl(), "proof").code()).isEqualTo("ASSERTION_UNAVAILABLE");
    }

    @Test
    void malformedOpenBadges2InputIsAFailedFormatCheck() {
        assertThat(check(verify(bakedPng("{\"@context\": \"" + OB2 + "\", ")), "format").code()).isEqualTo("INVALID_JSON");
        assertThat(check(verify(bakedPng("not a badge")), "format").code()).isEqualTo("UNRECOGNIZED_FORMAT");
        assertThat(check(verify(bakedPng("file:///etc/passwd")), "format").code()).isEqualTo("UNRECOGNIZED_FORMAT");
        var notAnAssertion = Json.createObjectBuilder().add("@context", OB2).add("type", "BadgeClass").build();
        assertThat(check(verify(notAnAssertion.toString().getBytes(StandardCharsets.UTF_8)), "format").code())
                .isEqualTo("NOT_A_CREDENTIAL");
        var noId = assertion().remove("id").build();
        assertThat(check(verify(noId.toString().getBytes(StandardCharsets.UTF_8)), "proof").code())
                .isEqualTo("INVALID_ASSERTION");
        assertThat(fetched).isEmpty();
    }

    @Test
    void aSignedOpenBadges2AssertionIsClearlyNotSupported() {
        var payload = assertion().add("verification", Json.createObjectBuilder().add("type", "SignedBadge")
                .add("creator", ISSUER + "/key")).build().toString();
        var jws = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8))
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + ".c2lnbmF0dXJl";

        for (var report : List.of(verify(jws.getBytes(StandardCharsets.UTF_8)), verify(bakedPng(jws)),
                verify(payload.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(report.verified()).isFalse();
            assertThat(check(report, "proof").status()).isEqualTo(CheckStatus.FAILED);
            assertThat(check(report, "proof").code()).isEqualTo("OB2_SIGNED_NOT_SUPPORTED");
            assertThat(report.summary()).contains("signed Open Badges 2.0 assertion");
        }
        assertThat(fetched).isEmpty();
    }
}
