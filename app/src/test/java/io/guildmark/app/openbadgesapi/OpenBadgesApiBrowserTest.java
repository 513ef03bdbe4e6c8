package io.guildmark.app.openbadgesapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The OB 3.0 API as a wallet uses it: register (RFC 7591), send the person to authorize in a real browser, exchange
 * the code with PKCE, list and store credentials, refresh, revoke; and each wrong step answered as the specifications
 * say, with nothing changed.
 */
class OpenBadgesApiBrowserTest extends BrowserTest {

    static final String ALL_SCOPES = String.join(" ", Scopes.all());
    /** A loopback port nothing listens on: the browser's address bar shows where the wallet was sent back to. */
    static final String REDIRECT = "http://127.0.0.1:9/callback";

    @Autowired ApplicationContext context;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    record Client(String id, String secret) {}

    record Tokens(String access, String refresh) {}

    @Test
    void aWalletRegistersIsAuthorizedWithPkceListsAndStoresCredentialsRefreshesAndIsRevoked() throws Exception {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        var walt = world.person("Walt Wallet", null);
        signInAnew(walt.email(), EarningWorld.PASSWORD);
        // A badge Walt accepted here, and one of another association he has not accepted (the wallet brings it in).
        String accepted = award(walt.email(), "Walt Wallet", "Harbour Pilotage");
        open(Mailbox.await(walt.email(), "You earned Harbour Pilotage").firstLinkContaining("/claim/"));
        click("Accept");
        waitForText("The badge is in your account");
        String elsewhere = award(walt.email(), "Walt Wallet", "Chart Correction");

        JsonNode discovery = api().get("/ims/ob/v3p0/discovery").json();
        JsonNode flow = discovery.at("/components/securitySchemes/OAuth2ACG/flows/authorizationCode");
        assertThat(flow.get("authorizationUrl").asText()).isEqualTo(baseUrl() + "/oauth2/authorize");
        assertThat(flow.get("x-imssf-registrationUrl").asText()).isEqualTo(baseUrl() + "/ims/ob/v3p0/register");
        assertThat(discovery.at("/info/x-imssf-privacyPolicyUrl").asText()).startsWith(baseUrl());

        Client client = register("Tidewater Wallet");
        String verifier = verifier();
        String code = authorize(client, verifier, true);

        // The code once, with the right verifier only.
        assertThat(exchange(client, code, "wrong-" + verifier).body()).contains("invalid_grant");
        Tokens first = tokens(exchange(client, code, verifier));
        assertThat(bearer("GET", "/ims/ob/v3p0/credentials", first.access(), null).statusCode()).isEqualTo(200);
        // A code used twice: refused, and the tokens it gave are revoked (RFC 6749 section 4.1.2).
        assertThat(exchange(client, code, verifier).body()).contains("invalid_grant");
        assertThat(bearer("GET", "/ims/ob/v3p0/credentials", first.access(), null).statusCode()).isEqualTo(401);
        // Authorizing again: the consent is remembered, so the browser goes straight back to the wallet.
        String again = verifier();
        open(authorizeUrl(client, challenge(again), REDIRECT));
        Tokens tokens = tokens(exchange(client, codeFromRedirect(), again));

        HttpResponse<String> list = bearer("GET", "/ims/ob/v3p0/credentials?limit=10", tokens.access(), null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("X-Total-Count")).hasValue("1");
        assertThat(list.headers().firstValue("Link").orElseThrow()).contains("rel=\"first\"");
        assertThat(Api.JSON.readTree(list.body()).get("credential").get(0).get("id").asText()).contains(accepted);

        // Stored after verifying; sending it again changes nothing.
        String credential = api().get("/credentials/" + elsewhere, "application/vc+ld+json").body();
        assertThat(bearer("POST", "/ims/ob/v3p0/credentials", tokens.access(), credential).statusCode()).isEqualTo(201);
        assertThat(bearer("POST", "/ims/ob/v3p0/credentials", tokens.access(), credential).statusCode()).isEqualTo(200);
        HttpResponse<String> two = bearer("GET", "/ims/ob/v3p0/credentials?limit=1&offset=0", tokens.access(), null);
        assertThat(two.headers().firstValue("X-Total-Count")).hasValue("2");
        assertThat(two.headers().firstValue("Link").orElseThrow()).contains("offset=1>; rel=\"next\"");
        assertThat(Api.JSON.readTree(two.body()).get("credential")).hasSize(1);

        // Someone else's badge, and a tampered one: refused with Imsx_StatusInfo, nothing stored.
        String other = api().get("/credentials/" + award(Fixtures.uniqueEmail("someone"), "Someone Else", "Knot Tying"),
                "application/vc+ld+json").body();
        HttpResponse<String> notHis = bearer("POST", "/ims/ob/v3p0/credentials", tokens.access(), other);
        assertThat(notHis.statusCode()).isEqualTo(400);
        assertThat(Api.JSON.readTree(notHis.body()).get("imsx_codeMajor").asText()).isEqualTo("failure");
        assertThat(notHis.body()).contains("invalid_data");
        String tampered = credential.replace("Chart Correction", "Chart Corruption");
        assertThat(bearer("POST", "/ims/ob/v3p0/credentials", tokens.access(), tampered).statusCode()).isEqualTo(400);
        assertThat(bearer("GET", "/ims/ob/v3p0/credentials", tokens.access(), null).headers().firstValue("X-Total-Count")).hasValue("2");

        // Profile: the name may change, the e-mail address not.
        JsonNode profile = Api.JSON.readTree(bearer("GET", "/ims/ob/v3p0/profile", tokens.access(), null).body());
        assertThat(profile.get("email").asText()).isEqualTo(walt.email());
        assertThat(bearer("PUT", "/ims/ob/v3p0/profile", tokens.access(), "{\"name\":\"Walter Wallet\"}").body()).contains("Walter Wallet");
        HttpResponse<String> steal = bearer("PUT", "/ims/ob/v3p0/profile", tokens.access(),
                "{\"name\":\"Walter\",\"email\":\"thief@example.org\"}");
        assertThat(steal.statusCode()).isEqualTo(400);
        assertThat(Api.JSON.readTree(bearer("GET", "/ims/ob/v3p0/profile", tokens.access(), null).body()).get("name").asText())
                .isEqualTo("Walter Wallet");

        // Refresh rotates: the new refresh token works, the old one no longer.
        Tokens refreshed = tokens(token(client, Map.of("grant_type", "refresh_token", "refresh_token", tokens.refresh())));
        assertThat(token(client, Map.of("grant_type", "refresh_token", "refresh_token", tokens.refresh())).body()).contains("invalid_grant");
        assertThat(bearer("GET", "/ims/ob/v3p0/credentials", refreshed.access(), null).statusCode()).isEqualTo(200);

        // RFC 7009 revocation: the access token stops working at once.
        HttpResponse<String> revoked = post("/oauth2/revoke", client, Map.of("token", refreshed.access(), "token_type_hint", "access_token"));
        assertThat(revoked.statusCode()).isEqualTo(200);
        HttpResponse<String> afterRevoke = bearer("GET", "/ims/ob/v3p0/credentials", refreshed.access(), null);
        assertThat(afterRevoke.statusCode()).isEqualTo(401);
        assertThat(afterRevoke.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
        assertThat(afterRevoke.body()).contains("unauthorizedrequest");

        // The person sees the app and revokes it: its refresh token stops working too.
        open("/account/apps");
        waitForText("Tidewater Wallet");
        assertThat(pageText()).contains("See the badges in your account");
        screenshot("connected-apps");
        click("Revoke");
        waitForText("Tidewater Wallet can no longer reach your account");
        assertThat(token(client, Map.of("grant_type", "refresh_token", "refresh_token", refreshed.refresh())).body()).contains("invalid_grant");
    }

    @Test
    void aTokenActsOnlyForItsOwnPersonAndOnlyWithinItsScopes() throws Exception {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        var ada = world.person("Ada Anchor", null);
        var bob = world.person("Bob Bollard", null);
        String adasBadge = award(ada.email(), "Ada Anchor", "Sounding");
        signInAnew(ada.email(), EarningWorld.PASSWORD);
        open(Mailbox.await(ada.email(), "You earned Sounding").firstLinkContaining("/claim/"));
        click("Accept");
        waitForText("The badge is in your account");

        Client client = register("Narrow Wallet");
        signInAnew(bob.email(), EarningWorld.PASSWORD);
        String verifier = verifier();
        Tokens bobs = tokens(exchange(client, authorize(client, verifier, true), verifier));
        HttpResponse<String> list = bearer("GET", "/ims/ob/v3p0/credentials", bobs.access(), null);
        assertThat(list.headers().firstValue("X-Total-Count")).hasValue("0");
        assertThat(list.body()).doesNotContain(adasBadge);
        assertThat(Api.JSON.readTree(bearer("GET", "/ims/ob/v3p0/profile", bobs.access(), null).body()).get("email").asText())
                .isEqualTo(bob.email());

        // Only what was allowed: the person unticks storing badges and changing the profile.
        signInAnew(ada.email(), EarningWorld.PASSWORD);
        String narrowVerifier = verifier();
        Client narrow = register("Reader Wallet");
        String code = authorizeUnticking(narrow, narrowVerifier, List.of(Scopes.CREDENTIAL_UPSERT, Scopes.PROFILE_UPDATE));
        Tokens reader = tokens(exchange(narrow, code, narrowVerifier));
        assertThat(bearer("GET", "/ims/ob/v3p0/credentials", reader.access(), null).statusCode()).isEqualTo(200);
        HttpResponse<String> upsert = bearer("POST", "/ims/ob/v3p0/credentials", reader.access(), "{}");
        assertThat(upsert.statusCode()).isEqualTo(403);
        assertThat(upsert.body()).contains("forbidden");

        // A token signed by our key for Bob, but expired an hour ago.
        com.nimbusds.jose.jwk.RSAKey key = context.getBean(com.nimbusds.jose.jwk.RSAKey.class);
        java.time.Instant now = java.time.Instant.now();
        var expired = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256)
                .keyID(key.getKeyID()).build(), new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(baseUrl()).subject(bob.id().toString())
                .claim("scope", List.of(Scopes.CREDENTIAL_READONLY)).issueTime(java.util.Date.from(now.minusSeconds(7200)))
                .expirationTime(java.util.Date.from(now.minusSeconds(3600))).build());
        expired.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
        HttpResponse<String> tooLate = bearer("GET", "/ims/ob/v3p0/credentials", expired.serialize(), null);
        assertThat(tooLate.statusCode()).isEqualTo(401);
        assertThat(tooLate.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");

        // A token that is not ours, or no token.
        assertThat(bearer("GET", "/ims/ob/v3p0/credentials", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", null).statusCode()).isEqualTo(401);
        assertThat(bearer("GET", "/ims/ob/v3p0/credentials", "", null).statusCode()).isEqualTo(401);
    }

    @Test
    void wrongRegistrationsAndAuthorizationRequestsAreRefusedAsTheSpecificationsSay() throws Exception {
        HttpResponse<String> plainHttp = registerRaw(Map.of("client_name", "Bad", "redirect_uris", List.of("http://wallet.example/cb")));
        assertThat(plainHttp.statusCode()).isEqualTo(400);
        assertThat(plainHttp.body()).contains("invalid_redirect_uri");
        HttpResponse<String> badScope = registerRaw(Map.of("client_name", "Bad", "redirect_uris", List.of(REDIRECT), "scope", "openid"));
        assertThat(badScope.body()).contains("invalid_client_metadata");
        HttpResponse<String> noName = registerRaw(Map.of("redirect_uris", List.of(REDIRECT)));
        assertThat(noName.body()).contains("invalid_client_metadata");
        long clients = db.sql("select count(*) from oauth2_registered_client where client_name = 'Bad'").query(Long.class).single();
        assertThat(clients).isZero();

        Client client = register("Strict Wallet");
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        var cy = world.person("Cy Capstan", null);
        signInAnew(cy.email(), EarningWorld.PASSWORD);
        // A redirect URI that is not the registered one: an error page here, the browser is not sent anywhere.
        open(authorizeUrl(client, challenge(verifier()), "http://127.0.0.1:9/elsewhere"));
        waitForText("That request was not valid");
        assertThat(browser.getCurrentUrl()).startsWith(baseUrl());
        // No PKCE challenge: refused back to the client with the RFC 6749 error.
        open(baseUrl() + "/oauth2/authorize?response_type=code&client_id=" + client.id() + "&redirect_uri=" + enc(REDIRECT)
                + "&scope=" + enc(ALL_SCOPES) + "&state=s1");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().startsWith(REDIRECT));
        assertThat(browser.getCurrentUrl()).contains("error=invalid_request");
        // Denying consent: access_denied.
        String verifier = verifier();
        open(authorizeUrl(client, challenge(verifier), REDIRECT));
        waitForText("Strict Wallet asks to reach your Guildmark account");
        click("Deny");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().startsWith(REDIRECT));
        assertThat(browser.getCurrentUrl()).contains("error=access_denied");
    }

