package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Finding: "Verification page: when a credential fails, /verify still lists its (possibly forged) recipient,
 * achievement and issuer as plain facts, with most checks shown green; the messages use key ids and raw timestamps;
 * the recipient check runs only if the viewer types an e-mail." Now a failed credential's claims are greyed and
 * labelled "claimed, not verified", checks that rest on the forged content are not shown green, messages are plain
 * with human dates (details keep the verifier's own words), and the recipient check is offered prominently.
 */
class FailedCredentialClaimsShownAsUnverifiedIntegrationTest extends IntegrationTest {

    private String forgedCredential() {
        String slug = Fixtures.createOrganization(admin(), "forgery");
        Api key = api().withToken(Fixtures.createApiKey(admin(), slug));
        String achievementId = Catalog.publishedMicroCredential(key, slug, "Basic first aid");
        Api.Response awarded = key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", Fixtures.uniqueEmail("real"), "name", "Real Recipient")));
        assertThat(awarded.status()).as(awarded.body()).isEqualTo(201);
        String genuine = api().get("/credentials/" + awarded.json().get("id").asText(), "application/vc+ld+json").body();
        String forged = genuine.replace("Real Recipient", "Forged Person").replace("Basic first aid", "Brain surgery");
        assertThat(forged).isNotEqualTo(genuine);
        return forged;
    }

    @Test
    void aForgedCredentialsClaimsAreGreyedAndLabelledAndNoCheckThatRestsOnThemIsGreen() {
        String forged = forgedCredential();
        WebSession web = new WebSession(baseUrl());
        String page = web.submit("/verify", "/verify", "credential", forged).body();

        assertThat(page).contains("<h2 id=\"verdict-heading\">Not verified</h2>");
        assertThat(page).contains("What the badge claims (not verified)");
        String claims = page.substring(page.indexOf("details-heading"), page.indexOf("checks-heading"));
        assertThat(claims).contains("Forged Person").contains("Brain surgery");
        // Each claim carries the label, the issuer in its own block.
        assertThat(claims.split("claimed, not verified", -1).length - 1).isGreaterThanOrEqualTo(3);
        assertThat(claims).containsPattern("id=\"issuer\" class=\"issuer-block claimed\"");

        String checks = page.substring(page.indexOf("checks-heading"), page.indexOf("</ol>", page.indexOf("checks-heading")));
        assertThat(checks).contains("check failed\">Failed</span>");
        assertThat(checks).contains("The signature does not match: the badge was changed after it was signed");
        // Dates, status and schema rest on the forged text: shown as not confirmed, never "Passed".
        for (String name : new String[] {"Start date", "Expiry date", "Revocation", "Open Badges 3.0 structure"}) {
            int at = checks.indexOf("<strong>" + name + "</strong>");
            assertThat(at).as(name).isNotNegative();
            String line = checks.substring(at, checks.indexOf("</li>", at));
            assertThat(line).as(name).doesNotContain("check passed").doesNotContain(">Passed<");
        }
        // The main text of the checks has no raw timestamps; the details keep the verifier's own words.
        String mainTexts = checks.replaceAll("(?s)<details.*?</details>", "");
        assertThat(mainTexts).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}");
        assertThat(checks).contains("<details class=\"check-detail\">");
    }

    @Test
    void theRecipientCheckIsOfferedProminentlyWhenNoAddressWasGiven() {
        String forged = forgedCredential();
        WebSession web = new WebSession(baseUrl());
        String page = web.submit("/verify", "/verify", "credential", forged).body();
        assertThat(page).contains("id=\"recipient-check\"").contains("Is it the right person's badge?")
                .contains("name=\"recipient\"");
        assertThat(page.indexOf("recipient-check")).as("offered above the checks").isLessThan(page.indexOf("checks-heading"));
        String empty = web.get("/verify").body();
        assertThat(empty.indexOf("Whose badge is it?")).as("the address comes first in the form").isLessThan(empty.indexOf("<legend>Paste it</legend>"));
    }

    @Test
    void theApiKeepsItsCodesAndAddsPlainExplanations() {
        String forged = forgedCredential();
        Api.Response response = api().post("/api/v1/verify", forged.getBytes(StandardCharsets.UTF_8), "application/vc+ld+json");
        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.get("verified").asBoolean()).isFalse();
        assertThat(json.get("claimsVerified").asBoolean()).isFalse();
        assertThat(json.get("summary").asText()).startsWith("Not verified");
        assertThat(json.get("explanation").asText()).startsWith("The signature does not match");
        JsonNode proof = null;
        for (JsonNode c : json.get("checks")) if (c.get("check").asText().equals("proof")) proof = c;
        assertThat(proof).isNotNull();
        assertThat(proof.get("code").asText()).isEqualTo("INVALID_SIGNATURE");
        assertThat(proof.get("message").asText()).isNotBlank();
        assertThat(proof.get("explanation").asText()).startsWith("The signature does not match");
    }
}
