package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Finding: "Anyone can present as a known issuer." Any signed-in user could create an organization named "Stanford
 * University" and issue a master's degree, and our verifier (and independent ones) answered "verified, issued by
 * Stanford University"; nothing told a hiring manager which issuers the platform had checked. Now an organization a
 * person creates cannot sign credentials until the platform's operator approves it (403 {@code issuer-not-approved},
 * nothing written), it stays out of the public directory and catalog meanwhile, and the verifier reports the issuer's
 * standing in words: "approved by this platform", the domain it proved it controls, or "not checked by this platform".
 */
class UnapprovedOrganizationCannotIssueIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "a long enough password";

    @Autowired Accounts accounts;
    @Autowired org.springframework.context.ApplicationContext context;

    private String slug;
    private WebSession stranger;
    private Api key;
    private String achievementId;

    @BeforeEach
    void aStrangerCreatesAnOrganizationNamedLikeAUniversity() {
        String email = Fixtures.uniqueEmail("stranger");
        accounts.createVerified("Sam Stranger", EmailAddress.of(email), PASSWORD, false);
        stranger = new WebSession(baseUrl());
        stranger.signIn(email, PASSWORD);
        slug = Fixtures.uniqueSlug("stanford");
        WebSession.Page created = stranger.submit("/organizations/new", "/organizations/new", "slug", slug,
                "name", "Stanford University", "website", "https://stanford.edu", "email", "", "description", "");
        assertThat(created.uri().getPath()).isEqualTo("/organizations/" + slug);
        key = api().withToken(Fixtures.createApiKey(admin(), slug));
        achievementId = Catalog.publishedMicroCredential(key, slug, "Master of Science in Computer Science");
    }

    private Api.Response awardByApi() {
        return key.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", achievementId,
                "recipient", Map.of("email", Fixtures.uniqueEmail("graduate"), "name", "Gary Graduate")));
    }

    private long awards() {
        return db.sql("select count(*) from awards a join organizations o on o.id = a.organization_id where o.slug = ?")
                .param(slug).query(Long.class).single();
    }

    private long statusLists() {
        return db.sql("select count(*) from status_lists s join organizations o on o.id = s.organization_id where o.slug = ?")
                .param(slug).query(Long.class).single();
    }

    @Test
    void anOrganizationCreatedByASignedInPersonCannotIssueThroughTheApiAndNothingIsWritten() {
        long statusListsBefore = statusLists();

        Api.Response refused = awardByApi();

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asText()).isEqualTo("issuer-not-approved");
        assertThat(refused.json().get("detail").asText()).contains("awaiting approval by the platform operator");
        assertThat(awards()).isZero();
        assertThat(statusLists()).as("no status list entry was taken").isEqualTo(statusListsBefore);
    }

    @Test
    void itsStaffSeeWhyAndCannotIssueThroughThePagesEither() {
        assertThat(stranger.get("/organizations/" + slug).body()).contains("awaiting approval by the platform operator");
        String awardsPage = stranger.get("/organizations/" + slug + "/awards").body();
        assertThat(awardsPage).contains("id=\"issue-blocked\"").contains("awaiting approval by the platform operator")
                .doesNotContain("<button type=\"submit\">Award and e-mail the recipient")
                .doesNotContain("Publish a micro-credential first");

        WebSession.Page refused = stranger.submit("/organizations/" + slug + "/awards", "/organizations/" + slug + "/awards",
                "achievementId", achievementId, "name", "Gary Graduate", "email", Fixtures.uniqueEmail("graduate"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("awaiting approval by the platform operator");
        assertThat(awards()).isZero();
    }

    @Test
    void itStaysOutOfThePublicDirectoryAndCatalogUntilApproved() {
        assertThat(api().get("/api/v1/catalog?organization=" + slug).json().get("items")).isEmpty();
        assertThat(api().get("/").body()).doesNotContain("/issuers/" + slug + "\"");

        Fixtures.approve(admin(), slug);

        assertThat(api().get("/api/v1/catalog?organization=" + slug).json().get("items")).hasSize(1);
    }

    @Test
    void onceTheOperatorApprovesItIssuesAndTheVerifierSaysTheIssuerIsApprovedByThisPlatform() {
        Api.Response approval = admin().post("/api/v1/admin/organizations/" + slug + "/approval",
                Map.of("decision", "approve", "note", "Checked with the registrar by telephone."));
        assertThat(approval.status()).isEqualTo(200);
        assertThat(approval.json().get("state").asText()).isEqualTo("approved");
        assertThat(approval.json().get("decidedBy").asText()).isEqualTo("operator (admin token)");

        Api.Response awarded = awardByApi();
        assertThat(awarded.status()).as(awarded.body()).isEqualTo(201);
        String path = java.net.URI.create(awarded.json().get("credentialUrl").asText()).getPath();
        String credential = api().get(path, "application/vc+ld+json").body();

        JsonNode report = api().post("/api/v1/verify", credential.getBytes(StandardCharsets.UTF_8), "application/vc+ld+json").json();
        assertThat(report.get("verified").asBoolean()).isTrue();
        assertThat(report.get("issuer").get("name").asText()).isEqualTo("Stanford University");
        assertThat(report.get("issuer").get("approved").asBoolean()).isTrue();
        assertThat(report.get("issuer").get("standing").asText()).isEqualTo("Approved by this platform");
        // The badge page is the holder's to show: accepted and made public first.
        io.guildmark.app.support.Holders.acceptAndMakePublic(context, java.util.UUID.fromString(awarded.json().get("id").asText()));
        assertThat(api().get(path).body()).contains("Issuer standing: Approved by this platform");
        assertThat(api().get("/verify?url=" + java.net.URLEncoder.encode(baseUrl() + path, StandardCharsets.UTF_8)).body())
                .contains("id=\"issuer-standing\"").contains("Approved by this platform");
    }

    @Test
    void aSuspendedOrganizationStopsIssuingButItsRevocationsStillWork() {
        Fixtures.approve(admin(), slug);
        Api.Response awarded = awardByApi();
        assertThat(awarded.status()).isEqualTo(201);
        String awardId = awarded.json().get("id").asText();

        assertThat(admin().post("/api/v1/admin/organizations/" + slug + "/approval", Map.of("decision", "suspend", "note", "Complaint"))
                .json().get("state").asText()).isEqualTo("suspended");

        assertThat(awardByApi().json().get("code").asText()).isEqualTo("issuer-not-approved");
        Api.Response revoked = key.post("/api/v1/awards/" + awardId + "/revoke", Map.of("reason", "Issued in error"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    }

    @Test
    void organizationsTheOperatorCreatesAreApprovedFromTheStart() {
        String operators = Fixtures.createOrganization(admin(), "operators");

        assertThat(slugsIn("approved")).contains(operators).doesNotContain(slug);
        assertThat(slugsIn("pending")).contains(slug).doesNotContain(operators);
    }

    /** Every organization in that state, page after page (the suite's shared database holds many). */
    private List<String> slugsIn(String state) {
        List<String> slugs = new java.util.ArrayList<>();
        String path = "/api/v1/admin/organizations?state=" + state + "&limit=200";
        while (path != null) {
            JsonNode page = admin().get(path).json();
            page.get("items").forEach(i -> slugs.add(i.get("slug").asText()));
            JsonNode cursor = page.get("nextCursor");
            path = cursor == null || cursor.isNull() ? null
                    : "/api/v1/admin/organizations?state=" + state + "&limit=200&cursor=" + java.net.URLEncoder.encode(cursor.asText(), java.nio.charset.StandardCharsets.UTF_8);
        }
        return slugs;
    }

    @Test
    void aCredentialOfAnUnvettedIssuerElsewhereReadsNotCheckedByThisPlatform() {
        // The verifier's words for any issuer it has not checked, here one whose DID is not this platform's.
        JsonNode report = api().post("/api/v1/verify", "{\"issuer\": {\"id\": \"did:web:stanford.example\", \"name\": \"Stanford University\"}}"
                .getBytes(StandardCharsets.UTF_8), "application/json").json();

        assertThat(report.get("verified").asBoolean()).isFalse();
        assertThat(report.get("issuer").get("approved").asBoolean()).isFalse();
        assertThat(report.get("issuer").get("standing").asText()).isEqualTo("Not checked by this platform");
    }
}
