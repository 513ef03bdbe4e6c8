package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Finding: after a password reset, older reset links still worked and existing sessions stayed signed in. Now a reset
 * ends every earlier link and every session (the owner signs in afresh); a change of password ends the links and
 * every other session, and the session that made the change stays signed in.
 */
class PasswordResetEndsOlderLinksAndSessionsIntegrationTest extends IntegrationTest {

    private static final String OLD = "the old password";

    @Autowired
    Accounts accounts;

    private String person() {
        String email = Fixtures.uniqueEmail("reset");
        accounts.createVerified("Rita Reset", EmailAddress.of(email), OLD, false);
        return email;
    }

    private ClientAt signedIn(String email, String password) {
        ClientAt client = new ClientAt(baseUrl(), ClientAt.someAddress());
        assertThat(client.signIn(email, password).body()).contains("Dashboard");
        return client;
    }

    /** Asks for a reset link and answers its path. */
    private String resetLink(String email) {
        int before = Mailbox.messagesTo(email).size();
        new ClientAt(baseUrl(), ClientAt.someAddress()).submit("/password/forgot", "/password/forgot", "email", email);
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            List<Mailbox.Mail> mails = Mailbox.messagesTo(email);
            if (mails.size() > before) {
                String link = mails.get(mails.size() - 1).firstLinkContaining("/password/reset/");
                return link.substring(link.indexOf("/password/reset/"));
            }
            sleep();
        }
        throw new AssertionError("No reset e-mail to " + email);
    }

    @Test
    void aResetEndsEveryEarlierLinkAndEverySession() {
        String email = person();
        ClientAt laptop = signedIn(email, OLD);
        ClientAt phone = signedIn(email, OLD);
        String first = resetLink(email);
        String second = resetLink(email);

        ClientAt stranger = new ClientAt(baseUrl(), ClientAt.someAddress());
        assertThat(stranger.submit(second, second, "password", "a brand new password").body()).contains("Your password is changed");

        assertThat(laptop.signedIn()).isFalse();
        assertThat(phone.signedIn()).isFalse();
        assertThat(stranger.signedIn()).isFalse();
        ClientAt.Answer older = stranger.get(first);
        assertThat(older.body()).contains("This reset link is not valid any more");
        assertThat(stranger.submit(second, first, "password", "an attacker's password").body()).contains("not valid any more");
        assertThat(signedIn(email, "a brand new password").signedIn()).isTrue();
    }

    @Test
    void aChangedPasswordEndsOtherSessionsAndLinksButKeepsThisOne() {
        String email = person();
        ClientAt laptop = signedIn(email, OLD);
        ClientAt phone = signedIn(email, OLD);
        String link = resetLink(email);

        ClientAt.Answer changed = laptop.submit("/account", "/account/password", "currentPassword", OLD, "newPassword", "changed on the laptop");
        assertThat(changed.body()).contains("Your password is changed");

        assertThat(laptop.signedIn()).isTrue();
        assertThat(phone.signedIn()).isFalse();
        assertThat(phone.get(link).body()).contains("This reset link is not valid any more");
        assertThat(phone.signIn(email, "changed on the laptop").body()).contains("Dashboard");
    }

    @Test
    void aWeakPasswordOnTheResetFormIsRefusedAndChangesNothing() {
        String email = person();
        ClientAt phone = signedIn(email, OLD);
        String link = resetLink(email);
        ClientAt browser = new ClientAt(baseUrl(), ClientAt.someAddress());

        ClientAt.Answer refused = browser.submit(link, link, "password", "short");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("Use at least 10 characters for your password.");

        assertThat(phone.signedIn()).isTrue();
        assertThat(browser.get(link).body()).doesNotContain("not valid any more"); // the link still works
        assertThat(signedIn(email, OLD).signedIn()).isTrue();
    }

    @Test
    void anExpiredLinkSaysSoAndChangesNothing() {
        String email = person();
        ClientAt phone = signedIn(email, OLD);
        String link = resetLink(email);
        db.sql("update account_tokens set expires_at = ? where user_id = (select id from users where email = ?) and purpose = 'RESET_PASSWORD'")
                .params(java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(60)), email).update();
        ClientAt browser = new ClientAt(baseUrl(), ClientAt.someAddress());

        assertThat(browser.get(link).body()).contains("This reset link is not valid any more. Ask for a new one.");
        assertThat(browser.submit("/password/forgot", link, "password", "a password too late").body()).contains("not valid any more");
        assertThat(phone.signedIn()).isTrue();
        assertThat(signedIn(email, OLD).signedIn()).isTrue();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