    // ---- the wallet's side ----------------------------------------------------------------------------------------

    private Client register(String name) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_name", name);
        body.put("client_uri", "https://wallet.example");
        body.put("redirect_uris", List.of(REDIRECT));
        body.put("grant_types", List.of("authorization_code", "refresh_token"));
        body.put("response_types", List.of("code"));
        body.put("token_endpoint_auth_method", "client_secret_basic");
        body.put("scope", ALL_SCOPES);
        HttpResponse<String> response = registerRaw(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode json = Api.JSON.readTree(response.body());
        return new Client(json.get("client_id").asText(), json.get("client_secret").asText());
    }

    private HttpResponse<String> registerRaw(Map<String, Object> body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/ims/ob/v3p0/register")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The person (signed in already) allows the app in the browser; answers the code the browser was sent back with. */
    private String authorize(Client client, String verifier, boolean checkPage) {
        open(authorizeUrl(client, challenge(verifier), REDIRECT));
        waitForText("asks to reach your Guildmark account");
        if (checkPage) {
            assertThat(pageText()).contains("Tidewater Wallet".equals(clientName(client)) ? "Tidewater Wallet" : "")
                    .contains("See the badges in your account").contains("Add badges from other issuers")
                    .contains("See your name and primary e-mail address").contains("Change your display name");
            screenshot("oauth-consent");
        }
        click("Allow");
        return codeFromRedirect();
    }

    private String authorizeUnticking(Client client, String verifier, List<String> unticked) {
        open(authorizeUrl(client, challenge(verifier), REDIRECT));
        waitForText("asks to reach your Guildmark account");
        for (String scope : unticked) {
            browser.findElement(org.openqa.selenium.By.cssSelector("input[value='" + scope + "']")).click();
        }
        click("Allow");
        return codeFromRedirect();
    }

    private String clientName(Client client) {
        return db.sql("select client_name from oauth2_registered_client where client_id = ?").param(client.id()).query(String.class).single();
    }

    private String codeFromRedirect() {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().startsWith(REDIRECT));
        String query = URI.create(browser.getCurrentUrl()).getRawQuery();
        assertThat(query).contains("state=wallet-state");
        for (String part : query.split("&")) {
            if (part.startsWith("code=")) return URLDecoder.decode(part.substring(5), StandardCharsets.UTF_8);
        }
        throw new AssertionError("No code in " + browser.getCurrentUrl());
    }

