package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Finding: a deeply nested SVG answered 500 from logo and badge image uploads, {@code /verify} and
 * {@code POST /api/v1/verify} (documented to always answer 200), and deep JSON was only stopped by catching a stack
 * overflow. Parsers now count depth (XML element depth in the JDK parser, JSON depth in Jackson and before the
 * credential parser) and refuse past the limit: uploads with a 400 that says so, verification with a 200 report.
 */
class DeeplyNestedInputIsRefusedByDepthIntegrationTest extends IntegrationTest {

    private static final int DEEP = 20_000;

    private static byte[] nestedSvg(int depth) {
        return ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 8 8\">" + "<g>".repeat(depth) + "<rect width=\"8\" height=\"8\"/>"
                + "</g>".repeat(depth) + "</svg>").getBytes(StandardCharsets.UTF_8);
    }

    private static String nestedJson(int depth) {
        return "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"credentialSubject\":" + "{\"a\":".repeat(depth) + "1"
                + "}".repeat(depth) + "}";
    }

    private static List<String> codes(JsonNode report) {
        List<String> codes = new ArrayList<>();
        report.get("checks").forEach(c -> codes.add(c.get("code").asText()));
        return codes;
    }

    @Test
    void theVerifyApiAnswers200WithAReportThatSaysTheInputIsTooDeep() {
        Api.Response svg = api().post("/api/v1/verify", nestedSvg(DEEP), "image/svg+xml");
        assertThat(svg.status()).as(svg.body()).isEqualTo(200);
        assertThat(svg.json().get("verified").asBoolean()).isFalse();
        assertThat(svg.json().get("checks").get(0).get("message").asText()).contains("nested");

        for (String json : List.of(nestedJson(DEEP), "{\"x\":" + "[".repeat(DEEP) + "]".repeat(DEEP) + "}")) {
            Api.Response answer = api().post("/api/v1/verify", json.getBytes(StandardCharsets.UTF_8), "application/json");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("verified").asBoolean()).isFalse();
            assertThat(codes(answer.json())).contains("TOO_DEEPLY_NESTED");
        }
    }

    @Test
    void theVerifyPageAnswers200ForADeeplyNestedCredential() {
        WebSession visitor = new WebSession(baseUrl());
        WebSession.Page page = visitor.submit("/verify", "/verify", "credential", nestedJson(DEEP), "url", "", "recipient", "");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("nest");
    }

    @Test
    void aDeeplyNestedBadgeImageIsRefusedWithA400ThatSaysWhy() {
        String slug = Fixtures.createOrganization(admin(), "deepsvg");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        String id = Catalog.publishedMicroCredential(key, slug, "Deep images");
        Api.Response refused = key.put("/api/v1/organizations/" + slug + "/achievements/" + id + "/image", nestedSvg(DEEP), "image/svg+xml");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("levels deep");

        Api.Response shallow = key.put("/api/v1/organizations/" + slug + "/achievements/" + id + "/image", nestedSvg(20), "image/svg+xml");
        assertThat(shallow.status()).as(shallow.body()).isEqualTo(200);
    }

    @Test
    void deeplyNestedJsonRequestBodiesAreAMalformedBody() {
        String slug = Fixtures.createOrganization(admin(), "deepjson");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        String body = "{\"name\":\"Deep\",\"criteria\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}";
        Api.Response refused = key.post("/api/v1/organizations/" + slug + "/achievements", body.getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    }
}
