package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.credentials.baking.BakedCredential;
import io.guildmark.credentials.baking.PngBaker;
import io.guildmark.credentials.baking.SvgBaker;
import io.guildmark.credentials.did.CompositeDidResolver;
import io.guildmark.credentials.did.DidKeyResolver;
import io.guildmark.credentials.did.DidWebResolver;
import io.guildmark.credentials.did.DocumentFetcher;
import io.guildmark.credentials.did.DocumentGoneException;
import io.guildmark.credentials.verify.CheckStatus;
import io.guildmark.credentials.verify.VerificationReport;
import io.guildmark.credentials.verify.Verifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Open Badges 2.0 forms of an award, checked the way an older backpack checks them: the baked PNG and SVG carry the
 * hosted assertion's address, and the library's verifier fetches the assertion, its badge class and the issuer profile
 * over HTTP from the running platform.
 */
class OpenBadges2RoundTripIntegrationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final List<URI> fetched = new ArrayList<>();
    private final DocumentFetcher overHttp = uri -> {
        fetched.add(uri);
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri).header("Accept", "application/ld+json, application/json").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 410) throw new DocumentGoneException(uri.toString());
            if (response.statusCode() == 404) throw new FileNotFoundException(uri.toString());
            if (response.statusCode() != 200) throw new IOException("HTTP " + response.statusCode() + " for " + uri);
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    };
    private final Verifier verifier = Verifier.builder().documentFetcher(overHttp)
            .didResolver(CompositeDidResolver.builder().method("web", DidWebResolver.allowingHttpOnLoopback(overHttp))
                    .method("key", new DidKeyResolver()).build())
            .build();

    private String slug;
    private Api key;
    private String achievementId;

    @BeforeEach
    void anAssociationWithAPublishedMicroCredential() {
        slug = Fixtures.createOrganization(admin(), "ob2");
        key = api().withToken(Fixtures.createApiKey(admin(), slug));
        achievementId = Catalog.publishedMicroCredential(key, slug, "Moderate a Retrospective");
    }

    private Api.Response award(String email) {
        Api.Response awarded = key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", email, "name", "Ada Backpack")));
        assertThat(awarded.status()).isEqualTo(201);
        return awarded;
    }

    private static byte[] download(String url) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    @Test
    void bakedOpenBadges2PngAndSvgVerifyByFetchingTheHostedAssertionAndFailOnceRevoked() throws Exception {
        String email = Fixtures.uniqueEmail("ada");
        Api.Response awarded = award(email);
        String credentialUrl = awarded.json().get("credentialUrl").asText();
        String assertionUrl = credentialUrl + "/ob2";

        byte[] png = download(credentialUrl + "/ob2.png");
        assertThat(new PngBaker().extract(png).orElseThrow()).isEqualTo(new BakedCredential(BakedCredential.Format.OB2, assertionUrl));
        byte[] svg = download(credentialUrl + "/ob2.svg");
        assertThat(new SvgBaker().extract(svg).orElseThrow()).isEqualTo(new BakedCredential(BakedCredential.Format.OB2, assertionUrl));

        VerificationReport fromPng = verifier.verify(png, "image/png", email);
        assertThat(fromPng.verified()).as(fromPng.checks().toString()).isTrue();
        assertThat(fromPng.check("format").orElseThrow().code()).isEqualTo("PNG_OB2");
        assertThat(fromPng.check("proof").orElseThrow().code()).isEqualTo("HOSTED_VALID");
        assertThat(fromPng.check("recipient").orElseThrow().code()).isEqualTo("MATCH");
        assertThat(fromPng.check("status").orElseThrow().code()).isEqualTo("ACTIVE");
        assertThat(fromPng.details().achievementName()).isEqualTo("Moderate a Retrospective");
        assertThat(fromPng.details().issuerId()).isEqualTo(baseUrl() + "/issuers/" + slug + "/ob2");
        assertThat(fromPng.details().credentialId()).isEqualTo(assertionUrl);
        assertThat(fromPng.summary()).startsWith("Verified: Moderate a Retrospective issued by ");
        assertThat(fetched).containsExactly(URI.create(assertionUrl), URI.create(assertionUrl + "/badge"),
                URI.create(baseUrl() + "/issuers/" + slug + "/ob2"));

        VerificationReport fromSvg = verifier.verify(svg, "image/svg+xml", email);
        assertThat(fromSvg.verified()).as(fromSvg.checks().toString()).isTrue();
        assertThat(fromSvg.check("format").orElseThrow().code()).isEqualTo("SVG_OB2");
        assertThat(verifier.verify(svg, "image/svg+xml", "someone.else@example.org").verified()).isFalse();

        Api.Response revoked = key.post("/api/v1/awards/" + awarded.json().get("id").asText() + "/revoke",
                Map.of("reason", "Awarded to the wrong cohort"));
        assertThat(revoked.status()).isEqualTo(200);

        for (VerificationReport report : List.of(verifier.verify(png, "image/png"), verifier.verify(svg, "image/svg+xml"))) {
            assertThat(report.verified()).isFalse();
            assertThat(report.check("status").orElseThrow().status()).isEqualTo(CheckStatus.FAILED);
            assertThat(report.check("status").orElseThrow().code()).isEqualTo("REVOKED");
            assertThat(report.check("status").orElseThrow().message()).contains("Awarded to the wrong cohort");
            assertThat(report.summary()).isEqualTo("Not verified: the credential was revoked by its issuer: Awarded to the wrong cohort.");
        }
    }

    @Test
    void theHostedAssertionJsonVerifiesWhenGivenDirectly() throws Exception {
        String credentialUrl = award(Fixtures.uniqueEmail("json")).json().get("credentialUrl").asText();

        VerificationReport report = verifier.verify(download(credentialUrl + "/ob2"), "application/ld+json");

        assertThat(report.verified()).as(report.checks().toString()).isTrue();
        assertThat(report.check("format").orElseThrow().code()).isEqualTo("OB2_JSON");
    }
}
