package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.guildmark.app.organizations.Members;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Sharing a badge: the share redirects, LinkedIn's add-to-profile fields, oEmbed and the embed code, and the views and
 * shares counted without trackers, shown to the holder and the issuing organization and to no one else.
 */
class SharingIntegrationTest extends IntegrationTest {

    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired ApplicationContext context;
    @Autowired BadgeAudience audience;

    private record Issued(String slug, UUID orgId, Api key, String achievementId, String id, String email) {}

    private Issued issue(String stem, String email, String name, Map<String, Object> extra) {
        String slug = Fixtures.createOrganization(admin(), stem);
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        String achievementId = Catalog.publishedMicroCredential(key, slug, "Harbour Pilotage " + stem);
        Map<String, Object> body = new LinkedHashMap<>(Map.of("achievementId", achievementId, "recipient", Map.of("email", email, "name", name)));
        body.putAll(extra);
        Api.Response awarded = key.post("/api/v1/organizations/" + slug + "/awards", body);
        assertThat(awarded.status()).as(awarded.body()).isEqualTo(201);
        UUID orgId = context.getBean(Organizations.class).findBySlug(slug).orElseThrow().id();
        // Shared, embedded and counted: a badge its holder accepted and made public.
        io.guildmark.app.support.Holders.acceptAndMakePublic(context, UUID.fromString(awarded.json().get("id").asText()));
        return new Issued(slug, orgId, key, achievementId, awarded.json().get("id").asText(), email);
    }

    private static HttpResponse<String> get(String url, String userAgent) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", userAgent).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String q = URI.create(url).getRawQuery();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void viewsAndSharesAreCountedWithoutAWritePerViewAndShownToTheHolderAndTheirOrganizationOnly() throws Exception {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        var holder = world.person("Hana Holder", null);
        Issued badge = issue("sharecount", holder.email(), "Hana Holder", Map.of());
        var staff = world.person("Sid Staff", null);
        context.getBean(Members.class).add(badge.orgId(), staff.id(), Role.OWNER);
        Issued other = issue("sharecountother", Fixtures.uniqueEmail("someone"), "Some One", Map.of());
        var outsider = world.person("Olga Outsider", null);
        context.getBean(Members.class).add(other.orgId(), outsider.id(), Role.OWNER);
        String page = baseUrl() + "/credentials/" + badge.id();

        for (int i = 0; i < 3; i++) assertThat(get(page, BROWSER).statusCode()).isEqualTo(200);
        assertThat(get(page, "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").statusCode()).isEqualTo(200);
        assertThat(get(page, "LinkedInBot/1.0 (compatible; Mozilla/5.0)").statusCode()).isEqualTo(200);
        HttpResponse<String> linkedIn = get(page + "/share/linkedin", BROWSER);
        assertThat(linkedIn.statusCode()).isEqualTo(302);
        assertThat(linkedIn.headers().firstValue("Location").orElseThrow())
                .isEqualTo("https://www.linkedin.com/sharing/share-offsite/?url=" + URLEncoder.encode(page, StandardCharsets.UTF_8));
        HttpResponse<String> x = get(page + "/share/x", BROWSER);
        assertThat(query(x.headers().firstValue("Location").orElseThrow())).containsEntry("url", page);
        assertThat(get(page + "/share/myspace", BROWSER).statusCode()).isEqualTo(404);
        audience.flush();

        // One row per award, day and channel, however many views: the counts were added up in memory.
        assertThat(db.sql("select channel, hits from badge_audience where award_id = ?").param(UUID.fromString(badge.id()))
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list())
                .containsExactlyInAnyOrder(Map.entry("view", 3L), Map.entry("linkedin", 1L), Map.entry("x", 1L));

        // The holder sees the counts on their own view of the page and in their wallet; their own views are not counted.
        WebSession holderSession = new WebSession(baseUrl());
        holderSession.signIn(holder.email(), EarningWorld.PASSWORD);
        assertThat(holderSession.get("/credentials/" + badge.id(), "text/html").body())
                .contains("Your badge page was viewed 3 times and shared 2 times");
        assertThat(holderSession.get("/wallet").body()).contains("Page viewed 3 · shared 2");
        audience.flush();
        assertThat(audience.totals(java.util.List.of(UUID.fromString(badge.id()))).get(UUID.fromString(badge.id())).views()).isEqualTo(3);

