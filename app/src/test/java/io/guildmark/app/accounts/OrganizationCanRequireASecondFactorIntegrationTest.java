package io.guildmark.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.guildmark.app.organizations.Members;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An organization's owner requires a second factor of its staff: staff without one are sent to set one up before they
 * can work there, and cannot remove their last one; learners and API keys are unaffected.
 */
class OrganizationCanRequireASecondFactorIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7 ]+)<");

    @Autowired
    Accounts accounts;
    @Autowired
    Members members;
    @Autowired
    Organizations organizations;

    @Test
    void staff_without_a_second_factor_are_sent_to_set_one_up_and_cannot_remove_the_last_one() {
        String slug = Fixtures.createOrganization(admin(), "mfa-required");
        UUID orgId = organizations.findBySlug(slug).orElseThrow().id();
        String ownerEmail = Fixtures.uniqueEmail("olga");
        members.add(orgId, accounts.createVerified("Olga Owner", EmailAddress.of(ownerEmail), PASSWORD, false).id(), Role.OWNER);
        String issuerEmail = Fixtures.uniqueEmail("ivan");
        members.add(orgId, accounts.createVerified("Ivan Issuer", EmailAddress.of(issuerEmail), PASSWORD, false).id(), Role.ISSUER);
        String learnerEmail = Fixtures.uniqueEmail("lena");
        accounts.createVerified("Lena Learner", EmailAddress.of(learnerEmail), PASSWORD, false);
        String apiKey = Fixtures.createApiKey(admin(), slug);

        // The owner cannot require what they do not have themselves.
        WebSession owner = new WebSession(baseUrl());
        owner.signIn(ownerEmail, PASSWORD);
        WebSession.Page refused = owner.submit("/organizations/" + slug + "/settings", "/organizations/" + slug + "/second-factor",
                "required", "true");
        assertThat(refused.body()).contains("Turn on a second factor for your own account first");
        assertThat(organizations.requiresSecondFactor(orgId)).isFalse();

        turnOnTotp(owner);
        WebSession.Page saved = owner.submit("/organizations/" + slug + "/settings", "/organizations/" + slug + "/second-factor",
                "required", "true");
        assertThat(saved.body()).contains("Staff now need a second factor");
        assertThat(organizations.requiresSecondFactor(orgId)).isTrue();

        // Staff without a second factor: every staff page of the organization sends them to set one up.
        WebSession issuer = new WebSession(baseUrl());
        issuer.signIn(issuerEmail, PASSWORD);
        for (String page : new String[] {"/organizations/" + slug, "/organizations/" + slug + "/awards"}) {
            WebSession.Page sent = issuer.get(page);
            assertThat(sent.uri().getPath()).as(page).isEqualTo("/account/security");
            assertThat(sent.body()).contains("requires a second factor of its staff");
        }
        // Once they have one, they work as before; and they cannot remove it while it is their last.
        byte[] secret = turnOnTotp(issuer);
        assertThat(issuer.get("/organizations/" + slug).uri().getPath()).isEqualTo("/organizations/" + slug);
        WebSession.Page kept = issuer.submit("/account/security", "/account/security/totp/off");
        assertThat(kept.body()).contains("requires a second factor of its staff").contains("Turn off the authenticator app");
        assertThat(secret).isNotEmpty();

        // Learners (no role there) and the organization's API key are not staff: nothing changes for them.
        WebSession learner = new WebSession(baseUrl());
        learner.signIn(learnerEmail, PASSWORD);
        assertThat(learner.get("/dashboard").uri().getPath()).isEqualTo("/dashboard");
        assertThat(learner.get("/issuers/" + slug).status()).isEqualTo(200);
        assertThat(learner.get("/account/security").body()).doesNotContain("Required by");
        assertThat(api().withToken(apiKey).get("/api/v1/organizations/" + slug).status()).isEqualTo(200);

        // Owners may lift the rule again; then the last factor may go.
        owner.submit("/organizations/" + slug + "/settings", "/organizations/" + slug + "/second-factor", "required", "false");
        assertThat(organizations.requiresSecondFactor(orgId)).isFalse();
        assertThat(issuer.submit("/account/security", "/account/security/totp/off").body()).contains("Your authenticator app is off.");
    }

    private static byte[] turnOnTotp(WebSession session) {
        WebSession.Page enrolling = session.submit("/account/security", "/account/security/totp/start");
        Matcher secretText = SECRET.matcher(enrolling.body());
        assertThat(secretText.find()).as(enrolling.body()).isTrue();
        byte[] secret = Totp.fromBase32(secretText.group(1));
        WebSession.Page on = session.submit("/account/security", "/account/security/totp/confirm", "code",
                Totp.code(secret, Totp.step(Instant.now())));
        assertThat(on.body()).contains("Your authenticator app is on");
        return secret;
    }
}
