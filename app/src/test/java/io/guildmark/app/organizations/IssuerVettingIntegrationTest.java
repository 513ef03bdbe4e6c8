package io.guildmark.app.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.accounts.User;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The operator vets organizations: the approval API and page, and what they refuse. */
class IssuerVettingIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "vetting password 123";

    @Autowired Accounts accounts;
    @Autowired Organizations organizations;
    @Autowired IssuerApprovals approvals;

    private String pending;

    @BeforeEach
    void anOrganizationAPersonCreated() {
        pending = personCreates("pending");
    }

    private String personCreates(String stem) {
        User founder = accounts.createVerified("Founder", EmailAddress.of(Fixtures.uniqueEmail("founder")), PASSWORD, false);
        return organizations.create(new Actor.Person(founder.id(), founder.email(), false), Fixtures.uniqueSlug(stem),
                new Organizations.Profile("Guild of " + stem, null, null, null)).slug();
    }

    private String state(String slug) {
        return db.sql("select approval_state from organizations where slug = ?").param(slug).query(String.class).single();
    }

    private Api.Response decide(Api caller, String slug, Object body) {
        return caller.post("/api/v1/admin/organizations/" + slug + "/approval", body);
    }

    @Test
    void aNewOrganizationWaitsAndTheOperatorsDecisionIsRecordedWithItsNote() {
        assertThat(state(pending)).isEqualTo("pending");

        JsonNode decided = decide(admin(), pending, Map.of("decision", "reject", "note", "Not the association it names.")).json();

        assertThat(decided.get("state").asText()).isEqualTo("rejected");
        assertThat(decided.get("note").asText()).isEqualTo("Not the association it names.");
        assertThat(decided.get("decidedAt").asText()).isNotBlank();
        assertThat(state(pending)).isEqualTo("rejected");
    }

    @Test
    void anUnknownOrganizationIs404() {
        Api.Response response = decide(admin(), "no-such-organization", Map.of("decision", "approve"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void withoutTheAdminTokenNothingChanges() {
        String orgKey = Fixtures.createApiKey(admin(), pending);

        assertThat(decide(api(), pending, Map.of("decision", "approve")).status()).isEqualTo(401);
        assertThat(decide(api().withToken("wrong-token"), pending, Map.of("decision", "approve")).status()).isEqualTo(401);
        Api.Response ownKey = decide(api().withToken(orgKey), pending, Map.of("decision", "approve"));
        assertThat(ownKey.status()).isEqualTo(403);
        assertThat(api().withToken(orgKey).get("/api/v1/admin/organizations?state=pending").status()).isEqualTo(403);
        assertThat(api().get("/api/v1/admin/organizations").status()).isEqualTo(401);

        assertThat(state(pending)).isEqualTo("pending");
    }

    @Test
    void anInvalidDecisionOrAnOverlongNoteIs400AndNothingChanges() {
        for (Object body : List.of(Map.of("decision", "promote"), Map.of("note", "no decision"), Map.of(),
                Map.of("decision", "approve", "note", "x".repeat(1001)))) {
            Api.Response response = decide(admin(), pending, body);
            assertThat(response.status()).as(body.toString()).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(decide(admin(), pending, "not an object").status()).isBetween(400, 415);
        assertThat(state(pending)).isEqualTo("pending");
    }

    @Test
    void pendingOrganizationsArePagedWithACursor() {
        List<String> mine = List.of(pending, personCreates("paged"), personCreates("paged"));
        List<String> seen = new ArrayList<>();
        String next = "/api/v1/admin/organizations?state=pending&limit=2";
        int pages = 0;
        while (next != null && pages++ < 1000) {
            JsonNode page = admin().get(next.replace(baseUrl(), "")).json();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
            page.get("items").forEach(i -> {
                assertThat(i.get("state").asText()).isEqualTo("pending");
                seen.add(i.get("slug").asText());
            });
            next = page.hasNonNull("next") ? page.get("next").asText() : null;
        }
        assertThat(seen).containsAll(mine).doesNotHaveDuplicates();

        Api.Response badCursor = admin().get("/api/v1/admin/organizations?state=pending&cursor=bm90LWEtY3Vyc29y");
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.json().get("code").asText()).isEqualTo("cursor-invalid");
        assertThat(admin().get("/api/v1/admin/organizations?state=dormant").status()).isEqualTo(400);
        assertThat(admin().get("/api/v1/admin/organizations?limit=0").status()).isEqualTo(400);
    }

    @Test
    void theOperatorPageIsForOperatorsOnlyAndDecidesThere() {
        User someone = accounts.createVerified("Someone", EmailAddress.of(Fixtures.uniqueEmail("someone")), PASSWORD, false);
        WebSession them = new WebSession(baseUrl());
        them.signIn(someone.email(), PASSWORD);
        assertThat(them.get("/admin/organizations").status()).isEqualTo(403);

        User operator = accounts.createVerified("Olga Operator", EmailAddress.of(Fixtures.uniqueEmail("operator")), PASSWORD, true);
        WebSession op = new WebSession(baseUrl());
        op.signIn(operator.email(), PASSWORD);
        assertThat(op.get("/admin/organizations?state=pending").body()).contains(pending);
        assertThat(op.get("/dashboard").body()).contains("href=\"/admin/organizations\"");
        assertThat(them.get("/dashboard").body()).doesNotContain("href=\"/admin/organizations\"");

        WebSession.Page decided = op.submit("/admin/organizations?state=pending", "/admin/organizations/" + pending + "/approval",
                "decision", "approve", "note", "Called their office.", "returnTo", "pending");

        assertThat(decided.body()).contains("is now approved");
        assertThat(state(pending)).isEqualTo("approved");
        assertThat(db.sql("select approval_decided_by from organizations where slug = ?").param(pending).query(String.class).single())
                .isEqualTo(operator.email());
        WebSession.Page refused = them.submit("/dashboard", "/admin/organizations/" + pending + "/approval", "decision", "reject");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(state(pending)).isEqualTo("approved");
    }

    @Test
    void operatorsListedInTheSettingsAreRecognisedByTheirAddress() {
        OperatorSettings settings = new OperatorSettings(List.of(" Ops@Example.org ", ""));

        assertThat(settings.isOperator("ops@example.org")).isTrue();
        assertThat(settings.isOperator("OPS@example.org")).isTrue();
        assertThat(settings.isOperator("someone@example.org")).isFalse();
    }
}
