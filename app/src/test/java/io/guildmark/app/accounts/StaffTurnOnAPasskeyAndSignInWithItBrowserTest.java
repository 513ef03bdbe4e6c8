package io.guildmark.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import io.guildmark.app.organizations.Members;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.support.BrowserTest;
import io.guildmark.app.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A member of staff adds a passkey from the security page, in Chromium with its virtual authenticator (a platform
 * authenticator that verifies the user), then signs in with it alone, and with it as the second step after a password.
 */
class StaffTurnOnAPasskeyAndSignInWithItBrowserTest extends BrowserTest {

    private static final String PASSWORD = "correct horse battery staple";

    @Autowired
    Accounts accounts;
    @Autowired
    Members members;
    @Autowired
    Organizations organizations;

    @Test
    void staff_turn_on_a_passkey_and_sign_in_with_it() {
        String slug = Fixtures.createOrganization(admin(), "passkeys");
        String email = Fixtures.uniqueEmail("ines");
        UUID userId = accounts.createVerified("Ines Issuer", EmailAddress.of(email), PASSWORD, false).id();
        members.add(organizations.findBySlug(slug).orElseThrow().id(), userId, Role.ISSUER);

        VirtualAuthenticator authenticator = ((HasVirtualAuthenticator) browser).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true).setIsUserConsenting(true));

        // A passkey's relying party is a host name, never an IP address: the browser uses localhost.
        String site = "http://localhost:" + port;
        open(site + "/signin");
        type("email", email);
        type("password", PASSWORD);
        click("Sign in");
        waitForPath("/dashboard");

        open(site + "/account/security");
        click("Add a passkey");
        waitForText("Give the passkey a name first");
        type("passkey-label", "Work laptop");
        click("Add a passkey");
        waitForText("The passkey is added.");
        assertThat(pageText()).contains("Work laptop").contains("Your recovery codes").contains("10 of 10 left.");
        assertThat(authenticator.getCredentials()).hasSize(1);
        assertThat(authenticator.getCredentials().get(0).isResidentCredential()).isTrue();

        // Signed out, the passkey alone signs in: it counts as both factors.
        browser.manage().deleteAllCookies();
        open(site + "/signin");
        click("Sign in with a passkey");
        waitForPath("/dashboard");
        open(site + "/account/security");
        assertThat(pageText()).contains("Work laptop").doesNotContain("Your recovery codes");
        open(site + "/organizations/" + slug);
        assertThat(browser.getCurrentUrl()).endsWith("/organizations/" + slug);

        // After a password, the account now asks for its second factor; the passkey completes the sign-in.
        browser.manage().deleteAllCookies();
        open(site + "/signin");
        type("email", email);
        type("password", PASSWORD);
        click("Sign in");
        waitForText("One more step");
        open(site + "/account");
        waitForPath("/signin");
        open(site + "/signin/second-factor");
        click("Sign in with a passkey");
        waitForPath("/account"); // the page asked for while half-way
        assertThat(pageText()).contains("Your account").contains(email);

        // Bad input to the WebAuthn endpoints is refused, never a 500, and adds nothing.
        assertThat(postJson("/webauthn/register", "{\"publicKey\":{\"label\":\" \",\"credential\":{}}}")).isEqualTo(400L);
        assertThat(postJson("/webauthn/register", "{\"publicKey\":{\"label\":\"" + "x".repeat(101) + "\",\"credential\":{}}}")).isEqualTo(400L);
        assertThat(postJson("/webauthn/register", "{\"publicKey\":{\"label\":\"Forged\",\"credential\":{\"id\":\"AAAA\",\"rawId\":\"AAAA\","
                + "\"type\":\"public-key\",\"response\":{\"attestationObject\":\"AAAA\",\"clientDataJSON\":\"AAAA\"}}}}")).isEqualTo(400L);
        assertThat(postJson("/login/webauthn", "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"credType\":\"public-key\","
                + "\"response\":{\"authenticatorData\":\"AAAA\",\"clientDataJSON\":\"AAAA\",\"signature\":\"AAAA\"}}")).isIn(400L, 401L);
        assertThat(authenticator.getCredentials()).hasSize(1);
        open(site + "/account/security");
        assertThat(pageText()).doesNotContain("Forged");
    }

    /** Posts JSON from the page, with its CSRF token, as the passkey script does; answers the status. */
    private Object postJson(String path, String json) {
        return ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('meta[name="_csrf"]').content;
                fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/json', 'X-CSRF-TOKEN': token},
                    body: arguments[1]}).then(r => done(r.status), e => done(-1));""", path, json);
    }

    private void waitForPath(String path) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> java.net.URI.create(d.getCurrentUrl()).getPath().equals(path));
        find(By.tagName("main"));
    }
}
