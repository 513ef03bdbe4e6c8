package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Finding: a JSON number such as {@code 1e10000000} in a catalog field cost seconds of CPU (it was made plain, all ten
 * million digits of it) and {@code 1e999999999} answered 500. Numbers are now read with a length limit and checked for
 * size (digits before and after the point) before anything computes with them: a 400 that names the field.
 */
class HugeJsonNumbersAreRefusedIntegrationTest extends IntegrationTest {

    private static String body(String hoursField, String number) {
        return "{\"name\":\"Huge numbers\",\"description\":\"Checks numbers.\",\"achievementType\":\"MicroCredential\","
                + "\"criteria\":{\"narrative\":\"Do it.\"},\"" + hoursField + "\":" + number + "}";
    }

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        if (response.json().has("errors")) response.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    @Test
    void hugeOrTinyExponentsInCatalogFieldsAreA400NamingTheField() {
        String slug = Fixtures.createOrganization(admin(), "hugenum");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        String path = "/api/v1/organizations/" + slug + "/achievements";
        for (String number : List.of("1e999999999", "1e10000000", "-1e999999999", "1e-999999999", "1E+2147483647")) {
            for (String field : List.of("creditHours", "estimatedHours")) {
                Api.Response refused = key.post(path, body(field, number).getBytes(StandardCharsets.UTF_8), "application/json");
                assertThat(refused.status()).as(field + "=" + number + ": " + refused.body()).isEqualTo(400);
                assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
                assertThat(fields(refused)).as(field + "=" + number).contains("estimatedHours");
            }
            Api.Response credits = key.post(path, ("{\"name\":\"Huge credits\",\"description\":\"Checks.\",\"achievementType\":\"MicroCredential\","
                    + "\"criteria\":{\"narrative\":\"Do it.\"},\"creditType\":\"CEU\",\"creditValue\":" + number + "}").getBytes(StandardCharsets.UTF_8),
                    "application/json");
            assertThat(credits.status()).as("creditValue=" + number + ": " + credits.body()).isEqualTo(400);
            assertThat(fields(credits)).contains("creditValue");
        }
    }

    @Test
    void aNumberLongerThanTheLimitIsAMalformedBody() {
        String slug = Fixtures.createOrganization(admin(), "longnum");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        Api.Response refused = key.post("/api/v1/organizations/" + slug + "/achievements",
                body("creditHours", "1" + "0".repeat(150)).getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("malformed-body");
    }

    @Test
    void hugeNumbersInACatalogImportAndInTheCatalogSearchAreRefused() {
        String slug = Fixtures.createOrganization(admin(), "hugeimport");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        String start = "{\"type\":[\"Achievement\"],\"name\":\"Imported\",\"description\":\"Imported.\","
                + "\"criteria\":{\"narrative\":\"Do it.\"},\"achievementType\":\"MicroCredential\",";
        for (String numbers : List.of("\"creditsAvailable\":1e999999999", "\"guildmark\":{\"estimatedHours\":1e10000000}",
                "\"creditsAvailable\":1e-999999999")) {
            Api.Response imported = key.post("/api/v1/organizations/" + slug + "/achievements/import",
                    ("[" + start + numbers + "}]").getBytes(StandardCharsets.UTF_8), "application/json");
            assertThat(imported.status()).as(numbers + ": " + imported.body()).isEqualTo(400);
        }
        assertThat(key.get("/api/v1/organizations/" + slug + "/achievements").json().get("items")).isEmpty();

        Api.Response search = api().get("/api/v1/catalog?maxHours=1e999999999");
        assertThat(search.status()).as(search.body()).isEqualTo(400);
    }
}
