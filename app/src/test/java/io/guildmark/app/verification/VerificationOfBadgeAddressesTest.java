package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.guildmark.credentials.verify.Check;
import io.guildmark.credentials.verify.VerificationReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verifying a badge by its address, without Spring: another platform's badge page, credential and image served by a
 * small server on loopback (allowed explicitly), the issuer a did:key so nothing else is fetched.
 */
class VerificationOfBadgeAddressesTest {

    private HttpServer server;
    private String base;
    private final AtomicReference<String> accept = new AtomicReference<>();
    private Verification verification;

    @BeforeEach
    void anotherPlatformServingABadge() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/badges/42", exchange -> {
            accept.set(exchange.getRequestHeaders().getFirst("Accept"));
            respond(exchange, "text/html; charset=utf-8", ("<!DOCTYPE html><html><head><title>Badge</title>"
                    + "<link rel=\"stylesheet\" href=\"/site.css\">"
                    + "<link type='application/vc+ld+json' href='/badges/42/credential.json' rel='alternate'>"
                    + "</head><body>Rigging inspection</body></html>").getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/badges/42/credential.json", exchange ->
                respond(exchange, "application/vc+ld+json", VerificationFixture.signedJson().getBytes(StandardCharsets.UTF_8)));
        server.createContext("/badges/43", exchange ->
                respond(exchange, "text/html", "<html><body>Just a page</body></html>".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/badges/44.jwt", exchange ->
                respond(exchange, "application/vc+jwt", VerificationFixture.jwt().getBytes(StandardCharsets.UTF_8)));
        server.createContext("/badges/45.svg", exchange -> respond(exchange, "image/svg+xml", VerificationFixture.bakedSvg()));
        server.createContext("/badges/46", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.createContext("/badges/47", exchange -> {
            exchange.sendResponseHeaders(410, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        SafeDocumentFetcher fetcher = new SafeDocumentFetcher(new VerificationSettings(false, List.of("127.0.0.1"), null, null),
                URI.create("https://guildmark.example.org"), InetAddress::getAllByName);
        verification = new Verification(fetcher, Clock.systemUTC());
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static void respond(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void aBadgePageIsFollowedToTheCredentialItLinks() {
        VerificationReport report = verification.verifyUrl(base + "/badges/42", VerificationFixture.EMAIL);

        assertThat(report.verified()).as(report.checks().toString()).isTrue();
        assertThat(report.checks().get(0).check()).isEqualTo("fetch");
        assertThat(report.checks().get(0).message()).contains("/badges/42/credential.json");
        assertThat(report.check(Check.RECIPIENT).orElseThrow().code()).isEqualTo("MATCH");
        assertThat(accept.get()).isEqualTo("application/vc+ld+json, application/ld+json;q=0.9, application/vc+jwt;q=0.8");
    }

    @Test
    void aPageWithoutACredentialSaysSo() {
        VerificationReport report = verification.verifyUrl(base + "/badges/43", null);
        assertThat(report.verified()).isFalse();
        assertThat(report.checks()).singleElement().satisfies(c -> assertThat(c.code()).isEqualTo("NO_CREDENTIAL_AT_URL"));
        assertThat(report.summary()).startsWith("Not verified: the badge could not be fetched");
    }

    @Test
    void aJwtAndABakedImageAtAnAddressVerify() {
        assertThat(verification.verifyUrl(base + "/badges/44.jwt", null).verified()).isTrue();
        VerificationReport svg = verification.verifyUrl(" " + base + "/badges/45.svg ", null);
        assertThat(svg.verified()).as(svg.checks().toString()).isTrue();
        assertThat(svg.details().format()).isEqualTo("SVG_JSON");
    }

    @Test
    void aMissingBadgeIsReportedAsNotFound() {
        VerificationReport report = verification.verifyUrl(base + "/badges/46", null);
        assertThat(report.verified()).isFalse();
        assertThat(report.checks().get(0).code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aWithdrawnBadgeIsReportedAsGone() {
        VerificationReport report = verification.verifyUrl(base + "/badges/47", null);
        assertThat(report.verified()).isFalse();
        assertThat(report.checks().get(0).code()).isEqualTo("GONE");
        assertThat(report.checks().get(0).message()).contains("410");
    }

    @Test
    void anAddressThatIsNotAWebAddressIsNotFetched() {
        assertThat(verification.verifyUrl("not a url at all", null).checks().get(0).code()).isEqualTo("INVALID_URL");
        assertThat(verification.verifyUrl("mailto:jane@example.org", null).checks().get(0).code()).isEqualTo("UNSUPPORTED_SCHEME");
        assertThat(verification.verifyUrl("http://[::1", null).checks().get(0).code()).isEqualTo("INVALID_URL");
    }
}
