package io.guildmark.app.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;

class OrganizationApiIntegrationTest extends IntegrationTest {

    @Test
    void platformAdminCreatesAnOrganizationAndAKeyForIt() {
        String slug = Fixtures.uniqueSlug("welders");
        Api.Response created = admin().post("/api/v1/organizations", Map.of("slug", slug, "name", "Welders Guild",
                "url", "https://welders.example.org", "email", "office@welders.example.org", "description", "Welding."));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("id").asText()).isNotBlank();
        assertThat(created.json().get("slug").asText()).isEqualTo(slug);
        assertThat(created.json().get("did").asText()).isEqualTo("did:web:127.0.0.1%3A" + port + ":issuers:" + slug);

        Api.Response key = admin().post("/api/v1/organizations/" + slug + "/api-keys", Map.of("name", "LMS"));
        assertThat(key.status()).isEqualTo(201);
        String secret = key.json().get("key").asText();
        assertThat(secret).startsWith("gmk_");

        Api.Response read = api().withToken(secret).get("/api/v1/organizations/" + slug);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("name").asText()).isEqualTo("Welders Guild");
    }

    @Test
    void requestWithoutTokenIsUnauthorizedAsProblemDetails() {
        Api.Response response = api().get("/api/v1/organizations/anything");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
    }

    @Test
    void unknownTokenIsUnauthorized() {
        assertThat(api().withToken("gmk_not-a-real-key").get("/api/v1/organizations/x").status()).isEqualTo(401);
    }

    @Test
    void keyOfOneOrganizationCannotReadOrChangeAnother() {
        String mine = Fixtures.createOrganization(admin(), "mine");
        String theirs = Fixtures.createOrganization(admin(), "theirs");
        Api me = api().withToken(Fixtures.createApiKey(admin(), mine));

        assertThat(me.get("/api/v1/organizations/" + theirs).status()).isIn(403, 404);
        assertThat(me.get("/api/v1/organizations/" + theirs + "/members").status()).isIn(403, 404);
        assertThat(me.get("/api/v1/organizations/" + theirs + "/api-keys").status()).isIn(403, 404);
        assertThat(me.post("/api/v1/organizations/" + theirs + "/api-keys", Map.of("name", "x")).status()).isIn(403, 404);
        assertThat(me.patch("/api/v1/organizations/" + theirs, Map.of("name", "Hijacked")).status()).isIn(403, 404);
        assertThat(me.post("/api/v1/organizations/" + theirs + "/invitations", Map.of("email", "a@b.org", "role", "owner")).status()).isIn(403, 404);
        assertThat(admin().get("/api/v1/organizations/" + theirs).json().get("name").asText()).startsWith("Guild of");
    }

    @Test
    void keyCannotMintMoreKeysOrCreateOrganizations() {
        String slug = Fixtures.createOrganization(admin(), "selfish");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        long keys = count("api_keys");
        assertThat(key.post("/api/v1/organizations/" + slug + "/api-keys", Map.of("name", "more")).status()).isEqualTo(403);
        assertThat(key.post("/api/v1/organizations", Map.of("slug", Fixtures.uniqueSlug("x"), "name", "X")).status()).isEqualTo(403);
        assertThat(count("api_keys")).isEqualTo(keys);
    }

    @Test
    void revokedKeyStopsWorking() {
        String slug = Fixtures.createOrganization(admin(), "revokers");
        Api.Response created = admin().post("/api/v1/organizations/" + slug + "/api-keys", Map.of("name", "old"));
        Api key = api().withToken(created.json().get("key").asText());
        assertThat(key.get("/api/v1/organizations/" + slug).status()).isEqualTo(200);
        assertThat(admin().delete("/api/v1/organizations/" + slug + "/api-keys/" + created.json().get("id").asText()).status()).isEqualTo(204);
        assertThat(key.get("/api/v1/organizations/" + slug).status()).isEqualTo(401);
    }

    @Test
    void aKeysLastUseIsRecordedAtMostOnceAMinute() {
        String slug = Fixtures.createOrganization(admin(), "last-used");
        Api.Response created = admin().post("/api/v1/organizations/" + slug + "/api-keys", Map.of("name", "busy"));
        String id = created.json().get("id").asText();
        Api key = api().withToken(created.json().get("key").asText());
        assertThat(key.get("/api/v1/organizations/" + slug).status()).isEqualTo(200);
        java.sql.Timestamp first = lastUsed(id);
        assertThat(first).isNotNull();

        assertThat(key.get("/api/v1/organizations/" + slug).status()).isEqualTo(200);
        assertThat(lastUsed(id)).isEqualTo(first);

        db.sql("update api_keys set last_used_at = ? where id = ?")
                .params(java.sql.Timestamp.from(first.toInstant().minusSeconds(61)), java.util.UUID.fromString(id)).update();
        assertThat(key.get("/api/v1/organizations/" + slug).status()).isEqualTo(200);
        assertThat(lastUsed(id)).isAfterOrEqualTo(first);
    }

    private java.sql.Timestamp lastUsed(String keyId) {
        return db.sql("select last_used_at from api_keys where id = ?").param(java.util.UUID.fromString(keyId))
                .query(java.sql.Timestamp.class).list().get(0);
    }

    @Test
    void malformedJsonIsRefusedAndWritesNothing() {
        long before = count("organizations");
        Api.Response response = admin().post("/api/v1/organizations", "{\"slug\": \"broken\", ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("malformed-body");
        assertThat(count("organizations")).isEqualTo(before);
    }

    @Test
    void invalidFieldsAreListedAndNothingIsWritten() {
        long before = count("organizations");
        Api.Response response = admin().post("/api/v1/organizations", Map.of("slug", "Not A Slug!", "name", "", "url", "ftp://x", "email", "nope"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field")).contains("slug", "name", "url", "email");
        assertThat(count("organizations")).isEqualTo(before);
    }

    @Test
    void duplicateSlugIsAConflict() {
        String slug = Fixtures.createOrganization(admin(), "twins");
        long before = count("organizations");
        Api.Response response = admin().post("/api/v1/organizations", Map.of("slug", slug, "name", "Twin"));
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("code").asText()).isEqualTo("slug-taken");
        assertThat(count("organizations")).isEqualTo(before);
    }

    @Test
    void svgLogoWithAScriptIsRefusedAndNothingChanges() {
        String slug = Fixtures.createOrganization(admin(), "scripted");
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script><circle r=\"4\"/></svg>";
        Api.Response response = admin().put("/api/v1/organizations/" + slug + "/logo", svg.getBytes(), "image/svg+xml");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asText()).contains("scripts");
        assertThat(admin().get("/api/v1/organizations/" + slug).json().has("image")).isFalse();
    }

    @Test
    void disguisedLogoIsRefused() {
        String slug = Fixtures.createOrganization(admin(), "disguised");
        byte[] exe = "MZ\u0090\u0000 this is not an image".getBytes();
        Api.Response response = admin().put("/api/v1/organizations/" + slug + "/logo", exe, "image/png");
        assertThat(response.status()).isEqualTo(415);
        assertThat(admin().get("/api/v1/organizations/" + slug).json().has("image")).isFalse();
    }

    @Test
    void oversizedLogoIsRefused() {
        String slug = Fixtures.createOrganization(admin(), "huge");
        byte[] big = new byte[3 * 1024 * 1024];
        big[0] = (byte) 0x89; big[1] = 'P'; big[2] = 'N'; big[3] = 'G';
        Api.Response response = admin().put("/api/v1/organizations/" + slug + "/logo", big, "image/png");
        assertThat(response.status()).isEqualTo(413);
        assertThat(admin().get("/api/v1/organizations/" + slug).json().has("image")).isFalse();
    }

    @Test
    void svgLogoLosesExternalReferencesAndIsServedSafely() {
        String slug = Fixtures.createOrganization(admin(), "svgsafe");
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
                + "<image xlink:href=\"https://tracker.example/pixel.png\" width=\"1\" height=\"1\"/><circle r=\"4\" fill=\"#123\"/></svg>";
        Api.Response response = admin().put("/api/v1/organizations/" + slug + "/logo", svg.getBytes(), "image/svg+xml");
        assertThat(response.status()).isEqualTo(200);
        Api.Response logo = api().get("/issuers/" + slug + "/logo");
        assertThat(logo.status()).isEqualTo(200);
        assertThat(logo.header("Content-Type")).startsWith("image/svg+xml");
        assertThat(logo.body()).doesNotContain("tracker.example").contains("circle");
        assertThat(logo.header("Content-Security-Policy")).contains("default-src 'none'");
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        Api.Response docs = api().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/organizations/{slug}/api-keys", "/api/v1/organizations/{slug}/achievements",
                "/api/v1/organizations/{slug}/awards", "/api/v1/awards/{id}/revoke");
    }

    @Test
    void healthIsUp() {
        Api.Response health = api().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
    }
}
