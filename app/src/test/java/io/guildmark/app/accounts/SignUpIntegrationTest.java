package io.guildmark.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.Test;

class SignUpIntegrationTest extends IntegrationTest {

    @Test
    void newPersonSignsUpConfirmsTheAddressAndSignsIn() {
        String email = Fixtures.uniqueEmail("ada");
        WebSession web = new WebSession(baseUrl());
        WebSession.Page page = web.submit("/signup", "/signup", "name", "Ada Lovelace", "email", email, "password", "correct horse battery");
        assertThat(page.body()).contains("Check your e-mail");

        assertThat(web.signIn(email, "correct horse battery").body()).contains("Confirm your e-mail address first");

        String link = Mailbox.await(email, "Confirm your e-mail").firstLinkContaining("/email/verify/");
        assertThat(web.get(link).body()).contains("your e-mail address is confirmed");
        assertThat(web.signIn(email, "correct horse battery").body()).contains("Dashboard");
    }

    @Test
    void shortPasswordIsRefusedWithAMessageAndNoAccount() {
        String email = Fixtures.uniqueEmail("short");
        WebSession web = new WebSession(baseUrl());
        WebSession.Page page = web.submit("/signup", "/signup", "name", "Short", "email", email, "password", "abc");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("at least 10 characters").contains("aria-invalid=\"true\"");
        assertThat(db.sql("select count(*) from users where email = ?").param(email).query(Long.class).single()).isZero();
    }

    @Test
    void repeatedFailedSignInsMakeThisClientWait() {
        String email = Fixtures.uniqueEmail("guessed");
        WebSession web = new WebSession(baseUrl());
        web.submit("/signup", "/signup", "name", "Guessed", "email", email, "password", "the real password");
        web.get(Mailbox.await(email, "Confirm").firstLinkContaining("/email/verify/"));
        for (int i = 0; i < AttemptSchedule.PER_ACCOUNT_AND_CLIENT.freeFailures(); i++) web.signIn(email, "wrong guess " + i);
        assertThat(web.signIn(email, "the real password").body()).contains("Too many failed attempts from here. Try again in 1 minute");
    }

    @Test
    void forgottenPasswordIsResetThroughTheEmailedLink() {
        String email = Fixtures.uniqueEmail("forgetful");
        WebSession web = new WebSession(baseUrl());
        web.submit("/signup", "/signup", "name", "Forgetful", "email", email, "password", "first password 1");
        web.get(Mailbox.await(email, "Confirm").firstLinkContaining("/email/verify/"));

        web.submit("/password/forgot", "/password/forgot", "email", email);
        String link = Mailbox.await(email, "Reset your Guildmark password").firstLinkContaining("/password/reset/");
        String path = link.substring(link.indexOf("/password/reset/"));
        assertThat(web.submit(path, path, "password", "second password 2").body()).contains("Your password is changed");
        assertThat(web.signIn(email, "first password 1").body()).contains("do not match");
        assertThat(web.signIn(email, "second password 2").body()).contains("Dashboard");
        assertThat(web.submit(path, path, "password", "third password 3").body()).contains("not valid any more");
    }
}
