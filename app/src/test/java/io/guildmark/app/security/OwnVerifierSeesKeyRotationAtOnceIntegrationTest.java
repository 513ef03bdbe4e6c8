package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.guildmark.app.issuing.IssuerKeys;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Finding: "Our own verifier after key rotation: for about five minutes after an organization rotates and retires a
 * key, /verify calls the retired key current and fails the organization's other, valid badges (it caches the DID
 * document), while independent verifiers are right. The badge page said Verified while its own verify link said Not
 * verified." Our verifier now reads this platform's own issuers' DID documents from the database every time.
 */
class OwnVerifierSeesKeyRotationAtOnceIntegrationTest extends IntegrationTest {

    @Autowired IssuerKeys keys;

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("check").asText().equals(name)) return check;
        }
        throw new AssertionError("No " + name + " check in " + report);
    }

    private String award(Api key, String slug, String achievementId) {
        Api.Response awarded = key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", Fixtures.uniqueEmail("rota"), "name", "Rota Tion")));
        assertThat(awarded.status()).as(awarded.body()).isEqualTo(201);
        return awarded.json().get("credentialUrl").asText();
    }

    private JsonNode verify(String url) {
        Api.Response response = api().post("/api/v1/verify/url", Map.of("url", url));
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    @Test
    void rotatingAndRetiringAKeyCountsAtOnceForTheOrganizationsBadges() {
        String slug = Fixtures.createOrganization(admin(), "rotation");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        String achievementId = Catalog.publishedMicroCredential(key, slug, "Keep keys safe");
        String before = award(key, slug, achievementId);
        // Verified once, so a caching verifier now holds the DID document with the first key as current.
        assertThat(verify(before).get("verified").asBoolean()).isTrue();

        Actor admin = new Actor.PlatformAdmin();
        keys.rotate(admin, slug);
        String after = award(key, slug, achievementId);
        JsonNode newBadge = verify(after);
        assertThat(newBadge.get("verified").asBoolean()).as("a badge signed with the new key verifies at once: " + newBadge).isTrue();
        assertThat(verify(before).get("verified").asBoolean()).as("a rotated key still verifies what it signed").isTrue();

        List<IssuerKeys.IssuerKey> all = keys.list(admin, slug);
        IssuerKeys.IssuerKey first = all.stream().filter(k -> "rotated".equals(k.state()) && k.algorithm().toLowerCase(Locale.ROOT).contains("ed"))
                .findFirst().orElseThrow(() -> new AssertionError("no rotated Ed25519 key in " + all));
        keys.retire(admin, slug, first.id(), "Key compromised");

        JsonNode retired = verify(before);
        assertThat(retired.get("verified").asBoolean()).as("a badge signed with a withdrawn key fails at once: " + retired).isFalse();
        assertThat(check(retired, "issuerKey").get("code").asText()).isIn("KEY_REVOKED", "KEY_RETIRED");
        String today = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(LocalDate.now(ZoneOffset.UTC));
        assertThat(retired.get("explanation").asText()).startsWith("This badge was signed with a key its issuer withdrew on " + today);
        assertThat(verify(after).get("verified").asBoolean()).as("the organization's other badges still verify").isTrue();

        // The verify page and the badge page agree.
        WebSession web = new WebSession(baseUrl());
        String page = web.get("/verify?url=" + before).body();
        assertThat(page).contains("<h2 id=\"verdict-heading\">Not verified</h2>").contains("withdrew on " + today)
                .contains("claimed, not verified");
        String mainText = page.substring(page.indexOf("verdict-heading"), page.indexOf("recipient-check"));
        assertThat(mainText).as("no key ids or raw timestamps in the main text").doesNotContain("#key").doesNotContain("did:web:127")
                .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T");
        assertThat(web.get(before).body()).doesNotContain(">Verified<");
        assertThat(web.get("/verify?url=" + after).body()).contains("<h2 id=\"verdict-heading\">Verified</h2>");
    }
}