        // The issuing organization's staff see them on its awards list.
        WebSession staffSession = new WebSession(baseUrl());
        staffSession.signIn(staff.email(), EarningWorld.PASSWORD);
        assertThat(staffSession.get("/organizations/" + badge.slug() + "/awards").body()).contains("data-views=\"3\" data-shares=\"2\"");

        // Staff of another organization never do, and an anonymous visitor's page shows no counts.
        WebSession outsiderSession = new WebSession(baseUrl());
        outsiderSession.signIn(outsider.email(), EarningWorld.PASSWORD);
        WebSession.Page refused = outsiderSession.get("/organizations/" + badge.slug() + "/awards");
        assertThat(refused.status()).isIn(403, 404);
        assertThat(refused.body()).doesNotContain("data-views").doesNotContain(badge.id());
        assertThat(outsiderSession.get("/organizations/" + other.slug() + "/awards").body()).doesNotContain(badge.id());
        assertThat(outsiderSession.get("/credentials/" + badge.id(), "text/html").body()).doesNotContain("Your badge page was viewed");
        assertThat(get(page, BROWSER).body()).doesNotContain("Your badge page was viewed");
    }

    @Test
    void theLinkedInAddToProfileRedirectCarriesEveryField() throws Exception {
        Issued badge = issue("sharelinkedin", Fixtures.uniqueEmail("lena"), "Lena Linked",
                Map.of("validFrom", "2026-03-15T10:00:00Z", "validUntil", "2029-11-30T00:00:00Z"));
        String page = baseUrl() + "/credentials/" + badge.id();
        HttpResponse<String> response = get(page + "/share/linkedin-profile", BROWSER);
        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("https://www.linkedin.com/profile/add?");
        assertThat(query(location)).containsEntry("startTask", "CERTIFICATION_NAME")
                .containsEntry("name", "Harbour Pilotage sharelinkedin").containsEntry("organizationName", "Guild of sharelinkedin")
                .containsEntry("issueYear", "2026").containsEntry("issueMonth", "3")
                .containsEntry("expirationYear", "2029").containsEntry("expirationMonth", "11")
                .containsEntry("certUrl", page).containsEntry("certId", badge.id());
        assertThat(query(location)).doesNotContainKey("organizationId");
    }

    @Test
    void theLinkedInLinkCarriesTheOrganizationsLinkedInIdOnceItIsSet() throws Exception {
        Issued badge = issue("sharelinkedinid", Fixtures.uniqueEmail("omar"), "Omar Org", Map.of());
        String setting = "/api/v1/organizations/" + badge.slug() + "/linkedin";
        // Digits only; a refused id changes nothing.
        Api.Response refused = admin().put(setting, Map.of("organizationId", "12a45"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("digits only");
        assertThat(badge.key().put(setting, Map.of("organizationId", "")).status()).isEqualTo(200); // its own key may (clears)
        Api otherKey = api().withToken(Fixtures.createApiKey(admin(), Fixtures.createOrganization(admin(), "sharelinkedinkey")));
        assertThat(otherKey.put(setting, Map.of("organizationId", "123")).status()).isEqualTo(404); // another's may not
        String page = baseUrl() + "/credentials/" + badge.id();
        assertThat(query(get(page + "/share/linkedin-profile", BROWSER).headers().firstValue("Location").orElseThrow()))
                .doesNotContainKey("organizationId");

        assertThat(admin().put(setting, Map.of("organizationId", " 1337042 ")).json().get("organizationId").asText()).isEqualTo("1337042");
        String location = get(page + "/share/linkedin-profile", BROWSER).headers().firstValue("Location").orElseThrow();
        assertThat(query(location)).containsEntry("organizationId", "1337042").containsEntry("organizationName", "Guild of sharelinkedinid");
        // Another organization's badges are not touched by it.
        Issued other = issue("sharelinkedinx", Fixtures.uniqueEmail("xena"), "Xena Else", Map.of());
        assertThat(query(get(baseUrl() + "/credentials/" + other.id() + "/share/linkedin-profile", BROWSER).headers()
                .firstValue("Location").orElseThrow())).doesNotContainKey("organizationId");
    }

    @Test
    void badgePagesAdvertiseOembedWhichAnswersARichCard() throws Exception {
        Issued badge = issue("shareembed", Fixtures.uniqueEmail("emma"), "Emma <Embed>", Map.of());
        String page = baseUrl() + "/credentials/" + badge.id();
        String html = get(page, BROWSER).body();
        Matcher link = Pattern.compile("<link rel=\"alternate\" type=\"application/json\\+oembed\" href=\"([^\"]+)\"").matcher(html);
        assertThat(link.find()).as(html).isTrue();
        String oembedUrl = link.group(1).replace("&amp;", "&");
        assertThat(oembedUrl).isEqualTo(baseUrl() + "/oembed?url=" + URLEncoder.encode(page, StandardCharsets.UTF_8) + "&format=json");
        assertThat(html).contains("id=\"embed-code\"").contains("id=\"signature-preview\"").contains("src=\"data:image/svg+xml;base64,");

        Api.Response card = api().get(oembedUrl);
        assertThat(card.status()).isEqualTo(200);
        assertThat(card.header("Content-Type")).startsWith("application/json");
        assertThat(card.json().get("version").asText()).isEqualTo("1.0");
        assertThat(card.json().get("type").asText()).isEqualTo("rich");
        assertThat(card.json().get("width").asInt()).isEqualTo(360);
        assertThat(card.json().get("provider_name").asText()).isEqualTo("Guild of shareembed");
        assertThat(card.json().get("thumbnail_url").asText()).isEqualTo(page + "/og.png");
        String embed = card.json().get("html").asText();
        assertThat(embed).startsWith("<blockquote").contains("href=\"" + page + "\"").contains("Emma &lt;Embed&gt;")
                .doesNotContain("<script").doesNotContain("<iframe");

        Api.Response small = api().get("/oembed?url=" + URLEncoder.encode(page, StandardCharsets.UTF_8) + "&maxwidth=200&maxheight=100");
        assertThat(small.json().get("width").asInt()).isEqualTo(200);
        assertThat(small.json().get("height").asInt()).isEqualTo(100);
        assertThat(small.json().has("thumbnail_url")).isFalse();
    }

    @Test
    void aRevokedBadgeCannotBeEmbedded() throws Exception {
        Issued badge = issue("sharerevoked", Fixtures.uniqueEmail("rita"), "Rita Revoked", Map.of());
        assertThat(badge.key().post("/api/v1/awards/" + badge.id() + "/revoke", Map.of("reason", "Issued in error")).status()).isEqualTo(200);
        String page = baseUrl() + "/credentials/" + badge.id();

        Api.Response refused = api().get("/oembed?url=" + URLEncoder.encode(page, StandardCharsets.UTF_8) + "&format=json");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText()).contains("cannot be embedded");
        String html = get(page, BROWSER).body();
        assertThat(html).doesNotContain("application/json+oembed").doesNotContain("id=\"embed-code\"");
    }

    @Test
    void oembedAnswersUnknownAddressesAndFormatsAsTheSpecificationSays() {
        Issued badge = issue("shareunknown", Fixtures.uniqueEmail("uma"), "Uma Unknown", Map.of());
        String page = baseUrl() + "/credentials/" + badge.id();
        assertThat(api().get("/oembed?url=" + URLEncoder.encode(page, StandardCharsets.UTF_8) + "&format=xml").status()).isEqualTo(501);
        assertThat(api().get("/oembed?url=" + URLEncoder.encode("https://elsewhere.example/credentials/" + badge.id(), StandardCharsets.UTF_8)).status())
                .isEqualTo(404);
        assertThat(api().get("/oembed?url=" + URLEncoder.encode(baseUrl() + "/credentials/" + UUID.randomUUID(), StandardCharsets.UTF_8)).status())
                .isEqualTo(404);
        assertThat(api().get("/oembed?url=" + URLEncoder.encode(baseUrl() + "/issuers/" + badge.slug(), StandardCharsets.UTF_8)).status())
                .isEqualTo(404);
        Api.Response noUrl = api().get("/oembed");
        assertThat(noUrl.status()).isEqualTo(400);
        assertThat(noUrl.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api().get("/oembed?url=" + URLEncoder.encode(page, StandardCharsets.UTF_8) + "&maxwidth=wide").status()).isEqualTo(400);
        assertThat(api().get("/oembed?url=" + "x".repeat(3000)).status()).isEqualTo(400);
    }

    @Test
    void theAwardEmailLinksToTheBadgesSharingSection() {
        String email = Fixtures.uniqueEmail("sam.share");
        Issued badge = issue("sharemail", email, "Sam Share", Map.of());
        Mailbox.Mail mail = Mailbox.await(email, "You earned");
        assertThat(mail.body()).contains("e-mail signature").contains(baseUrl() + "/credentials/" + badge.id() + "#share");
    }
}