    private String authorizeUrl(Client client, String challenge, String redirect) {
        return baseUrl() + "/oauth2/authorize?response_type=code&client_id=" + enc(client.id()) + "&redirect_uri=" + enc(redirect)
                + "&scope=" + enc(ALL_SCOPES) + "&state=wallet-state&code_challenge=" + challenge + "&code_challenge_method=S256";
    }

    private HttpResponse<String> exchange(Client client, String code, String verifier) throws Exception {
        return token(client, Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", verifier));
    }

    private HttpResponse<String> token(Client client, Map<String, String> form) throws Exception {
        return post("/oauth2/token", client, form);
    }

    private HttpResponse<String> post(String path, Client client, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        String basic = Base64.getEncoder().encodeToString((enc(client.id()) + ":" + enc(client.secret())).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Tokens tokens(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode json = Api.JSON.readTree(response.body());
        assertThat(json.get("scope").asText()).contains("credential.readonly");
        return new Tokens(json.get("access_token").asText(), json.get("refresh_token").asText());
    }

    private HttpResponse<String> bearer(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String verifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Awards a new micro-credential of a new association to the address; answers the award's id. */
    private String award(String email, String name, String badge) {
        String slug = Fixtures.createOrganization(admin(), "walletapi");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        String achievementId = Catalog.publishedMicroCredential(key, slug, badge);
        Api.Response created = key.post("/api/v1/organizations/" + slug + "/awards",
                Map.of("achievementId", achievementId, "recipient", Map.of("email", email, "name", name)));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asText();
    }
}
