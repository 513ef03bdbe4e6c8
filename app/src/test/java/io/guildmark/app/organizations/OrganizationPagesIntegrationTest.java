package io.guildmark.app.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.accounts.User;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Staff pages, signed in as members of two different associations. */
class OrganizationPagesIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "staff password 123";

    @Autowired Accounts accounts;
    @Autowired Organizations organizations;
    @Autowired Members members;

    private String mine;
    private String theirs;
    private WebSession me;
    private User myUser;

    @BeforeEach
    void twoAssociationsWithTheirOwnStaff() {
        mine = Fixtures.createOrganization(admin(), "mine");
        theirs = Fixtures.createOrganization(admin(), "theirs");
        myUser = staff(mine, Role.OWNER);
        staff(theirs, Role.OWNER);
        admin().post("/api/v1/organizations/" + theirs + "/api-keys", Map.of("name", "Their secret integration"));
        me = new WebSession(baseUrl());
        assertThat(me.signIn(myUser.email(), PASSWORD).body()).contains("Dashboard");
    }

    private User staff(String slug, Role role) {
        User user = accounts.createVerified("Staff of " + slug, EmailAddress.of(Fixtures.uniqueEmail("staff")), PASSWORD, false);
        members.add(organizations.findBySlug(slug).orElseThrow().id(), user.id(), role);
        return user;
    }

    @Test
    void dashboardListsOnlyMyOrganizations() {
        String dashboard = me.get("/dashboard").body();
        assertThat(dashboard).contains("/organizations/" + mine).doesNotContain("/organizations/" + theirs);
    }

    @Test
    void memberOfOneOrganizationCannotOpenAnothersPrivatePages() {
        for (String page : new String[] {"", "/settings", "/members", "/api-keys", "/catalog", "/awards", "/keys"}) {
            WebSession.Page response = me.get("/organizations/" + theirs + page);
            assertThat(response.status()).as(page).isEqualTo(404);
            assertThat(response.body()).as(page).doesNotContain("Their secret integration").doesNotContain("Staff of " + theirs);
        }
        assertThat(me.get("/organizations/" + mine + "/members").status()).isEqualTo(200);
    }

    @Test
    void memberOfOneOrganizationCannotChangeAnothers() {
        long keys = count("api_keys");
        long invitations = count("invitations");
        assertThat(me.submit("/organizations/" + mine + "/api-keys", "/organizations/" + theirs + "/api-keys", "name", "mine now").status()).isEqualTo(404);
        assertThat(me.submit("/organizations/" + mine + "/members", "/organizations/" + theirs + "/invitations",
                "email", "spy@example.org", "role", "owner").status()).isEqualTo(404);
        assertThat(me.submit("/organizations/" + mine + "/settings", "/organizations/" + theirs + "/settings", "name", "Hijacked").status()).isEqualTo(404);
        assertThat(count("api_keys")).isEqualTo(keys);
        assertThat(count("invitations")).isEqualTo(invitations);
        assertThat(organizations.findBySlug(theirs).orElseThrow().name()).isEqualTo("Guild of theirs");
    }

    @Test
    void designerCannotManageMembersOrKeys() {
        User designer = staff(mine, Role.DESIGNER);
        WebSession session = new WebSession(baseUrl());
        session.signIn(designer.email(), PASSWORD);
        assertThat(session.get("/organizations/" + mine + "/members").status()).isEqualTo(403);
        assertThat(session.get("/organizations/" + mine + "/api-keys").status()).isEqualTo(403);
        assertThat(session.get("/organizations/" + mine + "/catalog").status()).isEqualTo(200);
    }

    @Test
    void invitedPersonJoinsWithTheRoleTheyWereInvitedTo() {
        String email = Fixtures.uniqueEmail("invitee");
        me.submit("/organizations/" + mine + "/members", "/organizations/" + mine + "/invitations", "email", email, "role", "reviewer");
        String link = Mailbox.await(email, "You are invited").firstLinkContaining("/invitations/");
        User invitee = accounts.createVerified("Invited Person", EmailAddress.of(email), PASSWORD, false);
        WebSession session = new WebSession(baseUrl());
        session.signIn(email, PASSWORD);
        String path = link.substring(link.indexOf("/invitations/"));
        assertThat(session.submit(path, path).body()).contains("Welcome to Guild of mine");
        assertThat(organizations.rolesOf(organizations.findBySlug(mine).orElseThrow().id(), invitee.id())).containsExactly(Role.REVIEWER);
        assertThat(session.submit(path, path).body()).contains("not valid any more");
    }

    @Test
    void newApiKeyIsShownOnceAndOnlyItsPrefixAfterwards() {
        WebSession.Page created = me.submit("/organizations/" + mine + "/api-keys", "/organizations/" + mine + "/api-keys", "name", "CRM");
        String secret = created.body().replaceAll("(?s).*id=\"new-key\">(gmk_[^<]+)<.*", "$1");
        assertThat(secret).startsWith("gmk_");
        assertThat(api().withToken(secret).get("/api/v1/organizations/" + mine).status()).isEqualTo(200);
        assertThat(me.get("/organizations/" + mine + "/api-keys").body()).doesNotContain(secret).contains(secret.substring(0, 12));
    }

    @Test
    void outboxShowsTheMailWithClickableLinksInDemoMode() {
        String email = Fixtures.uniqueEmail("outbox");
        me.submit("/organizations/" + mine + "/members", "/organizations/" + mine + "/invitations", "email", email, "role", "designer");
        assertThat(me.get("/dev/outbox").body()).contains(email).contains("<a href=\"" + baseUrl() + "/invitations/");
    }
}
