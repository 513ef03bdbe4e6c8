package io.guildmark.app.openbadgesapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.pathways.ImportedCredentials;
import io.guildmark.app.pathways.PathwayWorld;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Holders;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import tools.jackson.databind.JsonNode;

/**
 * The OB 3.0 API's backpack as a wallet sees it: {@code GET /ims/ob/v3p0/credentials} lists every credential the
 * person holds (accepted here, imported as a file, a baked image or an address), and {@code POST} is an upsert keyed
 * by the credential's id: 201 when new, 200 when the person held it already (updated in place, never a second copy),
 * and a badge issued here that they hold stays the one award. The tokens are the authorization server's own (signed
 * with its key, held in its authorization store), made here directly; {@link OpenBadgesApiBrowserTest} goes through
 * the browser for them.
 */
class OpenBadgesApiBackpackIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;
    @Autowired ImportedCredentials imports;
    @Autowired Awards awards;
    @Autowired RSAKey tokenSigningKey;
    @Autowired RegisteredClientRepository clients;
    @Autowired OAuth2AuthorizationService authorizations;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private PathwayWorld world;
    private PathwayWorld.Association home;
    private PathwayWorld.Association elsewhere;

    @BeforeEach
    void twoAssociations() {
        world = new PathwayWorld(context, admin());
        home = world.association("backpack-home");
        elsewhere = world.association("backpack-else");
    }

    @Test
    void theListHoldsEveryCredentialInTheBackpackAcceptedHereOrImportedAsFileImageOrAddress() throws Exception {
        var learner = world.person("Bea Backpack");
        UUID own = world.award(home, world.microCredential(home, "Knots", null), learner);
        Holders.acceptAndMakePublic(context, own);
        UUID asJson = world.award(elsewhere, world.microCredential(elsewhere, "Splicing", null), learner);
        UUID asPng = world.award(elsewhere, world.microCredential(elsewhere, "Rigging", null), learner);
        UUID asUrl = world.award(elsewhere, world.microCredential(elsewhere, "Sail repair", null), learner);
        imports.importFile(learner.actor(), awards.signedCredential(asJson).orElseThrow().getBytes(StandardCharsets.UTF_8), null);
        imports.importFile(learner.actor(), download(awards.credentialUrl(asPng) + ".png"), "image/png");
        imports.importUrl(learner.actor(), awards.credentialUrl(asUrl) + "/credential.json");

        String token = token(learner.id(), Scopes.CREDENTIAL_READONLY);
        HttpResponse<String> listed = call("GET", "/ims/ob/v3p0/credentials?limit=10", token, null);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.headers().firstValue("X-Total-Count")).hasValue("4");
        assertThat(ids(listed)).containsExactlyInAnyOrder(awards.credentialUrl(own), awards.credentialUrl(asJson),
                awards.credentialUrl(asPng), awards.credentialUrl(asUrl));
        // Each as signed: the proof travels with it.
        Api.JSON.readTree(listed.body()).get("credential").forEach(c -> assertThat(c.has("proof")).isTrue());

        // Paged with limit and offset, and another person's token sees none of it.
        HttpResponse<String> second = call("GET", "/ims/ob/v3p0/credentials?limit=3&offset=3", token, null);
        assertThat(ids(second)).hasSize(1);
        var stranger = world.person("Sid Stranger");
        HttpResponse<String> theirs = call("GET", "/ims/ob/v3p0/credentials", token(stranger.id(), Scopes.CREDENTIAL_READONLY), null);
        assertThat(theirs.headers().firstValue("X-Total-Count")).hasValue("0");
    }

    @Test
    void postingACredentialAgainUpdatesItInPlaceAndTheirOwnBadgeStaysOneAward() throws Exception {
        var learner = world.person("Ulla Upsert");
        UUID own = world.award(home, world.microCredential(home, "Navigation", null), learner);
        Holders.acceptAndMakePublic(context, own);
        UUID fromElsewhere = world.award(elsewhere, world.microCredential(elsewhere, "Pilotage", null), learner);
        UUID bakedFirst = world.award(elsewhere, world.microCredential(elsewhere, "Chartwork", null), learner);
        imports.importFile(learner.actor(), download(awards.credentialUrl(bakedFirst) + ".png"), "image/png");
        String token = token(learner.id(), Scopes.CREDENTIAL_READONLY + " " + Scopes.CREDENTIAL_UPSERT);
        long before = importsOf(learner.id());

        String credential = awards.signedCredential(fromElsewhere).orElseThrow();
        HttpResponse<String> created = call("POST", "/ims/ob/v3p0/credentials", token, credential);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> again = call("POST", "/ims/ob/v3p0/credentials", token, credential);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(Api.JSON.readTree(again.body()).get("id").asText()).isEqualTo(awards.credentialUrl(fromElsewhere));
        // The same badge sent as a VC-JWT: still the one import, now holding the JWT.
        HttpResponse<String> asJwt = call("POST", "/ims/ob/v3p0/credentials", token, awards.jwt(fromElsewhere).orElseThrow());
        assertThat(asJwt.statusCode()).as(asJwt.body()).isEqualTo(200);
        assertThat(importsOf(learner.id())).isEqualTo(before + 1);
        assertThat(db.sql("select content_type from imported_credentials where user_id = ? and credential_id = ?")
                .params(learner.id(), awards.credentialUrl(fromElsewhere)).query(String.class).single()).isEqualTo("application/vc+jwt");

        // A badge imported as a baked image, sent as JSON: updated in place.
        HttpResponse<String> baked = call("POST", "/ims/ob/v3p0/credentials", token, awards.signedCredential(bakedFirst).orElseThrow());
        assertThat(baked.statusCode()).as(baked.body()).isEqualTo(200);
        assertThat(importsOf(learner.id())).isEqualTo(before + 1);

        // Their own badge, issued here: 200, answered as stored, no import made.
        HttpResponse<String> mine = call("POST", "/ims/ob/v3p0/credentials", token, awards.signedCredential(own).orElseThrow());
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        assertThat(Api.JSON.readTree(mine.body()).get("id").asText()).isEqualTo(awards.credentialUrl(own));
        assertThat(importsOf(learner.id())).isEqualTo(before + 1);

        HttpResponse<String> listed = call("GET", "/ims/ob/v3p0/credentials", token, null);
        assertThat(listed.headers().firstValue("X-Total-Count")).hasValue("3");
        assertThat(Api.JSON.readTree(listed.body()).get("compactJwsString")).hasSize(1);
    }

    private long importsOf(UUID userId) {
        return db.sql("select count(*) from imported_credentials where user_id = ?").param(userId).query(Long.class).single();
    }

    private static List<String> ids(HttpResponse<String> listed) {
        List<String> ids = new ArrayList<>();
        Api.JSON.readTree(listed.body()).get("credential").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    /** An access token as the authorization server gives a wallet for this person: signed with its key, and held. */
    private String token(UUID person, String scope) throws Exception {
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/ims/ob/v3p0/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(
                        Map.of("client_name", "Backpack Wallet", "redirect_uris", List.of("http://127.0.0.1:9/callback"))))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        var client = clients.findByClientId(Api.JSON.readTree(registered.body()).get("client_id").asText());
        Set<String> scopes = Set.of(scope.split(" "));
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(tokenSigningKey.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(baseUrl()).subject(person.toString()).audience(client.getClientId())
                        .claim("scope", List.copyOf(scopes)).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(600))).build());
        jwt.sign(new RSASSASigner(tokenSigningKey));
        String value = jwt.serialize();
        authorizations.save(OAuth2Authorization.withRegisteredClient(client).principalName(person.toString())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).authorizedScopes(scopes)
                .token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, now, now.plusSeconds(600), scopes)).build());
        return value;
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + token);
        if (body == null) request.method(method, HttpRequest.BodyPublishers.noBody());
        else request.header("Content-Type", body.startsWith("{") ? "application/json" : "text/plain")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private byte[] download(String url) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
