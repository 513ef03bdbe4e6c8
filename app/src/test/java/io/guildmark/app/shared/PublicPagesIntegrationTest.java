package io.guildmark.app.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.guildmark.app.pathways.PathwayWorld;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.SecondNode;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The public pages (a badge, the catalog, an issuer, a pathway, a micro-credential) as anonymous visitors and CDNs see them: rendered once
 * per version, sent with a strong ETag, answered with a 304 on revalidation, yet live (a revocation shows at once, on
 * every node), and never carrying one visitor's token or session to another.
 */
class PublicPagesIntegrationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");
    private static SecondNode secondNode;

    @Autowired
    ApplicationContext context;
    @Autowired
    Environment environment;

    private PathwayWorld world;
    private PathwayWorld.Association association;
    private PathwayWorld.Person learner;
    private UUID awardId;
    private UUID pathwayId;
    private UUID step;

    @BeforeEach
    void anAssociationWithABadgeAndAPublishedPathway() {
        world = new PathwayWorld(context, admin());
        association = world.association("public");
        step = world.microCredential(association, "Chair a Meeting", null);
        learner = world.person("Pia Public");
        awardId = world.award(association, step, learner);
        // A pending badge is private; the learner accepts it and shows it to everyone.
        io.guildmark.app.support.Holders.acceptAndMakePublic(context, awardId);
        pathwayId = world.pathway(association, "Chairing path", null, PathwayWorld.allOf("Core", PathwayWorld.step(step))).id();
        world.publish(association, pathwayId);
    }

    @AfterAll
    static void stopTheSecondNode() {
        if (secondNode != null) secondNode.close();
    }

    private List<String> publicPages() {
        return List.of("/credentials/" + awardId, "/catalog?organization=" + association.slug(), "/issuers/" + association.slug(),
                "/pathways/" + pathwayId, "/achievements/" + step, "/achievements/" + step + "/versions/1");
    }

    @Test
    void everyPublicPageAnswersAMatchingIfNoneMatchWith304AndNoBody() throws Exception {
        for (String page : publicPages()) {
            HttpResponse<String> first = get(baseUrl() + page, Map.of());
            assertThat(first.statusCode()).as(page).isEqualTo(200);
            String etag = first.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag on " + page));
            assertThat(etag).as(page).startsWith("\"");
            assertThat(first.headers().firstValue("Cache-Control")).as(page).hasValue("no-cache, public");
            assertThat(first.headers().allValues("Vary").toString()).as(page).contains("Cookie");
            assertThat(first.headers().firstValue("Set-Cookie")).as(page).isEmpty();

            HttpResponse<String> again = get(baseUrl() + page, Map.of("If-None-Match", etag));
            assertThat(again.statusCode()).as(page).isEqualTo(304);
            assertThat(again.body()).as(page).isEmpty();
            assertThat(again.headers().firstValue("ETag")).as(page).hasValue(etag);

            assertThat(get(baseUrl() + page, Map.of("If-None-Match", "\"something-else\"")).statusCode()).as(page).isEqualTo(200);
        }
    }

    @Test
    void everyPublicPageSendsLastModifiedAndAnswersAnIfModifiedSinceNotOlderWith304() throws Exception {
        for (String page : publicPages()) {
            HttpResponse<String> first = get(baseUrl() + page, Map.of());
            String lastModified = first.headers().firstValue("Last-Modified").orElseThrow(() -> new AssertionError("no Last-Modified on " + page));

            HttpResponse<String> again = get(baseUrl() + page, Map.of("If-Modified-Since", lastModified));
            assertThat(again.statusCode()).as(page).isEqualTo(304);
            assertThat(again.body()).as(page).isEmpty();

            // An older copy is sent the page again; with an ETag as well, the ETag decides (a stale one gets the page).
            assertThat(get(baseUrl() + page, Map.of("If-Modified-Since", "Thu, 01 Jan 2015 00:00:00 GMT")).statusCode()).as(page).isEqualTo(200);
            assertThat(get(baseUrl() + page, Map.of("If-Modified-Since", lastModified, "If-None-Match", "\"something-else\"")).statusCode())
                    .as(page).isEqualTo(200);
        }
    }

    @Test
    void aKeyRetirementChangesTheBadgePagesVerdictAtOnceOnEveryNode() throws Exception {
        String second = secondNode();
        for (String node : List.of(baseUrl(), second)) {
            assertThat(get(node + "/credentials/" + awardId, Map.of()).body()).contains("verdict verified");
        }
        String etag = get(baseUrl() + "/credentials/" + awardId, Map.of()).headers().firstValue("ETag").orElseThrow();
        var keys = context.getBean(io.guildmark.app.issuing.IssuerKeys.class);
        var admin = new io.guildmark.app.shared.Actor.PlatformAdmin();
        for (var key : keys.list(admin, association.slug())) {
            if (key.retiredAt() == null) keys.retire(admin, association.slug(), key.id(), "Laptop stolen");
        }
        for (String node : List.of(baseUrl(), second)) {
            HttpResponse<String> after = get(node + "/credentials/" + awardId, Map.of("If-None-Match", etag));
            assertThat(after.statusCode()).as(node).isEqualTo(200);
            assertThat(after.body()).as(node).doesNotContain("verdict verified");
        }
    }

    @Test
    void aPathwayPageChangesAtOnceWhenOneOfItsStepsChangesInTheCatalog() throws Exception {
        String page = baseUrl() + "/pathways/" + pathwayId;
        HttpResponse<String> before = get(page, Map.of());
        assertThat(before.body()).contains("Chair a Meeting");
        String etag = before.headers().firstValue("ETag").orElseThrow();
        String achievement = "/api/v1/organizations/" + association.slug() + "/achievements/" + step;
        assertThat(association.key().put(achievement, Map.of("name", "Chair a Board Meeting", "description", "Shows that the holder can chair.",
                "achievementType", "MicroCredential", "criteria", Map.of("narrative", "Chair a meeting to the standard."))).status()).isEqualTo(200);
        assertThat(association.key().post(achievement + "/publish", Map.of()).status()).isEqualTo(200);
        HttpResponse<String> after = get(page, Map.of("If-None-Match", etag));
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("Chair a Board Meeting");
        assertThat(after.headers().firstValue("ETag")).isNotEqualTo(Optional.of(etag));
    }

    @Test
    void aMicroCredentialPageShowsANewlyPublishedVersionAndARetirementAtOnceOnEveryNode() throws Exception {
        String second = secondNode();
        String etag = sharedOnBothNodes("/achievements/" + step, "Chair a Meeting");
        String achievement = "/api/v1/organizations/" + association.slug() + "/achievements/" + step;
        assertThat(association.key().put(achievement, Map.of("name", "Chair a Board Meeting", "description", "Shows that the holder can chair.",
                "achievementType", "MicroCredential", "criteria", Map.of("narrative", "Chair a meeting to the standard."))).status()).isEqualTo(200);
        assertThat(association.key().post(achievement + "/publish", Map.of()).status()).isEqualTo(200);

        for (String node : List.of(baseUrl(), second)) {
            HttpResponse<String> after = get(node + "/achievements/" + step, Map.of("If-None-Match", etag));
            assertThat(after.statusCode()).as(node).isEqualTo(200);
            assertThat(after.body()).as(node).contains("Chair a Board Meeting", "Version 2");
            // The first version's own page now says it is kept for the badges earned under it.
            assertThat(get(node + "/achievements/" + step + "/versions/1", Map.of()).body()).as(node).contains("kept as it was");
        }

        assertThat(association.key().post(achievement + "/retire", Map.of()).status()).isEqualTo(200);
        for (String node : List.of(baseUrl(), second)) {
            assertThat(get(node + "/achievements/" + step, Map.of()).body()).as(node).contains("This micro-credential is retired")
                    .doesNotContain("Enroll");
        }
    }

    @Test
    void aMicroCredentialPageShowsItsOrganizationsNewNameAtOnceOnEveryNode() throws Exception {
        String second = secondNode();
        String etag = sharedOnBothNodes("/achievements/" + step, "Chair a Meeting");
        var organizations = context.getBean(io.guildmark.app.organizations.Organizations.class);
        organizations.updateProfile(association.owner().actor(), association.slug(),
                new io.guildmark.app.organizations.Organizations.Profile("Guild of Chairs Renamed", null, null, null));

        for (String node : List.of(baseUrl(), second)) {
            HttpResponse<String> after = get(node + "/achievements/" + step, Map.of("If-None-Match", etag));
            assertThat(after.statusCode()).as(node).isEqualTo(200);
            assertThat(after.body()).as(node).contains("Offered by", "Guild of Chairs Renamed");
        }
    }

    @Test
    void aMicroCredentialPageShowsAnEndorsementAddedOrHiddenAtOnceOnEveryNode() throws Exception {
        String second = secondNode();
        String employer = Fixtures.createEmployer(admin(), "endorsing");
        Api employerKey = admin().withToken(Fixtures.createApiKey(admin(), employer));
        var invited = association.key().post("/api/v1/organizations/" + association.slug() + "/partners", Map.of("employer", employer));
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        assertThat(employerKey.post("/api/v1/organizations/" + employer + "/partners/" + invited.json().get("id").asText() + "/accept",
                Map.of()).status()).isEqualTo(200);
        String etag = sharedOnBothNodes("/achievements/" + step, "Chair a Meeting");

        var endorsed = employerKey.post("/api/v1/organizations/" + employer + "/endorsements",
                Map.of("achievementId", step.toString(), "statement", "We promote people who chair well."));
        assertThat(endorsed.status()).as(endorsed.body()).isEqualTo(201);
        var ofAssociation = employerKey.post("/api/v1/organizations/" + employer + "/endorsements",
                Map.of("association", association.slug(), "statement", "A guild we rely on."));
        assertThat(ofAssociation.status()).as(ofAssociation.body()).isEqualTo(201);
        for (String node : List.of(baseUrl(), second)) {
            HttpResponse<String> after = get(node + "/achievements/" + step, Map.of("If-None-Match", etag));
            assertThat(after.statusCode()).as(node).isEqualTo(200);
            assertThat(after.body()).as(node).contains("We promote people who chair well.", "A guild we rely on.");
        }

        var hidden = association.key().post("/api/v1/organizations/" + association.slug() + "/endorsements/"
                + endorsed.json().get("id").asText() + "/hide", Map.of());
        assertThat(hidden.status()).as(hidden.body()).isEqualTo(200);
        for (String node : List.of(baseUrl(), second)) {
            assertThat(get(node + "/achievements/" + step, Map.of()).body()).as(node)
                    .doesNotContain("We promote people who chair well.").contains("A guild we rely on.");
        }
    }

    /** Opens the page as a visitor on both nodes (so both have it saved) and answers its ETag, the same on both. */
    private String sharedOnBothNodes(String page, String showing) throws Exception {
        HttpResponse<String> first = get(baseUrl() + page, Map.of());
        assertThat(first.body()).contains(showing);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> other = get(secondNode() + page, Map.of());
        assertThat(other.headers().firstValue("ETag")).hasValue(etag);
        assertThat(get(secondNode() + page, Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
        return etag;
    }

    @Test
    void aRevocationChangesTheBadgePagesETagAndContentAtOnce() throws Exception {
        String page = baseUrl() + "/credentials/" + awardId;
        HttpResponse<String> before = get(page, Map.of());
        assertThat(before.body()).contains("verdict verified");
        // The same address answers the signed credential to machines: a cache must key on Accept too.
        assertThat(before.headers().allValues("Vary").toString()).contains("Accept", "Cookie");
        String etag = before.headers().firstValue("ETag").orElseThrow();

        revoke();

        HttpResponse<String> after = get(page, Map.of("If-None-Match", etag));
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("verdict revoked").doesNotContain("verdict verified");
        assertThat(after.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
    }

    @Test
    void aSecondNodeOnTheSameDatabaseShowsARevocationMadeOnTheFirstAtOnce() throws Exception {
        String second = secondNode();
        String page = second + "/credentials/" + awardId;
        HttpResponse<String> before = get(page, Map.of());
        assertThat(before.body()).contains("verdict verified");
        // The same page has the same ETag on both nodes, so a CDN may ask either.
        assertThat(get(baseUrl() + "/credentials/" + awardId, Map.of()).headers().firstValue("ETag"))
                .isEqualTo(before.headers().firstValue("ETag"));

        revoke(); // through the first node

        assertThat(get(page, Map.of()).body()).contains("verdict revoked").doesNotContain("verdict verified");
        assertThat(get(page, Map.of("If-None-Match", before.headers().firstValue("ETag").orElseThrow())).statusCode()).isEqualTo(200);
    }

    @Test
    void aBadgeMadePrivateOnOneNodeIsGoneFromTheOthersSharedCopyAtOnce() throws Exception {
        String page = secondNode() + "/credentials/" + awardId;
        HttpResponse<String> before = get(page, Map.of());
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.body()).contains("Chair a Meeting");

        var holder = new io.guildmark.app.shared.Actor.Person(learner.id(), learner.email(), false);
        context.getBean(io.guildmark.app.issuing.BadgeVisibility.class).set(holder, awardId, io.guildmark.app.issuing.Visibility.PRIVATE);

        HttpResponse<String> after = get(page, Map.of("If-None-Match", before.headers().firstValue("ETag").orElseThrow()));
        assertThat(after.statusCode()).isEqualTo(404);
        assertThat(after.body()).doesNotContain("Chair a Meeting");
        assertThat(get(baseUrl() + "/credentials/" + awardId, Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void aSharedPageNeverCarriesASignedInVisitorsTokenOrName() throws Exception {
        WebSession signedIn = new WebSession(baseUrl());
        signedIn.signIn(learner.email(), PathwayWorld.PASSWORD);
        for (String page : publicPages()) {
            String own = signedIn.get(page, "text/html").body();
            Matcher token = CSRF.matcher(own);
            assertThat(token.find()).as("a signed-in view of %s has its CSRF token", page).isTrue();
            assertThat(own).contains("Sign out");

            HttpResponse<String> anonymous = get(baseUrl() + page, Map.of());
            assertThat(anonymous.body()).as(page).doesNotContain(token.group(1)).doesNotContain("_csrf").doesNotContain("Sign out");
            assertThat(anonymous.headers().firstValue("Set-Cookie")).as(page).isEmpty();
        }
    }

    @Test
    void aVisitorWithASessionGetsAPrivatePageNotTheSharedCopy() throws Exception {
        HttpClient withCookies = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        withCookies.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/signin")).build(), HttpResponse.BodyHandlers.ofString());
        for (String page : publicPages()) {
            HttpResponse<String> response = withCookies.send(HttpRequest.newBuilder(URI.create(baseUrl() + page)).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.headers().firstValue("ETag")).as(page).isEmpty();
            assertThat(response.headers().firstValue("Cache-Control").orElse("")).as(page).contains("no-store").doesNotContain("public");
        }
    }

    private void revoke() {
        var revoked = association.key().post("/api/v1/awards/" + awardId + "/revoke", Map.of("reason", "Issued in error"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    }

    private static HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html");
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Another node of the same deployment: its own port and memory, the same database, data directory and address. */
    /** Another node of the same deployment (started once for the class). */
    private String secondNode() {
        if (secondNode == null) secondNode = SecondNode.start(environment, baseUrl());
        return secondNode.baseUrl();
    }
}
