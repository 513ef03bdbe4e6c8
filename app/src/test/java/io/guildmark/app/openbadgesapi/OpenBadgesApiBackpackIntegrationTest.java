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

    @Test
    void pagesInterleaveAwardsAndImportsByDateNewestFirstAndHoldEachCredentialExactlyOnce() throws Exception {
        var learner = world.person("Paula Pages");
        UUID knots = acceptedAt(learner, "Paged knots", HOUR.plusSeconds(3_600));
        UUID splices = acceptedAt(learner, "Paged splices", HOUR.plusSeconds(3 * 3_600));
        UUID pending = world.award(home, world.microCredential(home, "Paged pending", null), learner); // not yet theirs
        UUID oldest = importAt(learner, HOUR, null, "json");
        UUID second = importAt(learner, HOUR.plusSeconds(2 * 3_600), null, "json");
        UUID checkedOnly = importAt(learner, null, HOUR.plusSeconds(2 * 3_600 + 1_800), "json"); // no issue date: when checked
        UUID sameMomentAsSplices = importAt(learner, HOUR.plusSeconds(3 * 3_600), null, "json");
        UUID jws = importAt(learner, HOUR.plusSeconds(4 * 3_600), null, "jws");
        UUID newest = importAt(learner, HOUR.plusSeconds(5 * 3_600), null, "json");
        importAt(learner, HOUR.plusSeconds(6 * 3_600), null, "ob2"); // an Open Badges 2.0 assertion: no OB 3.0 credential
        UUID withdrawn = importAt(learner, HOUR.plusSeconds(6 * 3_600), null, "json");
        db.sql("update imported_credentials set status = 'withdrawn' where id = ?").param(withdrawn).update();
        String token = token(learner.id(), Scopes.CREDENTIAL_READONLY);

        List<String> expected = List.of("urn:uuid:" + newest, "jws:" + jws, awards.credentialUrl(splices), "urn:uuid:" + sameMomentAsSplices,
                "urn:uuid:" + checkedOnly, "urn:uuid:" + second, awards.credentialUrl(knots), "urn:uuid:" + oldest);
        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < 8; offset += 3) {
            HttpResponse<String> page = call("GET", "/ims/ob/v3p0/credentials?limit=3&offset=" + offset, token, null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.headers().firstValue("X-Total-Count")).hasValue("8");
            assertThat(links(page)).containsEntry("first", 0).containsEntry("last", 6);
            if (offset < 6) assertThat(links(page)).containsEntry("next", offset + 3);
            else assertThat(links(page)).doesNotContainKey("next");
            if (offset > 0) assertThat(links(page)).containsEntry("prev", offset - 3);
            else assertThat(links(page)).doesNotContainKey("prev");
            List<String> listed = listed(page);
            // Within a page the JSON credentials keep the order; the one compact JWS sits in its own array.
            assertThat(listed).containsExactlyInAnyOrderElementsOf(expected.subList(offset, Math.min(offset + 3, 8)));
            assertThat(listed.stream().filter(id -> !id.startsWith("jws:")).toList())
                    .isEqualTo(expected.subList(offset, Math.min(offset + 3, 8)).stream().filter(id -> !id.startsWith("jws:")).toList());
            seen.addAll(listed);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates()
                .doesNotContain(awards.credentialUrl(pending), "urn:uuid:" + withdrawn);
    }

    @Test
    void sinceKeepsWhatWasListedAtOrAfterItAndTheLinksCarryIt() throws Exception {
        var learner = world.person("Sam Since");
        UUID splices = acceptedAt(learner, "Since splices", HOUR.plusSeconds(3 * 3_600));
        acceptedAt(learner, "Since knots", HOUR.plusSeconds(3_600));
        UUID atTheMoment = importAt(learner, HOUR.plusSeconds(2 * 3_600), null, "json");
        UUID checkedAfter = importAt(learner, null, HOUR.plusSeconds(4 * 3_600), "json");
        importAt(learner, HOUR, HOUR.plusSeconds(5 * 3_600), "json"); // issued before, checked after: issued counts
        String token = token(learner.id(), Scopes.CREDENTIAL_READONLY);

        String since = HOUR.plusSeconds(2 * 3_600).toString();
        HttpResponse<String> page = call("GET", "/ims/ob/v3p0/credentials?limit=2&since=" + since, token, null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("X-Total-Count")).hasValue("3");
        assertThat(listed(page)).containsExactly("urn:uuid:" + checkedAfter, awards.credentialUrl(splices));
        assertThat(page.headers().firstValue("Link").orElseThrow()).contains("since=" + since.replace(":", "%3A") + "&offset=2>; rel=\"next\"");
        HttpResponse<String> rest = call("GET", "/ims/ob/v3p0/credentials?limit=2&offset=2&since=" + since, token, null);
        assertThat(listed(rest)).containsExactly("urn:uuid:" + atTheMoment);
        assertThat(call("GET", "/ims/ob/v3p0/credentials?since=yesterday", token, null).statusCode()).isEqualTo(400);
    }

    @Test
    void anOffsetPastTheEndAnswersAnEmptyPageWithTheHeadersOfTheWholeList() throws Exception {
        var learner = world.person("Otto Offset");
        importAt(learner, HOUR, null, "json");
        importAt(learner, HOUR.plusSeconds(60), null, "jws");
        importAt(learner, HOUR.plusSeconds(120), null, "json");
        String token = token(learner.id(), Scopes.CREDENTIAL_READONLY);

        HttpResponse<String> past = call("GET", "/ims/ob/v3p0/credentials?limit=2&offset=7", token, null);
        assertThat(past.statusCode()).as(past.body()).isEqualTo(200);
        assertThat(listed(past)).isEmpty();
        assertThat(past.headers().firstValue("X-Total-Count")).hasValue("3");
        assertThat(links(past)).containsEntry("first", 0).containsEntry("last", 2).containsEntry("prev", 2).doesNotContainKey("next");
        HttpResponse<String> huge = call("GET", "/ims/ob/v3p0/credentials?limit=100&offset=" + Integer.MAX_VALUE, token, null);
        assertThat(huge.statusCode()).as(huge.body()).isEqualTo(200);
        assertThat(listed(huge)).isEmpty();
        assertThat(call("GET", "/ims/ob/v3p0/credentials?offset=-1", token, null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/ims/ob/v3p0/credentials?limit=101", token, null).statusCode()).isEqualTo(400);
    }

    @Test
    void theTotalIsExactForSomeoneHoldingMoreThanFiveThousandImports() throws Exception {
        var learner = world.person("Hector Hoard");
        UUID knots = acceptedAt(learner, "Hoarded knots", HOUR.minusSeconds(3_600));
        // Inserted directly: signing and verifying 5,003 credentials would take minutes and test nothing more here.
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 5_003; i++) {
            UUID id = UUID.randomUUID();
            rows.add(importRow(id, learner, java.sql.Timestamp.from(HOUR.plusSeconds(i)), java.sql.Timestamp.from(HOUR), "{\"id\":\"urn:uuid:" + id + "\"}", "OB3 JSON"));
        }
        context.getBean(org.springframework.jdbc.core.JdbcTemplate.class).batchUpdate(IMPORT_SQL, rows);
        String token = token(learner.id(), Scopes.CREDENTIAL_READONLY);

        HttpResponse<String> first = call("GET", "/ims/ob/v3p0/credentials?limit=100", token, null);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Total-Count")).hasValue("5004");
        assertThat(listed(first)).hasSize(100);
        assertThat(links(first)).containsEntry("last", 5_000).containsEntry("next", 100);
        // The last page: the oldest import's neighbours, then the award from before them all.
        HttpResponse<String> last = call("GET", "/ims/ob/v3p0/credentials?limit=100&offset=5000", token, null);
        assertThat(listed(last)).hasSize(4).last().isEqualTo(awards.credentialUrl(knots));
    }

    private static final Instant HOUR = Instant.parse("2026-03-01T08:00:00Z");

    private static final String IMPORT_SQL = """
            insert into imported_credentials (id, user_id, email, content, content_type, format, issuer_id, issuer_name, achievement_id,
                achievement_name, issued_at, verified, verdict, checked_at, recipient_match, status, created_at, credential_text)
            values (?, ?, ?, ?, ?, ?, 'https://elsewhere.example/issuer', 'Elsewhere', 'https://elsewhere.example/a', 'Elsewhere badge',
                ?, true, 'verified', ?, 'email', 'active', ?, ?)""";

    private static Object[] importRow(UUID id, PathwayWorld.Person learner, java.sql.Timestamp issued, java.sql.Timestamp checked,
            String text, String format) {
        return new Object[] {id, learner.id(), learner.email(), text, "application/ld+json", format, issued, checked, checked,
                format.contains("OB2") ? null : text};
    }

    /** An import, as stored after it verified (no verifying here: the listing reads what is stored). */
    private UUID importAt(PathwayWorld.Person learner, Instant issued, Instant checked, String kind) {
        UUID id = UUID.randomUUID();
        String text = kind.equals("jws") ? "eyJhbGciOiJub25lIn0." + id + ".c2ln" : "{\"id\":\"urn:uuid:" + id + "\"}";
        Object[] row = importRow(id, learner, issued == null ? null : java.sql.Timestamp.from(issued),
                java.sql.Timestamp.from(checked == null ? issued : checked), text, kind.equals("ob2") ? "OB2 JSON" : "OB3 JSON");
        db.sql(IMPORT_SQL).params(row).update();
        return id;
    }

    /** A badge issued here, accepted in the account, dated as given. */
    private UUID acceptedAt(PathwayWorld.Person learner, String name, Instant issued) {
        UUID id = world.award(home, world.microCredential(home, name, null), learner);
        Holders.acceptAndMakePublic(context, id);
        db.sql("update awards set issued_at = ? where id = ?").params(java.sql.Timestamp.from(issued), id).update();
        return id;
    }

    /** What a page lists: the JSON credentials' ids in order, then each compact JWS as {@code jws:} and its payload. */
    private static List<String> listed(HttpResponse<String> page) {
        List<String> listed = new ArrayList<>(ids(page));
        Api.JSON.readTree(page.body()).get("compactJwsString").forEach(j -> listed.add("jws:" + j.asText().split("\\.")[1]));
        return listed;
    }

    /** The Link header as rel → offset. */
    private static Map<String, Integer> links(HttpResponse<String> page) {
        Map<String, Integer> links = new java.util.HashMap<>();
        var m = java.util.regex.Pattern.compile("offset=(\\d+)>; rel=\"(\\w+)\"").matcher(page.headers().firstValue("Link").orElseThrow());
        while (m.find()) links.put(m.group(2), Integer.parseInt(m.group(1)));
        return links;
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
