package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.accounts.User;
import io.guildmark.app.organizations.Members;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.Catalog;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * "Every endpoint checks who may do what in which organization, and one organization never sees another's data."
 * Two associations, A and B, each with staff in every role, an API key, a draft, a published micro-credential and an
 * award. A's key and A's owner walk every organization-scoped endpoint of B (and B's ids under A's own slug); each is
 * refused, says nothing of B, and changes nothing. Then roles inside A, the signed-out visitor, CSRF, public pages,
 * and bad input of every kind: never a 500, never a half-written record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "tenant password 123";

    @Autowired Accounts accounts;
    @Autowired Organizations organizations;
    @Autowired Members members;
    @Autowired org.springframework.context.ApplicationContext context;

    /** One organization's people and things. */
    record Tenant(String slug, UUID id, User owner, User designer, User issuer, User reviewer, String key, UUID keyId,
            String keyPrefix, String draftId, String draftName, String publishedId, String publishedName, String awardId,
            String recipientName, String recipientEmail, UUID invitationId, String invitationEmail, UUID signingKeyId) {

        /** Everything of this organization that an outsider must never read. */
        List<String> secrets() {
            return List.of(owner.name(), owner.email(), designer.name(), designer.email(), issuer.name(), issuer.email(),
                    reviewer.email(), keyPrefix, draftName, recipientName, recipientEmail, invitationEmail);
        }
    }

    private Tenant a;
    private Tenant b;

    @BeforeAll
    void twoAssociationsWithStaffKeysDraftsAndAwards() {
        a = tenant("alpha");
        b = tenant("beta");
    }

    private Tenant tenant(String stem) {
        String slug = Fixtures.createOrganization(admin(), stem);
        UUID orgId = organizations.findBySlug(slug).orElseThrow().id();
        String label = Character.toUpperCase(stem.charAt(0)) + stem.substring(1) + " " + slug.substring(slug.indexOf('-') + 1);
        User owner = staff(orgId, label + " Owner", Role.OWNER);
        User designer = staff(orgId, label + " Designer", Role.DESIGNER);
        User issuer = staff(orgId, label + " Issuer", Role.ISSUER);
        User reviewer = staff(orgId, label + " Reviewer", Role.REVIEWER);
        Api.Response createdKey = admin().post("/api/v1/organizations/" + slug + "/api-keys", Map.of("name", label + " integration"));
        assertThat(createdKey.status()).isEqualTo(201);
        String key = createdKey.json().get("key").asText();
        Api keyed = api().withToken(key);
        String draftName = label + " Secret Draft";
        Api.Response draft = keyed.post("/api/v1/organizations/" + slug + "/achievements", Map.of("name", draftName,
                "description", "Not ready for anyone outside " + label + ".", "achievementType", "MicroCredential",
                "criteria", Map.of("narrative", "Do the secret thing well.")));
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        String draftId = draft.json().get("id").asText();
        assertThat(keyed.put("/api/v1/organizations/" + slug + "/achievements/" + draftId + "/image", png(), "image/png").status()).isEqualTo(200);
        String publishedName = label + " Published Skill";
        String publishedId = Catalog.publishedMicroCredential(keyed, slug, publishedName);
        String recipientName = label + " Recipient";
        String recipientEmail = Fixtures.uniqueEmail(stem + "-recipient");
        Api.Response award = keyed.post("/api/v1/organizations/" + slug + "/awards", Map.of("achievementId", publishedId,
                "recipient", Map.of("email", recipientEmail, "name", recipientName)));
        assertThat(award.status()).as(award.body()).isEqualTo(201);
        String invitationEmail = Fixtures.uniqueEmail(stem + "-invitee");
        Api.Response invitation = admin().post("/api/v1/organizations/" + slug + "/invitations", Map.of("email", invitationEmail, "role", "reviewer"));
        assertThat(invitation.status()).as(invitation.body()).isEqualTo(201);
        UUID signingKey = db.sql("select id from issuer_keys where organization_id = ? and retired_at is null order by created_at limit 1")
                .param(orgId).query(UUID.class).single();
        return new Tenant(slug, orgId, owner, designer, issuer, reviewer, key, UUID.fromString(createdKey.json().get("id").asText()),
                createdKey.json().get("prefix").asText(), draftId, draftName, publishedId, publishedName,
                award.json().get("id").asText(), recipientName, recipientEmail, UUID.fromString(invitation.json().get("id").asText()),
                invitationEmail, signingKey);
    }

    private User staff(UUID orgId, String name, Role role) {
        User user = accounts.createVerified(name, EmailAddress.of(Fixtures.uniqueEmail(role.id())), PASSWORD, false);
        members.add(orgId, user.id(), role);
        return user;
    }

    // ---- A's API key against B ----------------------------------------------------------------------------------

    @Test
    void anotherOrganizationsApiKeyIsTurnedAwayFromEveryEndpointOfBAndLearnsNothing() {
        Api intruder = api().withToken(a.key());
        String org = "/api/v1/organizations/" + b.slug();
        String ach = org + "/achievements";
        Map<String, Object> definition = Map.of("name", "Hijacked", "description", "Hijacked", "achievementType", "Badge",
                "criteria", Map.of("narrative", "Hijacked"));
        Map<String, Object> awardBody = Map.of("achievementId", b.publishedId(), "recipient", Map.of("email", "spy@example.org", "name", "Spy"));
        String before = snapshot(b);
        List<Api.Response> responses = new ArrayList<>();
        responses.add(expect(404, "GET org", intruder.get(org)));
        responses.add(expect(404, "PATCH org", intruder.patch(org, Map.of("name", "Hijacked", "revocationMethod", "1EdTechRevocationList"))));
        responses.add(expect(404, "PUT logo", intruder.put(org + "/logo", png(), "image/png")));
        responses.add(expect(404, "POST api-keys", intruder.post(org + "/api-keys", Map.of("name", "mine now"))));
        responses.add(expect(404, "GET api-keys", intruder.get(org + "/api-keys")));
        responses.add(expect(404, "POST webhooks", intruder.post(org + "/webhooks", Map.of("url", "https://spy.example.org/", "eventTypes", List.of("award.issued")))));
        responses.add(expect(404, "GET webhooks", intruder.get(org + "/webhooks")));
        responses.add(expect(404, "DELETE api-key", intruder.delete(org + "/api-keys/" + b.keyId())));
        responses.add(expect(404, "GET members", intruder.get(org + "/members")));
        responses.add(expect(404, "PUT roles", intruder.put(org + "/members/" + b.owner().id() + "/roles", Map.of("roles", List.of("reviewer")))));
        responses.add(expect(404, "DELETE member", intruder.delete(org + "/members/" + b.owner().id())));
        responses.add(expect(404, "POST invitation", intruder.post(org + "/invitations", Map.of("email", "spy@example.org", "role", "admin"))));
        responses.add(expect(404, "POST achievement", intruder.post(ach, definition)));
        responses.add(expect(404, "GET achievements", intruder.get(ach)));
        responses.add(expect(404, "GET draft", intruder.get(ach + "/" + b.draftId())));
        responses.add(expect(404, "PUT draft", intruder.put(ach + "/" + b.draftId(), definition)));
        responses.add(expect(404, "PATCH draft", intruder.patch(ach + "/" + b.draftId(), definition)));
        responses.add(expect(404, "DELETE draft", intruder.delete(ach + "/" + b.draftId())));
        responses.add(expect(404, "publish draft", intruder.post(ach + "/" + b.draftId() + "/publish", Map.of())));
        responses.add(expect(404, "retire published", intruder.post(ach + "/" + b.publishedId() + "/retire", Map.of())));
        responses.add(expect(404, "PUT image", intruder.put(ach + "/" + b.draftId() + "/image", png(), "image/png")));
        responses.add(expect(404, "GET image", intruder.get(ach + "/" + b.draftId() + "/image")));
        responses.add(expect(404, "draft versions", intruder.get(ach + "/" + b.draftId() + "/versions")));
        responses.add(expect(404, "published versions", intruder.get(ach + "/" + b.publishedId() + "/versions")));
        responses.add(expect(404, "published version 1", intruder.get(ach + "/" + b.publishedId() + "/versions/1")));
        responses.add(expect(404, "export json", intruder.get(ach + "/export")));
        responses.add(expect(404, "export csv", intruder.get(ach + "/export?format=csv")));
        responses.add(expect(404, "import", intruder.post(ach + "/import", "[{\"name\":\"Hijacked\"}]".getBytes(StandardCharsets.UTF_8), "application/json")));
        responses.add(expect(404, "POST award", intruder.post(org + "/awards", awardBody)));
        responses.add(expect(404, "GET awards", intruder.get(org + "/awards")));
        responses.add(expect(404, "GET awards filtered", intruder.get(org + "/awards?state=active&sort=name&limit=200")));
        responses.add(expect(404, "GET enrollments", intruder.get(org + "/enrollments")));
        responses.add(expect(404, "GET submissions", intruder.get(org + "/submissions")));
        responses.add(expect(404, "GET completions", intruder.get(org + "/completions")));
        responses.add(expect(404, "POST award job", intruder.post(org + "/award-jobs", ("email,name,micro_credential\nspy@example.org,Spy,"
                + b.publishedId() + "\n").getBytes(StandardCharsets.UTF_8), "text/csv")));
        responses.add(expect(404, "GET award jobs", intruder.get(org + "/award-jobs")));
        responses.add(expect(404, "GET award", intruder.get("/api/v1/awards/" + b.awardId())));
        responses.add(expect(404, "revoke award", intruder.post("/api/v1/awards/" + b.awardId() + "/revoke", Map.of("reason", "spite"))));
        responses.add(expect(404, "GET audit", intruder.get(org + "/audit")));
        responses.add(expect(404, "export audit", intruder.get(org + "/audit/export")));
        responses.add(expect(404, "verify audit", intruder.get(org + "/audit/verify")));
        responses.add(expect(404, "verify platform audit", intruder.get("/api/v1/admin/audit/verify")));
        // B's ids under A's own slug: the id must belong to the organization in the path.
        String own = "/api/v1/organizations/" + a.slug() + "/achievements/";
        responses.add(expect(404, "own slug GET draft", intruder.get(own + b.draftId())));
        responses.add(expect(404, "own slug PUT draft", intruder.put(own + b.draftId(), definition)));
        responses.add(expect(404, "own slug DELETE draft", intruder.delete(own + b.draftId())));
        responses.add(expect(404, "own slug publish", intruder.post(own + b.draftId() + "/publish", Map.of())));
        responses.add(expect(404, "own slug retire", intruder.post(own + b.publishedId() + "/retire", Map.of())));
        responses.add(expect(404, "own slug GET image", intruder.get(own + b.draftId() + "/image")));
        responses.add(expect(404, "own slug PUT image", intruder.put(own + b.draftId() + "/image", png(), "image/png")));
        responses.add(expect(404, "own slug versions", intruder.get(own + b.publishedId() + "/versions")));
        responses.add(expect(400, "own slug award of B's micro-credential", intruder.post("/api/v1/organizations/" + a.slug() + "/awards", awardBody)));
        responses.add(expect(403, "own slug revoke B's key", intruder.delete("/api/v1/organizations/" + a.slug() + "/api-keys/" + b.keyId())));
        assertNoSecretsOf(b, responses.stream().map(Api.Response::body).toList());
        assertThat(snapshot(b)).isEqualTo(before);
    }

    @Test
    void anOutsiderCannotTellAnOrganizationThatExistsFromOneThatDoesNot() {
        Api intruder = api().withToken(a.key());
        Browser person = signedIn(a.owner());
        for (String path : List.of("", "/members", "/api-keys", "/achievements", "/awards", "/enrollments", "/submissions", "/completions",
                "/imports", "/external-credits", "/renewals", "/clr-transcripts")) {
            Api.Response existing = intruder.get("/api/v1/organizations/" + b.slug() + path);
            Api.Response missing = intruder.get("/api/v1/organizations/no-such-" + b.slug() + path);
            assertThat(existing.status()).as(path).isEqualTo(missing.status()).isEqualTo(404);
            assertThat(withoutInstance(existing.body())).as(path).isEqualTo(withoutInstance(missing.body()));
        }
        for (String path : List.of("", "/settings", "/members", "/catalog", "/awards", "/keys", "/awards.csv", "/enrollments.csv",
                "/submissions.csv", "/completions.csv", "/imports", "/imports.csv", "/credits/external", "/credits/external.csv", "/renewals",
                "/renewals.csv", "/credits/transcripts", "/credits/transcripts.csv")) {
            Response existing = person.get("/organizations/" + b.slug() + path);
            Response missing = person.get("/organizations/no-such-" + b.slug() + path);
            assertThat(existing.status()).as(path).isEqualTo(missing.status()).isEqualTo(404);
            assertThat(withoutCsrf(existing.body())).as(path).isEqualTo(withoutCsrf(missing.body()));
        }
    }

    private static String withoutInstance(String problem) {
        return problem.replaceAll("\"instance\":\"[^\"]*\"", "");
    }

    private static String withoutCsrf(String page) {
        return page.replaceAll("content=\"[^\"]*\"", "").replaceAll("value=\"[^\"]*\"", "");
    }

    @Test
    void anApiKeyCannotManageTheMembersOrKeysOfItsOwnOrganization() {
        Api key = api().withToken(a.key());
        String org = "/api/v1/organizations/" + a.slug();
        String before = snapshot(a);
        expect(403, "list keys", key.get(org + "/api-keys"));
        expect(403, "mint key", key.post(org + "/api-keys", Map.of("name", "more")));
        expect(403, "revoke key", key.delete(org + "/api-keys/" + a.keyId()));
        // Reading who the members are is VIEW, which a key has (the overview page shows it to every member too).
        assertThat(key.get(org + "/members").status()).isEqualTo(200);
        expect(403, "set roles", key.put(org + "/members/" + a.designer().id() + "/roles", Map.of("roles", List.of("owner"))));
        expect(403, "remove member", key.delete(org + "/members/" + a.designer().id()));
        expect(403, "invite", key.post(org + "/invitations", Map.of("email", "friend@example.org", "role", "owner")));
        assertThat(snapshot(a)).isEqualTo(before);
    }

    // ---- A's owner against B, through the pages -----------------------------------------------------------------

    @Test
    void anotherOrganizationsOwnerIsTurnedAwayFromEveryPageOfBAndLearnsNothing() {
        Browser intruder = signedIn(a.owner());
        String org = "/organizations/" + b.slug();
        String before = snapshot(b);
        List<String> bodies = new ArrayList<>();
        for (String page : List.of("", "/settings", "/members", "/api-keys", "/catalog", "/catalog/new", "/catalog/" + b.draftId(),
                "/catalog/" + b.publishedId(), "/catalog/" + b.draftId() + "/image", "/catalog/export", "/catalog/export?format=csv",
                "/awards", "/award-jobs", "/keys", "/webhooks", "/audit", "/audit.csv", "/audit/verify")) {
            bodies.add(intruder.expect(404, "GET " + page, intruder.get(org + page)));
        }
        bodies.add(intruder.expect(404, "settings", intruder.post(org + "/settings", "name", "Hijacked")));
        bodies.add(intruder.expect(404, "logo", intruder.upload(org + "/logo", "logo", "logo.png", png(), "image/png")));
        for (String page : List.of("/certificate", "/email-templates", "/email-templates/award")) {
            bodies.add(intruder.expect(404, "GET " + page, intruder.get(org + page)));
        }
        bodies.add(intruder.expect(404, "certificate design", intruder.upload(org + "/certificate", "logo", "logo.png", png(), "image/png")));
        bodies.add(intruder.expect(404, "certificate preview", intruder.upload(org + "/certificate/preview", "logo", "logo.png", png(), "image/png")));
        bodies.add(intruder.expect(404, "e-mail template", intruder.post(org + "/email-templates/award", "subject", "Hijacked", "body", "x")));
        bodies.add(intruder.expect(404, "e-mail preview", intruder.post(org + "/email-templates/award/preview", "subject", "Hijacked", "body", "x")));
        bodies.add(intruder.expect(404, "e-mail reset", intruder.post(org + "/email-templates/award/reset")));
        bodies.add(intruder.expect(404, "revocation method", intruder.post(org + "/revocation-method", "method", "1EdTechRevocationList")));
        bodies.add(intruder.expect(404, "invite", intruder.post(org + "/invitations", "email", "spy@example.org", "role", "owner")));
        bodies.add(intruder.expect(404, "revoke invitation", intruder.post(org + "/invitations/" + b.invitationId() + "/revoke")));
        bodies.add(intruder.expect(404, "set roles", intruder.post(org + "/members/" + b.owner().id() + "/roles", "roles", "reviewer")));
        bodies.add(intruder.expect(404, "remove member", intruder.post(org + "/members/" + b.designer().id() + "/remove")));
        bodies.add(intruder.expect(404, "mint key", intruder.post(org + "/api-keys", "name", "mine now")));
        bodies.add(intruder.expect(404, "add webhook", intruder.post(org + "/webhooks", "url", "https://spy.example.org/", "eventTypes", "award.issued")));
        bodies.add(intruder.expect(404, "revoke key", intruder.post(org + "/api-keys/" + b.keyId() + "/revoke")));
        bodies.add(intruder.expect(404, "new draft", intruder.post(org + "/catalog/new", "name", "Hijacked", "description", "x",
                "achievementType", "Badge", "criteriaNarrative", "x")));
        bodies.add(intruder.expect(404, "save draft", intruder.post(org + "/catalog/" + b.draftId(), "name", "Hijacked")));
        bodies.add(intruder.expect(404, "publish draft", intruder.post(org + "/catalog/" + b.draftId() + "/publish")));
        bodies.add(intruder.expect(404, "retire", intruder.post(org + "/catalog/" + b.publishedId() + "/retire")));
        bodies.add(intruder.expect(404, "delete draft", intruder.post(org + "/catalog/" + b.draftId() + "/delete")));
        bodies.add(intruder.expect(404, "upload image", intruder.upload(org + "/catalog/" + b.draftId() + "/image", "image", "badge.png", png(), "image/png")));
        bodies.add(intruder.expect(404, "import", intruder.upload(org + "/catalog/import", "file", "catalog.json",
                "[{\"name\":\"Hijacked\"}]".getBytes(StandardCharsets.UTF_8), "application/json")));
        bodies.add(intruder.expect(404, "award", intruder.post(org + "/awards", "achievementId", b.publishedId(), "email", "spy@example.org", "name", "Spy")));
        bodies.add(intruder.expect(404, "revoke award", intruder.post(org + "/awards/" + b.awardId() + "/revoke", "reason", "spite")));
        bodies.add(intruder.expect(404, "rotate keys", intruder.post(org + "/keys/rotate")));
        bodies.add(intruder.expect(404, "retire key", intruder.post(org + "/keys/" + b.signingKeyId() + "/retire", "reason", "spite")));
        // B's ids under A's own slug.
        String own = "/organizations/" + a.slug();
        bodies.add(intruder.expect(404, "own slug draft", intruder.get(own + "/catalog/" + b.draftId())));
        bodies.add(intruder.expect(404, "own slug image", intruder.get(own + "/catalog/" + b.draftId() + "/image")));
        bodies.add(intruder.expect(404, "own slug save", intruder.post(own + "/catalog/" + b.draftId(), "name", "Hijacked")));
        bodies.add(intruder.expect(404, "own slug publish", intruder.post(own + "/catalog/" + b.draftId() + "/publish")));
        bodies.add(intruder.expect(404, "own slug retire", intruder.post(own + "/catalog/" + b.publishedId() + "/retire")));
        bodies.add(intruder.expect(404, "own slug delete", intruder.post(own + "/catalog/" + b.draftId() + "/delete")));
        bodies.add(intruder.expect(404, "own slug upload", intruder.upload(own + "/catalog/" + b.draftId() + "/image", "image", "b.png", png(), "image/png")));
        bodies.add(intruder.expect(404, "own slug revoke award", intruder.post(own + "/awards/" + b.awardId() + "/revoke", "reason", "spite")));
        bodies.add(intruder.expect(404, "own slug retire key", intruder.post(own + "/keys/" + b.signingKeyId() + "/retire", "reason", "spite")));
        bodies.add(intruder.expect(404, "own slug revoke api key", intruder.post(own + "/api-keys/" + b.keyId() + "/revoke")));
        bodies.add(intruder.expect(404, "own slug revoke invitation", intruder.post(own + "/invitations/" + b.invitationId() + "/revoke")));
        Response ownAward = intruder.post(own + "/awards", "achievementId", b.publishedId(), "email", "spy@example.org", "name", "Spy");
        assertThat(ownAward.status()).as("own slug award of B's micro-credential").isEqualTo(200);
        assertThat(ownAward.body()).contains("There is no published micro-credential with this id");
        bodies.add(ownAward.body());
        Response ownRoles = intruder.post(own + "/members/" + b.owner().id() + "/roles", "roles", "reviewer");
        assertThat(ownRoles.status()).as("own slug roles of B's owner").isIn(302, 404);
        Response ownRemove = intruder.post(own + "/members/" + b.owner().id() + "/remove");
        assertThat(ownRemove.status()).as("own slug removal of B's owner").isIn(302, 404);
        assertNoSecretsOf(b, bodies);
        assertThat(intruder.get("/dashboard").body()).contains(a.slug()).doesNotContain(b.slug());
        assertThat(snapshot(b)).isEqualTo(before);
        assertThat(organizations.rolesOf(b.id(), b.owner().id())).containsExactly(Role.OWNER);
    }

    // ---- Roles inside one organization --------------------------------------------------------------------------

    @Test
    void aDesignerCanDesignButCannotIssueOrRevoke() {
        Browser designer = signedIn(a.designer());
        String org = "/organizations/" + a.slug();
        String before = snapshot(a);
        assertThat(designer.get(org + "/catalog/" + a.draftId()).status()).isEqualTo(200);
        designer.expect(403, "award", designer.post(org + "/awards", "achievementId", a.publishedId(), "email", "x@example.org", "name", "X"));
        designer.expect(403, "revoke", designer.post(org + "/awards/" + a.awardId() + "/revoke", "reason", "no"));
        designer.expect(403, "members", designer.get(org + "/members"));
        designer.expect(403, "keys", designer.get(org + "/keys"));
        assertThat(snapshot(a)).isEqualTo(before);
    }

    @Test
    void anIssuerCanAwardButCannotPublishDesignOrManageMembers() {
        Browser issuer = signedIn(a.issuer());
        String org = "/organizations/" + a.slug();
        String before = snapshot(a);
        assertThat(issuer.get(org + "/awards").status()).isEqualTo(200);
        issuer.expect(403, "publish", issuer.post(org + "/catalog/" + a.draftId() + "/publish"));
        issuer.expect(403, "retire", issuer.post(org + "/catalog/" + a.publishedId() + "/retire"));
        issuer.expect(403, "save", issuer.post(org + "/catalog/" + a.draftId(), "name", "Changed"));
        issuer.expect(403, "new draft form", issuer.get(org + "/catalog/new"));
        issuer.expect(403, "members", issuer.get(org + "/members"));
        issuer.expect(403, "api keys", issuer.get(org + "/api-keys"));
        issuer.expect(403, "audit log", issuer.get(org + "/audit"));
        issuer.expect(403, "audit export", issuer.get(org + "/audit.csv"));
        issuer.expect(403, "settings", issuer.post(org + "/settings", "name", "Changed"));
        issuer.expect(403, "certificate design", issuer.get(org + "/certificate"));
        issuer.expect(403, "e-mail template", issuer.post(org + "/email-templates/award", "subject", "Changed", "body", "x"));
        issuer.expect(403, "revoke invitation", issuer.post(org + "/invitations/" + a.invitationId() + "/revoke"));
        // The invitation form answers a refusal on the members page (302 with the reason), and invites no one.
        assertThat(issuer.post(org + "/invitations", "email", "friend@example.org", "role", "admin").status()).isIn(302, 403);
        assertThat(issuer.post(org + "/members/" + a.issuer().id() + "/roles", "roles", "owner").status()).isIn(302, 403);
        assertThat(issuer.post(org + "/api-keys", "name", "mine").status()).isIn(302, 403);
        assertThat(snapshot(a)).isEqualTo(before);
        assertThat(organizations.rolesOf(a.id(), a.issuer().id())).containsExactly(Role.ISSUER);
    }

    @Test
    void aReviewerCanViewButNotChange() {
        Browser reviewer = signedIn(a.reviewer());
        String org = "/organizations/" + a.slug();
        String before = snapshot(a);
        assertThat(reviewer.get(org).status()).isEqualTo(200);
        assertThat(reviewer.get(org + "/catalog").body()).contains(a.draftName());
        assertThat(reviewer.get(org + "/catalog/" + a.draftId()).status()).isEqualTo(200);
        // Blind review stays blind: the Awards and Learners tabs, which name learners, are not a reviewer's.
        reviewer.expect(403, "awards", reviewer.get(org + "/awards"));
        reviewer.expect(403, "award jobs", reviewer.get(org + "/award-jobs"));
        reviewer.expect(403, "learners", reviewer.get(org + "/enrollments"));
        reviewer.expect(403, "webhooks", reviewer.get(org + "/webhooks"));
        reviewer.expect(403, "save", reviewer.post(org + "/catalog/" + a.draftId(), "name", "Changed"));
        reviewer.expect(403, "publish", reviewer.post(org + "/catalog/" + a.draftId() + "/publish"));
        reviewer.expect(403, "delete", reviewer.post(org + "/catalog/" + a.draftId() + "/delete"));
        reviewer.expect(403, "image", reviewer.upload(org + "/catalog/" + a.draftId() + "/image", "image", "b.png", png(), "image/png"));
        reviewer.expect(403, "import", reviewer.upload(org + "/catalog/import", "file", "c.json", "[]".getBytes(StandardCharsets.UTF_8), "application/json"));
        reviewer.expect(403, "award", reviewer.post(org + "/awards", "achievementId", a.publishedId(), "email", "x@example.org", "name", "X"));
        reviewer.expect(403, "revoke", reviewer.post(org + "/awards/" + a.awardId() + "/revoke", "reason", "no"));
        reviewer.expect(403, "logo", reviewer.upload(org + "/logo", "logo", "l.png", png(), "image/png"));
        reviewer.expect(403, "rotate", reviewer.post(org + "/keys/rotate"));
        reviewer.expect(403, "retire key", reviewer.post(org + "/keys/" + a.signingKeyId() + "/retire"));
        assertThat(snapshot(a)).isEqualTo(before);
    }

    // ---- Signed out, CSRF, cookies on the API -------------------------------------------------------------------

    @Test
    void aSignedOutVisitorIsSentToSignInOnPrivatePagesAndGets401ProblemJsonOnPrivateApiPaths() {
        Browser visitor = new Browser();
        for (String page : List.of("/dashboard", "/account", "/wallet", "/organizations/new", "/organizations/" + b.slug(),
                "/organizations/" + b.slug() + "/catalog/" + b.draftId(), "/organizations/" + b.slug() + "/awards")) {
            Response response = visitor.get(page);
            assertThat(response.status()).as(page).isEqualTo(302);
            assertThat(response.location()).as(page).endsWith("/signin");
        }
        for (String path : List.of("/api/v1/organizations/" + b.slug(), "/api/v1/organizations/" + b.slug() + "/achievements",
                "/api/v1/organizations/" + b.slug() + "/awards", "/api/v1/awards/" + b.awardId())) {
            Api.Response response = api().get(path);
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(response.json().get("status").asInt()).isEqualTo(401);
        }
        String before = snapshot(b);
        assertThat(api().post("/api/v1/awards/" + b.awardId() + "/revoke", Map.of("reason", "anonymous")).status()).isEqualTo(401);
        assertThat(visitor.postWithoutToken("/organizations/" + b.slug() + "/settings", "name", "Anonymous").status()).isIn(302, 403);
        assertThat(snapshot(b)).isEqualTo(before);
    }

    @Test
    void aPagePostWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        Browser owner = signedIn(b.owner());
        String before = snapshot(b);
        assertThat(owner.postWithoutToken("/organizations/" + b.slug() + "/settings", "name", "Forged").status()).isEqualTo(403);
        assertThat(owner.postWithoutToken("/organizations/" + b.slug() + "/awards/" + b.awardId() + "/revoke", "reason", "forged").status()).isEqualTo(403);
        assertThat(owner.postWithoutToken("/organizations/" + b.slug() + "/api-keys", "name", "forged").status()).isEqualTo(403);
        assertThat(owner.postWithoutToken("/organizations/" + b.slug() + "/keys/rotate").status()).isEqualTo(403);
        assertThat(snapshot(b)).isEqualTo(before);
        assertThat(owner.get("/organizations/" + b.slug() + "/settings").status()).isEqualTo(200);
    }

    @Test
    void theApiIgnoresSessionCookies() {
        Browser owner = signedIn(b.owner());
        assertThat(owner.get("/organizations/" + b.slug() + "/api-keys").status()).isEqualTo(200);
        String before = snapshot(b);
        Response read = owner.get("/api/v1/organizations/" + b.slug() + "/members");
        assertThat(read.status()).isEqualTo(401);
        assertThat(read.body()).doesNotContain(b.owner().email());
        assertThat(owner.postJson("/api/v1/organizations/" + b.slug() + "/api-keys", "{\"name\":\"cookie key\"}").status()).isEqualTo(401);
        assertThat(snapshot(b)).isEqualTo(before);
    }

    // ---- Public pages -------------------------------------------------------------------------------------------

    @Test
    void publicPagesShowPublishedWorkButNoDraftsOrEmailAddresses() {
        Api visitor = api();
        String catalog = visitor.get("/catalog").body();
        assertThat(catalog).contains(b.publishedName()).doesNotContain(b.draftName());
        // The search box echoes the query; no result may link to the draft.
        assertThat(visitor.get("/catalog?q=" + URLEncoder.encode(b.draftName(), StandardCharsets.UTF_8)).body()).doesNotContain(b.draftId());
        assertThat(visitor.get("/api/v1/catalog").body()).contains(b.publishedName()).doesNotContain(b.draftName());
        assertThat(visitor.get("/api/v1/catalog/" + b.draftId()).status()).isEqualTo(404);
        assertThat(visitor.get("/achievements/" + b.draftId()).status()).isEqualTo(404);
        assertThat(visitor.get("/achievements/" + b.draftId(), "application/ld+json").status()).isEqualTo(404);
        assertThat(visitor.get("/achievements/" + b.draftId() + "/versions/1").status()).isEqualTo(404);
        assertThat(visitor.get("/achievements/" + b.draftId() + "/versions/1/image").status()).isEqualTo(404);
        assertThat(visitor.get("/achievements/" + b.publishedId()).body()).contains(b.publishedName());

        Api.Response issuer = visitor.get("/issuers/" + b.slug(), "text/html");
        assertThat(issuer.status()).isEqualTo(200);
        assertThat(issuer.body()).doesNotContain(b.draftName());
        assertNoPeopleOf(b, issuer.body());
        Api.Response issuerJson = visitor.get("/issuers/" + b.slug(), "application/ld+json");
        assertThat(issuerJson.status()).isEqualTo(200);
        assertNoPeopleOf(b, issuerJson.body());

        // A pending badge is private: a visitor finds nothing until its recipient accepts it and makes it public.
        assertThat(visitor.get("/credentials/" + b.awardId(), "text/html").status()).isEqualTo(404);
        io.guildmark.app.support.Holders.acceptAndMakePublic(context, java.util.UUID.fromString(b.awardId()));
        Api.Response badge = visitor.get("/credentials/" + b.awardId(), "text/html");
        assertThat(badge.status()).isEqualTo(200);
        assertThat(badge.body()).contains(b.recipientName()).doesNotContain(b.recipientEmail());
        assertNoPeopleOf(b, badge.body());
        String credential = visitor.get("/credentials/" + b.awardId() + "/credential.json").body();
        assertThat(credential).doesNotContain(b.recipientEmail()).contains("\"hashed\":true").contains("sha256$");
        String jwt = visitor.get("/credentials/" + b.awardId() + "/credential.jwt").body();
        assertThat(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8)).doesNotContain(b.recipientEmail());
        assertThat(visitor.get("/credentials/" + b.awardId(), "application/ld+json").body()).doesNotContain(b.recipientEmail());
        assertThat(visitor.get("/credentials/" + b.awardId() + "/ob2").body()).doesNotContain(b.recipientEmail());
    }

    // ---- Bad input ----------------------------------------------------------------------------------------------

    @Test
    void badApiInputIsAClientErrorAndWritesNothing() {
        Api key = api().withToken(a.key());
        String org = "/api/v1/organizations/" + a.slug();
        String ach = org + "/achievements";
        String huge = "x".repeat(200_000);
        String before = snapshot(a);
        long achievements = countOfBothTenants("achievements");
        long awardCount = countOfBothTenants("awards");
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("huge name", "{\"name\":\"" + huge + "\",\"description\":\"d\",\"achievementType\":\"Badge\",\"criteria\":{\"narrative\":\"c\"}}");
        bodies.put("nulls", "{\"name\":null,\"description\":null,\"achievementType\":null,\"criteria\":null,\"alignments\":[null],\"tags\":[null],\"requirements\":[null]}");
        bodies.put("empty object", "{}");
        bodies.put("json null", "null");
        bodies.put("array", "[]");
        bodies.put("string", "\"name\"");
        bodies.put("not json", "name=x");
        bodies.put("wrong types", "{\"name\":5,\"description\":[],\"tags\":\"x\",\"creditHours\":\"many\",\"validityMonths\":\"ever\",\"criteria\":\"c\"}");
        bodies.put("unknown enum", "{\"name\":\"n\",\"description\":\"d\",\"achievementType\":\"Wizardry\",\"criteria\":{\"narrative\":\"c\"},"
                + "\"creditType\":\"bogus\",\"requirements\":[{\"kind\":\"bogus\",\"description\":\"d\"}],\"currency\":\"ZZZZ\"}");
        bodies.put("negative and overflowing numbers", "{\"name\":\"n\",\"description\":\"d\",\"achievementType\":\"Badge\",\"criteria\":{\"narrative\":\"c\"},"
                + "\"creditHours\":-1e309,\"validityMonths\":99999999999,\"memberPrice\":-5,\"nonMemberPrice\":1e400}");
        bodies.put("huge alignments", "{\"name\":\"n\",\"description\":\"d\",\"achievementType\":\"Badge\",\"criteria\":{\"narrative\":\"c\"},\"alignments\":["
                + "{\"targetName\":\"t\",\"targetUrl\":\"javascript:alert(1)\"},".repeat(500) + "{}]}");
        bodies.put("bad image url", "{\"name\":\"n\",\"description\":\"d\",\"achievementType\":\"Badge\",\"criteria\":{\"narrative\":\"c\"},\"image\":\"file:///etc/passwd\"}");
        for (var body : bodies.entrySet()) {
            under500("POST achievement: " + body.getKey(), key.post(ach, body.getValue()));
            under500("PUT achievement: " + body.getKey(), key.put(ach + "/" + a.draftId(), body.getValue()));
            under500("POST award: " + body.getKey(), key.post(org + "/awards", body.getValue()));
        }
        Map<String, String> awards = new LinkedHashMap<>();
        awards.put("achievementId not a uuid", "{\"achievementId\":\"not-a-uuid\",\"recipient\":{\"email\":\"x@example.org\",\"name\":\"X\"}}");
        awards.put("recipient a string", "{\"achievementId\":\"" + a.publishedId() + "\",\"recipient\":\"x@example.org\"}");
        awards.put("evidence an object", "{\"achievementId\":\"" + a.publishedId() + "\",\"recipient\":{\"email\":\"x@example.org\",\"name\":\"X\"},\"evidence\":{\"url\":\"x\"}}");
        awards.put("evidence nulls", "{\"achievementId\":\"" + a.publishedId() + "\",\"recipient\":{\"email\":\"x@example.org\",\"name\":\"X\"},\"evidence\":[null,{}]}");
        awards.put("bad evidence url", "{\"achievementId\":\"" + a.publishedId() + "\",\"recipient\":{\"email\":\"x@example.org\",\"name\":\"X\"},\"evidence\":[{\"url\":\"javascript:alert(1)\"}]}");
        awards.put("bad dates", "{\"achievementId\":\"" + a.publishedId() + "\",\"recipient\":{\"email\":\"x@example.org\",\"name\":\"X\"},\"validFrom\":\"yesterday\"}");
        awards.put("expiry before issue", "{\"achievementId\":\"" + a.publishedId() + "\",\"recipient\":{\"email\":\"x@example.org\",\"name\":\"X\"},"
                + "\"validFrom\":\"2030-01-01T00:00:00Z\",\"validUntil\":\"2029-01-01T00:00:00Z\"}");
        awards.put("far-future dates", "{\"achievementId\":\"" + a.publishedId() + "\",\"recipient\":{\"email\":\"x@example.org\",\"name\":\"X\"},"
                + "\"validFrom\":\"+999999999-12-31T23:59:59Z\"}");
        awards.put("ancient dates", "{\"achievementId\":\"" + a.publishedId() + "\",\"recipient\":{\"email\":\"x@example.org\",\"name\":\"X\"},"
                + "\"validFrom\":\"-999999999-01-01T00:00:00Z\"}");
        awards.put("far-future expiry", "{\"achievementId\":\"" + a.publishedId() + "\",\"recipient\":{\"email\":\"x@example.org\",\"name\":\"X\"},"
                + "\"validUntil\":\"+100000-01-01T00:00:00Z\"}");
        awards.put("huge name", "{\"achievementId\":\"" + a.publishedId() + "\",\"recipient\":{\"email\":\"x@example.org\",\"name\":\"" + huge + "\"}}");
        awards.put("bad e-mail", "{\"achievementId\":\"" + a.publishedId() + "\",\"recipient\":{\"email\":\"not an address\",\"name\":\"X\"}}");
        awards.put("huge e-mail", "{\"achievementId\":\"" + a.publishedId() + "\",\"recipient\":{\"email\":\"" + huge + "@example.org\",\"name\":\"X\"}}");
        awards.put("unknown micro-credential", "{\"achievementId\":\"" + UUID.randomUUID() + "\",\"recipient\":{\"email\":\"x@example.org\",\"name\":\"X\"}}");
        awards.put("a draft", "{\"achievementId\":\"" + a.draftId() + "\",\"recipient\":{\"email\":\"x@example.org\",\"name\":\"X\"}}");
        for (var body : awards.entrySet()) {
            expect(400, "award: " + body.getKey(), key.post(org + "/awards", body.getValue()));
        }
        under500("award without body", key.post(org + "/awards", new byte[0], "application/json"));
        under500("achievement without body", key.post(ach, new byte[0], "application/json"));
        under500("achievement as XML", key.post(ach, "<a/>".getBytes(StandardCharsets.UTF_8), "application/xml"));
        for (String body : List.of("[{\"name\":5,\"description\":[]}]", "[null]", "[{}]", "[[]]", "{\"a\":1}", "null", "\"text\"", "[" + "[".repeat(5000))) {
            under500("import " + body.substring(0, Math.min(40, body.length())), key.post(ach + "/import", body.getBytes(StandardCharsets.UTF_8), "application/json"));
        }
        under500("import CSV garbage", key.post(ach + "/import", "\"unterminated,\n\u0000\u0001,,,".getBytes(StandardCharsets.UTF_8), "text/csv"));
        under500("import CSV huge cell", key.post(ach + "/import", ("name,description\n" + huge + ",d\n").getBytes(StandardCharsets.UTF_8), "text/csv"));
        under500("import empty", key.post(ach + "/import", new byte[0], "application/json"));
        under500("import binary", key.post(ach + "/import", png(), "application/json"));
        under500("image garbage", key.put(ach + "/" + a.draftId() + "/image", "GIF89a".getBytes(StandardCharsets.UTF_8), "image/png"));
        under500("image empty", key.put(ach + "/" + a.draftId() + "/image", new byte[0], "image/png"));
        under500("logo garbage", key.put(org + "/logo", "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8), "image/svg+xml"));
        expect(400, "revoke not-a-uuid", key.post("/api/v1/awards/not-a-uuid/revoke", Map.of("reason", "x")));
        expect(400, "award not-a-uuid", key.get("/api/v1/awards/not-a-uuid"));
        expect(400, "achievement not-a-uuid", key.get(ach + "/not-a-uuid"));
        expect(400, "version not a number", key.get(ach + "/" + a.publishedId() + "/versions/first"));
        expect(404, "version 0", key.get(ach + "/" + a.publishedId() + "/versions/0"));
        expect(404, "version huge", key.get(ach + "/" + a.publishedId() + "/versions/2147483647"));
        expect(400, "export bad format", key.get(ach + "/export?format=xml"));
        expect(400, "awards limit not a number", key.get(org + "/awards?limit=lots"));
        expect(400, "awards limit zero", key.get(org + "/awards?limit=0"));
        expect(400, "catalog maxHours not a number", api().get("/api/v1/catalog?maxHours=many"));
        expect(400, "catalog entry not-a-uuid", api().get("/api/v1/catalog/not-a-uuid"));
        expect(400, "revoke with an empty reason", key.post("/api/v1/awards/" + a.awardId() + "/revoke", Map.of("reason", "")));
        expect(400, "revoke with a huge reason", key.post("/api/v1/awards/" + a.awardId() + "/revoke", Map.of("reason", huge)));
        expect(400, "revoke with a reason of the wrong type", key.post("/api/v1/awards/" + a.awardId() + "/revoke", "{\"reason\":[1]}"));
        expect(400, "revoke without body", key.post("/api/v1/awards/" + a.awardId() + "/revoke", new byte[0], "application/json"));
        expect(400, "revocation method unknown", key.patch(org, Map.of("revocationMethod", "Bogus")));
        expect(400, "revocation method of the wrong type", key.patch(org, "{\"revocationMethod\":{}}"));
        expect(400, "name of the wrong type", key.patch(org, "{\"name\":[1]}"));
        expect(400, "patch not json", key.patch(org, "name=x"));
        expect(400, "patch json null", key.patch(org, "null"));
        expect(200, "patch with nulls keeps everything", key.patch(org, "{\"name\":null,\"url\":null,\"email\":null,\"description\":null}"));
        expect(400, "website not http", key.patch(org, Map.of("url", "javascript:alert(1)")));
        expect(400, "name huge", key.patch(org, Map.of("name", huge)));
        expect(400, "name blank", key.patch(org, Map.of("name", "   ")));
        Api admin = admin();
        expect(400, "unknown role", admin.put(org + "/members/" + a.designer().id() + "/roles", Map.of("roles", List.of("wizard"))));
        expect(400, "no roles", admin.put(org + "/members/" + a.designer().id() + "/roles", Map.of("roles", List.of())));
        expect(400, "null role", admin.put(org + "/members/" + a.designer().id() + "/roles", "{\"roles\":[null]}"));
        under500("roles of the wrong type", admin.put(org + "/members/" + a.designer().id() + "/roles", "{\"roles\":\"owner\"}"));
        expect(400, "member not-a-uuid", admin.put(org + "/members/not-a-uuid/roles", Map.of("roles", List.of("reviewer"))));
        expect(400, "invitation with unknown role", admin.post(org + "/invitations", Map.of("email", "f@example.org", "role", "wizard")));
        expect(400, "invitation without e-mail", admin.post(org + "/invitations", "{\"role\":\"reviewer\"}"));
        expect(400, "invitation with huge e-mail", admin.post(org + "/invitations", Map.of("email", huge + "@example.org", "role", "reviewer")));
        under500("api key without name", admin.post(org + "/api-keys", "{}"));
        under500("api key with huge name", admin.post(org + "/api-keys", Map.of("name", huge)));
        under500("api key not-a-uuid", admin.delete(org + "/api-keys/not-a-uuid"));
        under500("organization with nulls", admin.post("/api/v1/organizations", "{\"slug\":null,\"name\":null}"));
        under500("organization with a unicode slug", admin.post("/api/v1/organizations", Map.of("slug", "gilde-ü-😀", "name", "Gilde")));
        notServerError("verify garbage", api().post("/api/v1/verify", "{\"credential\":" + "[".repeat(5000) + "}"));
        notServerError("verify not json", api().post("/api/v1/verify", "\u0000\u0001"));
        notServerError("verify url not a url", api().post("/api/v1/verify/url", Map.of("url", "not a url")));
        assertThat(snapshot(a)).isEqualTo(before);
        assertThat(countOfBothTenants("achievements")).isEqualTo(achievements);
        assertThat(countOfBothTenants("awards")).isEqualTo(awardCount);
    }

    @Test
    void badPathsAndFormsOnPagesAreAClientErrorAndWriteNothing() {
        Browser owner = signedIn(a.owner());
        String org = "/organizations/" + a.slug();
        String huge = "x".repeat(100_000);
        String before = snapshot(a);
        long achievements = countOfBothTenants("achievements");
        long awardCount = countOfBothTenants("awards");
        for (String path : List.of("/credentials/not-a-uuid", "/credentials/not-a-uuid/credential.json", "/credentials/not-a-uuid/credential.jwt",
                "/credentials/not-a-uuid.png", "/credentials/not-a-uuid.svg", "/credentials/not-a-uuid.pdf", "/credentials/not-a-uuid/ob2",
                "/credentials/" + UUID.randomUUID(), "/achievements/not-a-uuid", "/achievements/" + a.publishedId() + "/versions/first",
                "/achievements/" + a.publishedId() + "/versions/-1", "/achievements/" + a.publishedId() + "?version=first",
                "/achievements/not-a-uuid/versions/1/image", "/issuers/no-such-issuer", "/issuers/" + huge.substring(0, 3000), "/status/1edtech/no-such",
                "/catalog?maxHours=lots", "/catalog?q=" + "%F0%9F%98%80".repeat(500), "/invitations/not-a-token", "/claim/not-a-token",
                "/password/reset/not-a-token", "/email/verify/not-a-token",
                org + "/catalog/not-a-uuid", org + "/catalog/not-a-uuid/image", org + "/catalog/export?format=xml",
                "/organizations/" + huge.substring(0, 3000))) {
            Response response = owner.get(path);
            assertThat(response.status()).as(path).isBetween(200, 499);
        }
        List<Response> posts = new ArrayList<>();
        posts.add(owner.post(org + "/catalog/not-a-uuid", "name", "x"));
        posts.add(owner.post(org + "/catalog/not-a-uuid/publish"));
        posts.add(owner.post(org + "/catalog/not-a-uuid/retire"));
        posts.add(owner.post(org + "/catalog/not-a-uuid/delete"));
        posts.add(owner.post(org + "/awards/not-a-uuid/revoke", "reason", "x"));
        posts.add(owner.post(org + "/keys/not-a-uuid/retire", "reason", "x"));
        posts.add(owner.post(org + "/api-keys/not-a-uuid/revoke"));
        posts.add(owner.post(org + "/invitations/not-a-uuid/revoke"));
        posts.add(owner.post(org + "/members/not-a-uuid/roles", "roles", "reviewer"));
        posts.add(owner.post(org + "/members/not-a-uuid/remove"));
        posts.add(owner.post(org + "/catalog/new", "name", huge, "description", "d", "achievementType", "Badge", "criteriaNarrative", "c"));
        posts.add(owner.post(org + "/catalog/new", "name", "n", "description", "d", "achievementType", "Wizardry", "criteriaNarrative", "c"));
        posts.add(owner.post(org + "/catalog/new", "name", "n", "description", "d", "achievementType", "Badge", "criteriaNarrative", "c",
                "estimatedHours", "many", "validityMonths", "ever", "memberPrice", "free"));
        posts.add(owner.post(org + "/catalog/new", "name", "n", "alignments[9999].targetName", "far away"));
        posts.add(owner.post(org + "/catalog/new", "name", "n", "requirements[9999].kind", "bogus"));
        posts.add(owner.post(org + "/catalog/new", "removeAlignment", "-5"));
        posts.add(owner.post(org + "/catalog/new", "removeRequirement", "many"));
        posts.add(owner.post(org + "/catalog/new"));
        posts.add(owner.post(org + "/catalog/" + a.draftId(), "name", "", "description", huge));
        posts.add(owner.post(org + "/catalog/" + a.draftId(), "id", UUID.randomUUID().toString(), "organizationId", b.id().toString(), "name", ""));
        posts.add(owner.post(org + "/awards", "achievementId", "not-a-uuid", "email", "x@example.org", "name", "X"));
        posts.add(owner.post(org + "/awards", "achievementId", a.publishedId(), "email", "not an address", "name", "X"));
        posts.add(owner.post(org + "/awards", "achievementId", a.publishedId(), "email", "x@example.org", "name", huge));
        posts.add(owner.post(org + "/awards", "achievementId", a.publishedId(), "email", "x@example.org", "name", "X", "validFrom", "yesterday"));
        posts.add(owner.post(org + "/awards", "achievementId", a.publishedId(), "email", "x@example.org", "name", "X",
                "validFrom", "2030-01-01", "validUntil", "2029-01-01"));
        posts.add(owner.post(org + "/awards", "achievementId", a.publishedId(), "email", "x@example.org", "name", "X",
                "validFrom", "+999999-01-01"));
        posts.add(owner.post(org + "/awards", "achievementId", a.publishedId(), "email", "x@example.org", "name", "X",
                "evidenceUrl", "javascript:alert(1)"));
        posts.add(owner.post(org + "/awards"));
        posts.add(owner.post(org + "/awards/" + a.awardId() + "/revoke", "reason", huge));
        posts.add(owner.post(org + "/awards/" + a.awardId() + "/revoke"));
        posts.add(owner.post(org + "/keys/" + a.signingKeyId() + "/retire", "reason", huge));
        posts.add(owner.post(org + "/settings", "name", huge));
        posts.add(owner.post(org + "/settings", "name", "Guild", "website", "javascript:alert(1)", "email", "not an address"));
        posts.add(owner.post(org + "/settings"));
        posts.add(owner.post(org + "/revocation-method", "method", "Bogus"));
        posts.add(owner.post(org + "/invitations", "email", huge, "role", "reviewer"));
        posts.add(owner.post(org + "/invitations", "email", "f@example.org", "role", "wizard"));
        posts.add(owner.post(org + "/invitations"));
        posts.add(owner.post(org + "/members/" + a.designer().id() + "/roles", "roles", "wizard"));
        posts.add(owner.post(org + "/members/" + a.designer().id() + "/roles"));
        posts.add(owner.post(org + "/members/" + a.owner().id() + "/remove"));
        posts.add(owner.post(org + "/api-keys", "name", huge));
        posts.add(owner.upload(org + "/logo", "logo", "logo.png", "GIF89a".getBytes(StandardCharsets.UTF_8), "image/png"));
        posts.add(owner.upload(org + "/logo", "logo", "logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8), "image/svg+xml"));
        posts.add(owner.upload(org + "/logo", "logo", "big.png", new byte[3 * 1024 * 1024], "image/png"));
        posts.add(owner.upload(org + "/logo", "wrong-field", "logo.png", png(), "image/png"));
        posts.add(owner.upload(org + "/catalog/" + a.draftId() + "/image", "image", "b.png", new byte[0], "image/png"));
        posts.add(owner.upload(org + "/catalog/import", "file", "c.csv", "\"unterminated,\n,,,".getBytes(StandardCharsets.UTF_8), "text/csv"));
        posts.add(owner.upload(org + "/catalog/import", "file", "c.json", "[{\"name\":5,\"tags\":\"x\"}]".getBytes(StandardCharsets.UTF_8), "application/json"));
        posts.add(owner.upload(org + "/catalog/import", "file", "c.json", "{".getBytes(StandardCharsets.UTF_8), "application/json"));
        posts.add(owner.upload(org + "/catalog/import", "file", "c.bin", png(), "application/octet-stream"));
        posts.add(owner.upload(org + "/catalog/import", "file", "c.json", new byte[0], "application/json"));
        posts.add(owner.post("/verify", "url", "not a url"));
        posts.add(owner.post("/verify", "credential", "{" + "[".repeat(5000)));
        for (int i = 0; i < posts.size(); i++) {
            assertThat(posts.get(i).status()).as("post #" + i + ": " + posts.get(i).body()).isBetween(200, 499);
        }
        assertThat(snapshot(a)).isEqualTo(before);
        assertThat(countOfBothTenants("achievements")).isEqualTo(achievements);
        assertThat(countOfBothTenants("awards")).isEqualTo(awardCount);
    }

    @Test
    void accountAndSignUpFormsRefuseBadInputWithoutAServerError() {
        User person = accounts.createVerified("Account Prober", EmailAddress.of(Fixtures.uniqueEmail("prober")), PASSWORD, false);
        Browser browser = signedIn(person);
        String huge = "x".repeat(100_000);
        long users = count("users");
        String row = db.sql("select email, name, password_hash from users where id = ?").param(person.id()).query().listOfRows().toString();
        long accountDids = count("account_dids");
        List<Response> posts = new ArrayList<>();
        posts.add(browser.post("/account/name", "name", huge));
        posts.add(browser.post("/account/name", "name", "   "));
        posts.add(browser.post("/account/name"));
        posts.add(browser.post("/account/did", "did", "javascript:alert(1)"));
        posts.add(browser.post("/account/dids", "proof", "did:" + huge));
        posts.add(browser.post("/account/dids", "proof", "{\"proof\":{\"challenge\":\"x\"}}"));
        posts.add(browser.post("/account/dids", "proof", "a.b.c"));
        posts.add(browser.post("/account/dids/challenge"));
        posts.add(browser.post("/account/dids", "proof", "{" + "[".repeat(5000)));
        posts.add(browser.post("/account/dids/not-a-uuid/remove"));
        posts.add(browser.post("/account/dids/" + UUID.randomUUID() + "/remove"));
        posts.add(browser.post("/account/password", "currentPassword", PASSWORD, "newPassword", huge));
        posts.add(browser.post("/account/password", "currentPassword", PASSWORD, "newPassword", "😀".repeat(40)));
        posts.add(browser.post("/account/password", "currentPassword", huge, "newPassword", "another password 123"));
        posts.add(browser.post("/account/password", "currentPassword", PASSWORD, "newPassword", "p".repeat(100)));
        posts.add(browser.post("/account/password"));
        Browser visitor = new Browser();
        posts.add(visitor.post("/signup", "name", "Huge Password", "email", Fixtures.uniqueEmail("huge"), "password", huge));
        posts.add(visitor.post("/signup", "name", "Long Password", "email", Fixtures.uniqueEmail("long"), "password", "p".repeat(100)));
        posts.add(visitor.post("/signup", "name", "Emoji Password", "email", Fixtures.uniqueEmail("emoji"), "password", "😀".repeat(30)));
        posts.add(visitor.post("/signup", "name", huge, "email", Fixtures.uniqueEmail("hugename"), "password", "a fine password 123"));
        posts.add(visitor.post("/signup", "name", "Bad Address", "email", huge + "@example.org", "password", "a fine password 123"));
        posts.add(visitor.post("/signup"));
        posts.add(visitor.post("/signin", "email", huge, "password", huge));
        posts.add(visitor.post("/password/forgot", "email", huge));
        posts.add(visitor.post("/password/reset/not-a-token", "password", huge));
        posts.add(visitor.post("/signup/resend", "email", huge));
        posts.add(visitor.post("/claim/not-a-token"));
        posts.add(browser.post("/claim/not-a-token"));
        posts.add(browser.post("/invitations/not-a-token"));
        for (int i = 0; i < posts.size(); i++) {
            assertThat(posts.get(i).status()).as("post #" + i + ": " + posts.get(i).body()).isBetween(200, 499);
        }
        assertThat(count("users")).isEqualTo(users);
        assertThat(db.sql("select email, name, password_hash from users where id = ?").param(person.id()).query().listOfRows().toString()).isEqualTo(row);
        assertThat(count("account_dids")).isEqualTo(accountDids);
    }

    @Test
    void unicodeNamesAreKeptExactlyAsWritten() {
        Api key = api().withToken(a.key());
        String name = "Zoë Ångström — 研修 😀 ‮reversed‬";
        Api.Response created = key.post("/api/v1/organizations/" + a.slug() + "/achievements", Map.of("name", name, "description", "Ünïcödé ✓",
                "achievementType", "Badge", "criteria", Map.of("narrative", "Réussir l'examen.")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(key.get("/api/v1/organizations/" + a.slug() + "/achievements/" + id).json().get("name").asText()).isEqualTo(name);
        assertThat(signedIn(a.owner()).get("/organizations/" + a.slug() + "/catalog/" + id).body()).contains("Zoë Ångström — 研修 😀");
        assertThat(key.delete("/api/v1/organizations/" + a.slug() + "/achievements/" + id).status()).isEqualTo(204);
    }

    // ---- Helpers ------------------------------------------------------------------------------------------------

    /** Everything of the organization that a refused request must leave as it was. */
    // ---- Signed CLR transcripts (issue 9, item 3) -------------------------------------------------------------------

    @Test
    void anotherOrganizationsOwnerAndAReviewerCannotSeeOrRevokeASignedTranscript() {
        var clr = context.getBean(io.guildmark.app.credits.ClrTranscripts.class);
        var orgB = organizations.findBySlug(b.slug()).orElseThrow();
        String signed = clr.signed(orgB, b.recipientEmail()).toString();
        String id = signed.substring(signed.indexOf("urn:uuid:") + 9, signed.indexOf("urn:uuid:") + 45);
        String state = "select state from clr_transcripts where id = ?";

        Browser intruder = signedIn(a.owner());
        intruder.expect(404, "B's credits page", intruder.get("/organizations/" + b.slug() + "/credits"));
        intruder.expect(404, "revoke B's transcript", intruder.post("/organizations/" + b.slug() + "/credits/transcripts/" + id + "/revoke",
                "reason", "Hijacked"));
        Response underOwnSlug = intruder.post("/organizations/" + a.slug() + "/credits/transcripts/" + id + "/revoke", "reason", "Hijacked");
        assertThat(underOwnSlug.status()).isIn(302, 404);
        assertThat(db.sql(state).param(UUID.fromString(id)).query(String.class).single()).isEqualTo("active");

        Browser reviewer = signedIn(b.reviewer());
        assertThat(reviewer.get("/organizations/" + b.slug() + "/credits").body()).doesNotContain(b.recipientEmail());
        Response refused = reviewer.post("/organizations/" + b.slug() + "/credits/transcripts/" + id + "/revoke", "reason", "Mine now");
        assertThat(refused.status()).isIn(403, 404);
        assertThat(db.sql(state).param(UUID.fromString(id)).query(String.class).single()).isEqualTo("active");
    }

    @Test
    void anOrganizationsStaffAndKeysCannotApproveAnythingNorReadAnothersDomain() {
        String pendingState = "select approval_state from organizations where id = ?";
        db.sql("update organizations set approval_state = 'pending' where id = ?").param(b.id()).update();
        try {
            Browser owner = signedIn(a.owner());
            assertThat(owner.get("/admin/organizations").status()).isEqualTo(403);
            assertThat(owner.post("/admin/organizations/" + b.slug() + "/approval", "decision", "approve").status()).isEqualTo(403);
            assertThat(owner.post("/admin/organizations/" + a.slug() + "/approval", "decision", "suspend").status()).isEqualTo(403);
            Api key = api().withToken(a.key());
            assertThat(key.post("/api/v1/admin/organizations/" + b.slug() + "/approval", Map.of("decision", "approve")).status()).isEqualTo(403);
            assertThat(key.get("/api/v1/admin/organizations?state=pending").status()).isEqualTo(403);
            assertThat(db.sql(pendingState).param(b.id()).query(String.class).single()).isEqualTo("pending");
            assertThat(db.sql(pendingState).param(a.id()).query(String.class).single()).isEqualTo("approved");

            for (String path : List.of("/api/v1/organizations/" + b.slug() + "/domain",
                    "/api/v1/organizations/" + b.slug() + "/domain/did-configuration.json?domain=example.org")) {
                Api.Response refused = key.get(path);
                assertThat(refused.status()).as(path).isEqualTo(404);
            }
            owner.expect(404, "B's domain file", owner.get("/organizations/" + b.slug() + "/domain/did-configuration.json?domain=example.org"));
            owner.expect(404, "check B's domain", owner.post("/organizations/" + b.slug() + "/domain/check", "domain", "example.org"));
            assertThat(owner.get("/organizations/" + a.slug() + "/settings").body()).contains("id=\"domain\"")
                    .doesNotContain(b.slug());
        } finally {
            db.sql("update organizations set approval_state = 'approved' where id = ?").param(b.id()).update();
        }
    }

    private String snapshot(Tenant t) {
        StringBuilder s = new StringBuilder();
        s.append(db.sql("select slug, name, description, website, email, logo_key, logo_content_type, revocation_method from organizations where id = ?")
                .param(t.id()).query().listOfRows());
        s.append(db.sql("select id, status, definition, latest_version, unpublished_changes, updated_at from achievements where organization_id = ? order by id")
                .param(t.id()).query().listOfRows());
        s.append(db.sql("select v.achievement_id, v.version, v.definition from achievement_versions v join achievements x on x.id = v.achievement_id "
                + "where x.organization_id = ? order by v.achievement_id, v.version").param(t.id()).query().listOfRows());
        s.append(db.sql("select id, state, revoked_at, revocation_reason, recipient_name, recipient_email from awards where organization_id = ? order by id")
                .param(t.id()).query().listOfRows());
        s.append(db.sql("select id, name, revoked_at from api_keys where organization_id = ? order by id").param(t.id()).query().listOfRows());
        s.append(db.sql("select * from certificate_designs where organization_id = ?").param(t.id()).query().listOfRows());
        s.append(db.sql("select kind, subject, body from email_templates where organization_id = ? order by kind").param(t.id()).query().listOfRows());
        s.append(db.sql("select user_id, role from memberships where organization_id = ? order by user_id, role").param(t.id()).query().listOfRows());
        s.append(db.sql("select id, email, role, accepted_at, revoked_at from invitations where organization_id = ? order by id").param(t.id()).query().listOfRows());
        s.append(db.sql("select id, rotated_at, retired_at from issuer_keys where organization_id = ? order by id").param(t.id()).query().listOfRows());
        return s.toString();
    }

    private static void assertNoSecretsOf(Tenant t, List<String> bodies) {
        for (String body : bodies) {
            for (String secret : t.secrets()) {
                assertThat(body).as("a response leaked \"" + secret + "\"").doesNotContain(secret);
            }
        }
    }

    private static void assertNoPeopleOf(Tenant t, String body) {
        for (User person : List.of(t.owner(), t.designer(), t.issuer(), t.reviewer())) {
            assertThat(body).doesNotContain(person.email()).doesNotContain(person.name());
        }
        assertThat(body).doesNotContain(t.recipientEmail()).doesNotContain(t.invitationEmail()).doesNotContain(t.keyPrefix());
    }

    private static Api.Response expect(int status, String what, Api.Response response) {
        assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(status);
        return response;
    }

    private static void under500(String what, Api.Response response) {
        assertThat(response.status()).as(what + ": " + response.body()).isBetween(400, 499);
    }

    /** For endpoints whose answer to nonsense is a report, not a refusal (verification says "not verified"). */
    private static void notServerError(String what, Api.Response response) {
        assertThat(response.status()).as(what + ": " + response.body()).isBetween(200, 499);
    }

    private static byte[] png() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private Browser signedIn(User user) {
        Browser browser = new Browser();
        Response signedIn = browser.post("/signin", "email", user.email(), "password", PASSWORD);
        assertThat(signedIn.status()).as("sign-in of " + user.email()).isEqualTo(302);
        assertThat(signedIn.location()).doesNotContain("error");
        return browser;
    }

    record Response(int status, String body, String location) {}

    /**
     * A browser that does not follow redirects (so refusals and sign-in redirects are seen as they are), sends the
     * session's CSRF token with each form (as the {@code X-CSRF-TOKEN} header, which also covers multipart uploads)
     * unless told not to.
     */
    private final class Browser {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        Response get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).GET());
        }

        Response post(String path, String... fields) {
            return send(form(path, fields).header("X-CSRF-TOKEN", csrf()));
        }

        Response postWithoutToken(String path, String... fields) {
            return send(form(path, fields));
        }

        Response postJson(String path, String json) {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        Response upload(String path, String field, String filename, byte[] content, String contentType) {
            String boundary = "----guildmark" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                    + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .header("X-CSRF-TOKEN", csrf()).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        }

        /** Asserts the status and answers the body. */
        String expect(int status, String what, Response response) {
            assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(status);
            return response.body();
        }

        private String csrf() {
            Matcher m = CSRF.matcher(get("/signin").body());
            if (!m.find()) throw new AssertionError("No CSRF token on the sign-in page");
            return m.group(1) != null ? m.group(1) : m.group(2);
        }

        private HttpRequest.Builder form(String path, String... fields) {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < fields.length; i += 2) {
                pairs.add(URLEncoder.encode(fields[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
            }
            return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)));
        }

        private URI uri(String path) {
            return URI.create(baseUrl() + path);
        }

        private Response send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(""));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    // ---- Claims and e-mail addresses (issue 9, item 1) ---------------------------------------------------------------

    @Test
    void anotherOrganizationCannotRenewAClaimLinkAndNobodyManagesAnotherPersonsAddresses() {
        String claim = "select claim_state, claim_token_hash, claim_link_expires_at from awards where id = ?";
        String before = snapshot(b) + db.sql(claim).param(UUID.fromString(b.awardId())).query().listOfRows();
        List<String> bodies = new ArrayList<>();
        Api intruder = api().withToken(a.key());
        bodies.add(expect(404, "renew B's claim link", intruder.post("/api/v1/organizations/" + b.slug() + "/awards/" + b.awardId()
                + "/claim-link", Map.of())).body());
        bodies.add(expect(404, "renew B's claim link under A's slug", intruder.post("/api/v1/organizations/" + a.slug() + "/awards/"
                + b.awardId() + "/claim-link", Map.of())).body());

        Browser owner = signedIn(a.owner());
        bodies.add(owner.expect(404, "page: renew B's claim link", owner.post("/organizations/" + b.slug() + "/awards/" + b.awardId() + "/claim-link")));
        assertThat(owner.post("/organizations/" + a.slug() + "/awards/" + b.awardId() + "/claim-link").status()).isIn(302, 404);
        Browser reviewer = signedIn(b.reviewer());
        assertThat(reviewer.post("/organizations/" + b.slug() + "/awards/" + b.awardId() + "/claim-link").status()).isIn(403, 404);

        // Another person's address: not listed, not removable, not made primary, no link sent again.
        UUID address = db.sql("select id from user_emails where user_id = ?").param(b.owner().id()).query(UUID.class).single();
        for (String action : List.of("remove", "primary", "resend")) {
            bodies.add(owner.expect(404, action + " B's owner's address", owner.post("/account/emails/" + address + "/" + action)));
        }
        assertThat(owner.get("/account/emails").body()).doesNotContain(b.owner().email());
        assertThat(new Browser().post("/account/emails/" + address + "/remove").status()).isEqualTo(302);
        assertThat(db.sql("select count(*) from user_emails where id = ? and verified_email is not null").param(address).query(Long.class).single())
                .isEqualTo(1L);
        assertNoSecretsOf(b, bodies);
        assertThat(snapshot(b) + db.sql(claim).param(UUID.fromString(b.awardId())).query().listOfRows()).isEqualTo(before);
    }

    /** Rows of the two tenants only: other tests' background work (pathway checks, award jobs) writes to the shared database meanwhile. */
    private long countOfBothTenants(String table) {
        return db.sql("select count(*) from " + table + " where organization_id in (?, ?)").params(a.id(), b.id()).query(Long.class).single();
    }
}
