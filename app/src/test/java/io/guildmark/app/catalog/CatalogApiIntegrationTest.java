package io.guildmark.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import tools.jackson.databind.JsonNode;

class CatalogApiIntegrationTest extends IntegrationTest {

    @Autowired
    ConfigurableApplicationContext context;

    private static byte[] png(java.awt.Color color) {
        try {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = image.createGraphics();
            g.setColor(color);
            g.fillRect(0, 0, 8, 8);
            g.dispose();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void publishingAnnouncesTheVersion() {
        String slug = Fixtures.createOrganization(admin(), "announcers");
        Api key = keyOf(slug);
        List<AchievementPublished> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        context.addApplicationListener(event -> {
            if (event instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof AchievementPublished published) heard.add(published);
        });
        String id = key.post(path(slug), CatalogFixture.apiBody("Announced")).json().get("id").asText();
        key.post(path(slug) + "/" + id + "/publish", "");
        assertThat(heard).anyMatch(e -> e.achievementId().toString().equals(id) && e.version() == 1);
    }

    @Test
    void badgeImagesAreCheckedAndEachVersionKeepsItsOwn() {
        String slug = Fixtures.createOrganization(admin(), "imagery");
        Api key = keyOf(slug);
        String id = key.post(path(slug), CatalogFixture.apiBody("Pictured")).json().get("id").asText();
        byte[] first = png(java.awt.Color.BLUE);
        Api.Response uploaded = key.put(path(slug) + "/" + id + "/image", first, "image/png");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        key.post(path(slug) + "/" + id + "/publish", "");

        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 8 8\"><circle cx=\"4\" cy=\"4\" r=\"4\"/></svg>";
        String scripted = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
        assertThat(key.put(path(slug) + "/" + id + "/image", scripted.getBytes(StandardCharsets.UTF_8), "image/svg+xml").status()).isEqualTo(400);
        // Well-formed and harmless, but it draws nothing: every baked badge would fall back to the generated seal.
        String invisible = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\" opacity=\"0\"/></svg>";
        Api.Response undrawable = key.put(path(slug) + "/" + id + "/image", invisible.getBytes(StandardCharsets.UTF_8), "image/svg+xml");
        assertThat(undrawable.status()).isEqualTo(400);
        assertThat(undrawable.body()).contains("cannot be drawn as a badge", "upload a PNG");
        assertThat(key.put(path(slug) + "/" + id + "/image", "GIF89a nope".getBytes(StandardCharsets.UTF_8), "image/png").status()).isEqualTo(415);
        assertThat(key.get(path(slug) + "/" + id).json().get("unpublishedChanges").asBoolean()).isFalse();

        assertThat(key.put(path(slug) + "/" + id + "/image", svg.getBytes(StandardCharsets.UTF_8), "image/svg+xml").status()).isEqualTo(200);
        key.post(path(slug) + "/" + id + "/publish", "");

        JsonNode v1 = key.get(path(slug) + "/" + id + "/versions/1").json().get("achievement");
        assertThat(v1.get("image").get("type").asText()).isEqualTo("Image");
        Api.Response image1 = api().get(v1.get("image").get("id").asText());
        assertThat(image1.status()).isEqualTo(200);
        assertThat(image1.header("Content-Type")).startsWith("image/png");
        Api.Response image2 = api().get(baseUrl() + "/achievements/" + id + "/versions/2/image");
        assertThat(image2.header("Content-Type")).startsWith("image/svg+xml");
        assertThat(image2.body()).contains("circle");
        assertThat(image2.header("Content-Security-Policy")).contains("default-src 'none'");
    }

    private Api keyOf(String slug) {
        return api().withToken(Fixtures.createApiKey(admin(), slug));
    }

    private static String path(String slug) {
        return "/api/v1/organizations/" + slug + "/achievements";
    }

    @Test
    void designerCreatesPublishesAndListsAMicroCredential() {
        String slug = Fixtures.createOrganization(admin(), "safety");
        Api key = keyOf(slug);

        Api.Response created = key.post(path(slug), CatalogFixture.apiBody("Confined Space Entry"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("draft");
        String id = created.json().get("id").asText();
        assertThat(created.json().get("estimatedHours").decimalValue()).isEqualByComparingTo("10");

        Api.Response published = key.post(path(slug) + "/" + id + "/publish", "");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.json().get("status").asText()).isEqualTo("published");
        assertThat(published.json().get("latestVersion").asInt()).isEqualTo(1);

        Api.Response list = key.get(path(slug));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("items").get(0).get("id").asText()).isEqualTo(id);

        Api.Response ld = api().get("/achievements/" + id + "/versions/1", "application/ld+json");
        assertThat(ld.status()).isEqualTo(200);
        assertThat(ld.json().get("name").asText()).isEqualTo("Confined Space Entry");
        assertThat(ld.json().get("@context").get(1).asText()).isEqualTo("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
        assertThat(api().get("/achievements/" + id, "text/html,application/xhtml+xml,*/*;q=0.8").body()).contains("<h1>Confined Space Entry</h1>");

        Api.Response version = key.get(path(slug) + "/" + id + "/versions/1");
        assertThat(version.status()).isEqualTo(200);
        JsonNode achievement = version.json().get("achievement");
        assertThat(achievement.get("id").asText()).isEqualTo(baseUrl() + "/achievements/" + id + "/versions/1");
        assertThat(achievement.get("type").get(0).asText()).isEqualTo("Achievement");
        assertThat(achievement.get("alignment").get(0).get("targetCode").asText()).isEqualTo("CSE-2");

        Api.Response catalog = api().get("/api/v1/catalog?tag=safety&organization=" + slug);
        assertThat(catalog.status()).isEqualTo(200);
        assertThat(catalog.json().get("items")).hasSize(1);
        assertThat(catalog.json().get("items").get(0).get("id").asText()).isEqualTo(id);
        assertThat(api().get("/api/v1/catalog?competency=CSE-2&maxHours=9&organization=" + slug).json().get("items")).isEmpty();
    }

    @Test
    void openApiDocumentDescribesTheCatalog() {
        Api.Response docs = api().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/organizations/{slug}/achievements/{id}/publish")).isTrue();
        assertThat(docs.json().get("paths").has("/api/v1/catalog")).isTrue();
    }

    @Test
    void publishingWithoutChangesIsRefusedAndEditingMakesVersionTwo() {
        String slug = Fixtures.createOrganization(admin(), "versions");
        Api key = keyOf(slug);
        String id = key.post(path(slug), CatalogFixture.apiBody("Rigging Basics")).json().get("id").asText();
        assertThat(key.post(path(slug) + "/" + id + "/publish", "").status()).isEqualTo(200);

        Api.Response again = key.post(path(slug) + "/" + id + "/publish", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("nothing-to-publish");

        Map<String, Object> edited = CatalogFixture.apiBody("Rigging Basics, 2nd edition");
        Api.Response updated = key.put(path(slug) + "/" + id, edited);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("unpublishedChanges").asBoolean()).isTrue();
        assertThat(api().get("/api/v1/catalog/" + id).json().get("name").asText()).isEqualTo("Rigging Basics");

        assertThat(key.post(path(slug) + "/" + id + "/publish", "").json().get("latestVersion").asInt()).isEqualTo(2);
        assertThat(key.get(path(slug) + "/" + id + "/versions/1").json().get("name").asText()).isEqualTo("Rigging Basics");
        assertThat(key.get(path(slug) + "/" + id + "/versions").json().get("items")).hasSize(2);
        assertThat(api().get("/api/v1/catalog/" + id).json().get("name").asText()).isEqualTo("Rigging Basics, 2nd edition");
    }

    @Test
    void retiredMicroCredentialLeavesTheCatalogButItsVersionsStay() {
        String slug = Fixtures.createOrganization(admin(), "retiring");
        Api key = keyOf(slug);
        String id = key.post(path(slug), CatalogFixture.apiBody("Old Practice")).json().get("id").asText();
        key.post(path(slug) + "/" + id + "/publish", "");
        assertThat(key.delete(path(slug) + "/" + id).status()).isEqualTo(409);

        Api.Response retired = key.post(path(slug) + "/" + id + "/retire", "");
        assertThat(retired.json().get("status").asText()).isEqualTo("retired");
        assertThat(api().get("/api/v1/catalog?organization=" + slug).json().get("items")).isEmpty();
        assertThat(api().get("/achievements/" + id).status()).isEqualTo(200);
        assertThat(api().get("/achievements/" + id + "/versions/1").body()).contains("Old Practice");

        assertThat(key.post(path(slug) + "/" + id + "/publish", "").json().get("status").asText()).isEqualTo("published");
        assertThat(api().get("/api/v1/catalog?organization=" + slug).json().get("items")).hasSize(1);
    }

    @Test
    void draftsCanBeDeletedAndAreNotPublic() {
        String slug = Fixtures.createOrganization(admin(), "drafts");
        Api key = keyOf(slug);
        String id = key.post(path(slug), CatalogFixture.apiBody("Unfinished")).json().get("id").asText();
        assertThat(api().get("/achievements/" + id).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/catalog/" + id).status()).isEqualTo(404);
        assertThat(key.delete(path(slug) + "/" + id).status()).isEqualTo(204);
        assertThat(key.get(path(slug) + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void keyOfOneOrganizationCannotTouchAnothersCatalog() {
        String mine = Fixtures.createOrganization(admin(), "mine");
        String theirs = Fixtures.createOrganization(admin(), "theirs");
        Api me = keyOf(mine);
        Api them = keyOf(theirs);
        String id = them.post(path(theirs), CatalogFixture.apiBody("Theirs")).json().get("id").asText();
        long before = count("achievements");

        assertThat(me.get(path(theirs)).status()).isIn(403, 404);
        assertThat(me.post(path(theirs), CatalogFixture.apiBody("Intruder")).status()).isIn(403, 404);
        assertThat(me.get(path(theirs) + "/" + id).status()).isIn(403, 404);
        assertThat(me.put(path(theirs) + "/" + id, CatalogFixture.apiBody("Hijacked")).status()).isIn(403, 404);
        assertThat(me.post(path(theirs) + "/" + id + "/publish", "").status()).isIn(403, 404);
        assertThat(me.post(path(theirs) + "/" + id + "/retire", "").status()).isIn(403, 404);
        assertThat(me.delete(path(theirs) + "/" + id).status()).isIn(403, 404);
        assertThat(me.get(path(theirs) + "/" + id + "/versions").status()).isIn(403, 404);
        assertThat(me.get(path(theirs) + "/export").status()).isIn(403, 404);
        assertThat(me.post(path(theirs) + "/import", "[]").status()).isIn(403, 404);
        // Its own slug with the other's id: not found either.
        assertThat(me.get(path(mine) + "/" + id).status()).isEqualTo(404);
        assertThat(me.post(path(mine) + "/" + id + "/publish", "").status()).isEqualTo(404);

        assertThat(count("achievements")).isEqualTo(before);
        assertThat(them.get(path(theirs) + "/" + id).json().get("name").asText()).isEqualTo("Theirs");
        assertThat(api().get(path(theirs)).status()).isEqualTo(401);
    }

    @Test
    void malformedJsonIsRefusedAndWritesNothing() {
        String slug = Fixtures.createOrganization(admin(), "malformed");
        Api key = keyOf(slug);
        long before = count("achievements");
        Api.Response broken = key.post(path(slug), "{\"name\": \"Broken\", ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.header("Content-Type")).startsWith("application/problem+json");
        Api.Response wrongType = key.post(path(slug), "{\"name\": \"X\", \"creditHours\": \"ten\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(count("achievements")).isEqualTo(before);
    }

    @Test
    void invalidFieldsAreListedAndNothingIsWritten() {
        String slug = Fixtures.createOrganization(admin(), "invalid");
        Api key = keyOf(slug);
        long before = count("achievements");
        Map<String, Object> body = new java.util.HashMap<>(CatalogFixture.apiBody(""));
        body.put("achievementType", "Trophy");
        body.put("alignments", List.of(Map.of("targetName", "X", "targetUrl", "ftp://x")));
        body.put("creditHours", -1);
        body.put("requirements", List.of(Map.of("kind", "telepathy", "description", "Guess")));
        Api.Response response = key.post(path(slug), body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .contains("name", "achievementType", "alignments[0].targetUrl", "estimatedHours", "requirements[0].kind");
        assertThat(count("achievements")).isEqualTo(before);
    }

    @Test
    void exportThenImportMakesEqualDrafts() {
        String from = Fixtures.createOrganization(admin(), "exporter");
        String to = Fixtures.createOrganization(admin(), "importer");
        Api source = keyOf(from);
        Api target = keyOf(to);
        Map<String, Object> body = new java.util.HashMap<>(CatalogFixture.apiBody("Round Trip"));
        body.put("creditValue", 1.5);
        body.put("creditType", "PDU");
        body.put("validityMonths", 24);
        body.put("memberPrice", 4900);
        body.put("nonMemberPrice", 9900);
        body.put("humanCode", "RT-1");
        body.put("requirements", List.of(Map.of("kind", "demonstration", "description", "Observed entry")));
        String id = source.post(path(from), body).json().get("id").asText();
        source.post(path(from) + "/" + id + "/publish", "");
        source.post(path(from), CatalogFixture.apiBody("=Second, with a formula-like name"));

        for (String format : List.of("json", "csv")) {
            Api.Response export = source.get(path(from) + "/export?format=" + format);
            assertThat(export.status()).as(export.body()).isEqualTo(200);
            if (format.equals("json")) {
                JsonNode first = export.json().get(0);
                assertThat(first.get("type").get(0).asText()).isEqualTo("Achievement");
                assertThat(first.get("alignment").isArray()).isTrue();
                assertThat(first.get("tag").isArray()).isTrue();
            }
            Api.Response imported = target.post(path(to) + "/import", export.body().getBytes(StandardCharsets.UTF_8),
                    format.equals("csv") ? "text/csv" : "application/json");
            assertThat(imported.status()).as(imported.body()).isEqualTo(201);
            assertThat(imported.json().get("imported").asInt()).isEqualTo(2);
        }
        JsonNode items = target.get(path(to)).json().get("items");
        assertThat(items).hasSize(4);
        for (JsonNode item : items) {
            assertThat(item.get("status").asText()).isEqualTo("draft");
            if (item.get("name").asText().equals("Round Trip")) {
                JsonNode original = source.get(path(from) + "/" + id).json();
                for (String field : List.of("description", "achievementType", "criteria", "alignments", "tags", "estimatedHours",
                        "creditValue", "creditType", "validityMonths", "memberPrice", "nonMemberPrice", "currency", "humanCode", "requirements")) {
                    assertThat(item.get(field)).as(field).isEqualTo(original.get(field));
                }
            } else {
                assertThat(item.get("name").asText()).isEqualTo("=Second, with a formula-like name");
            }
        }
    }

    @Test
    void importWithOneInvalidRowWritesNothing() {
        String slug = Fixtures.createOrganization(admin(), "allornothing");
        Api key = keyOf(slug);
        long before = count("achievements");
        String csv = "name,description,achievementType,criteria,tags,estimatedHours\n"
                + "Good One,Fine,MicroCredential,Do it,a; b,5\n"
                + ",Missing name,MicroCredential,Do it,,lots\n"
                + "Also Good,Fine,Badge,Do it,,1\n";
        Api.Response response = key.post(path(slug) + "/import", csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field")).contains("rows[2].name", "rows[2].estimatedHours");
        assertThat(count("achievements")).isEqualTo(before);

        String json = "[{\"type\":[\"Achievement\"],\"name\":\"Fine\",\"description\":\"d\",\"criteria\":{\"narrative\":\"n\"}},"
                + "{\"type\":[\"Achievement\"],\"name\":\"Bad\",\"description\":\"d\",\"criteria\":{}}]";
        Api.Response jsonResponse = key.post(path(slug) + "/import", json.getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(jsonResponse.status()).isEqualTo(400);
        assertThat(jsonResponse.json().get("errors").findValuesAsString("field")).containsExactly("rows[2].criteria.narrative");
        assertThat(count("achievements")).isEqualTo(before);
    }
}
