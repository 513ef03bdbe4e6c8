package io.guildmark.app.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WellKnownDidConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Domain control by DIF Well Known DID Configuration, end to end: the application itself plays the organization's
 * website ({@link WellKnownDidConfiguration} at {@code 127.0.0.1:<port>}, fetched over plain http as the tests allow).
 */
class DomainControlIntegrationTest extends IntegrationTest {

    @Autowired IssuerDomains domains;

    private String slug;
    private String domain;

    @BeforeEach
    void anApprovedOrganization() {
        slug = Fixtures.createOrganization(admin(), "domains");
        domain = "127.0.0.1:" + port;
    }

    @AfterEach
    void takeTheFileDown() {
        WellKnownDidConfiguration.withdraw();
    }

    private String download(String forSlug) {
        Api.Response file = admin().get("/api/v1/organizations/" + forSlug + "/domain/did-configuration.json?domain=" + domain);
        assertThat(file.status()).as(file.body()).isEqualTo(200);
        assertThat(file.header("Content-Disposition")).contains("did-configuration.json");
        return file.body();
    }

    private Api.Response check(String forSlug) {
        return admin().post("/api/v1/organizations/" + forSlug + "/domain/check", Map.of("domain", domain));
    }

    private long domainRows() {
        return count("issuer_domains");
    }

    @Test
    void aPublishedDomainLinkageCredentialProvesTheDomainAndVerifiersSaySo() {
        String file = download(slug);
        assertThat(file).contains("https://identity.foundation/.well-known/did-configuration/v1").contains("linked_dids");
        WellKnownDidConfiguration.publish(file);

        Api.Response checked = check(slug);

        assertThat(checked.status()).as(checked.body()).isEqualTo(200);
        assertThat(checked.json().get("verified").asBoolean()).isTrue();
        assertThat(checked.json().get("domain").asText()).isEqualTo(domain);
        assertThat(admin().get("/api/v1/organizations/" + slug + "/domain").json().get("checkedAt").asText()).isNotBlank();
        assertThat(api().get("/issuers/" + slug + "/did.json").body()).contains("LinkedDomains").contains("http://" + domain);

        String key = Fixtures.createApiKey(admin(), slug);
        Api org = api().withToken(key);
        String achievement = Catalog.publishedMicroCredential(org, slug, "Inspect a bridge");
        Api.Response awarded = org.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievement,
                "recipient", Map.of("email", Fixtures.uniqueEmail("holder"), "name", "Hana Holder")));
        String path = URI.create(awarded.json().get("credentialUrl").asText()).getPath();
        JsonNode report = api().post("/api/v1/verify", api().get(path, "application/vc+ld+json").body().getBytes(StandardCharsets.UTF_8),
                "application/vc+ld+json").json();
        assertThat(report.get("issuer").get("approved").asBoolean()).isTrue();
        assertThat(report.get("issuer").get("verifiedDomain").asText()).isEqualTo(domain);
        assertThat(report.get("issuer").get("standing").asText()).isEqualTo("Approved by this platform; controls " + domain);
    }

    @Test
    void theDailyRecheckDropsADomainWhoseFileIsGone() {
        WellKnownDidConfiguration.publish(download(slug));
        assertThat(check(slug).status()).isEqualTo(200);

        WellKnownDidConfiguration.withdraw();
        domains.recheckAll();

        JsonNode state = admin().get("/api/v1/organizations/" + slug + "/domain").json();
        assertThat(state.get("verified").asBoolean()).isFalse();
        assertThat(state.get("failure").asText()).contains("no file");
        assertThat(api().get("/issuers/" + slug + "/did.json").body()).doesNotContain("LinkedDomains");
    }

    @Test
    void aFileOfAnotherOrganizationDoesNotProveThisOnesDomainAndNothingIsRecorded() {
        String other = Fixtures.createOrganization(admin(), "impostor");
        WellKnownDidConfiguration.publish(download(other));
        long before = domainRows();

        Api.Response refused = check(slug);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asText()).isEqualTo("domain-not-verified");
        assertThat(refused.json().get("detail").asText()).contains("No credential in the file is about");
        assertThat(domainRows()).isEqualTo(before);
        assertThat(admin().get("/api/v1/organizations/" + slug + "/domain").status()).isEqualTo(404);
    }

    @Test
    void aMissingOrMalformedFileIsRefusedWithTheReason() {
        long before = domainRows();
        Api.Response missing = check(slug);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("detail").asText()).contains("no file");

        for (String bad : List.of("not json at all", "[]", "{\"linked_dids\": []}",
                "{\"@context\": \"https://identity.foundation/.well-known/did-configuration/v1\", \"linked_dids\": [\"a.b.c\", 42]}")) {
            WellKnownDidConfiguration.publish(bad);
            Api.Response refused = check(slug);
            assertThat(refused.status()).as(bad).isEqualTo(422);
            assertThat(refused.json().get("code").asText()).isEqualTo("domain-not-verified");
        }
        assertThat(domainRows()).isEqualTo(before);
    }

    @Test
    void aDomainThatIsNotADomainIs400() {
        for (String bad : List.of("", "https://example.org/path", "someone@example.org", "exa mple.org")) {
            Api.Response refused = admin().post("/api/v1/organizations/" + slug + "/domain/check", Map.of("domain", bad));
            assertThat(refused.status()).as(bad).isEqualTo(400);
        }
        assertThat(admin().get("/api/v1/organizations/" + slug + "/domain/did-configuration.json").status()).isEqualTo(400);
    }

    @Test
    void anotherOrganizationsKeyCannotReadOrCheckThisDomain() {
        String other = Fixtures.createOrganization(admin(), "nosy");
        Api nosy = api().withToken(Fixtures.createApiKey(admin(), other));

        assertThat(nosy.get("/api/v1/organizations/" + slug + "/domain").status()).isEqualTo(404);
        assertThat(nosy.get("/api/v1/organizations/" + slug + "/domain/did-configuration.json?domain=" + domain).status()).isEqualTo(404);
        assertThat(nosy.post("/api/v1/organizations/" + slug + "/domain/check", Map.of("domain", domain)).status()).isEqualTo(404);
    }
}
