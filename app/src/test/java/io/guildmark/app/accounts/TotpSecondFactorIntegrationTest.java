package io.guildmark.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A person turns on an authenticator app; signing in then takes a code, each code works once, and so do recovery codes. */
class TotpSecondFactorIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7 ]+)<");
    private static final Pattern RECOVERY = Pattern.compile("<code>([a-z2-9]{5}-[a-z2-9]{5})</code>");

    @Autowired
    Accounts accounts;

    @Test
    void a_person_enrols_an_app_then_signs_in_with_a_code_that_works_once_and_with_a_recovery_code_once() {
        String email = Fixtures.uniqueEmail("tess");
        accounts.createVerified("Tess Totp", EmailAddress.of(email), PASSWORD, false);
        WebSession tess = new WebSession(baseUrl());
        tess.signIn(email, PASSWORD);

        // Enrol: a QR code and the secret as text; it is not on until a first code confirms it.
        WebSession.Page enrolling = tess.submit("/account/security", "/account/security/totp/start");
        assertThat(enrolling.body()).contains("data:image/svg+xml;base64,").contains("Scan this code");
        Matcher secretText = SECRET.matcher(enrolling.body());
        assertThat(secretText.find()).isTrue();
        byte[] secret = Totp.fromBase32(secretText.group(1));
        assertThat(db.sql("select secret_sealed from totp_authenticators t join users u on u.id = t.user_id where u.email = ?")
                .param(email).query(String.class).single()).startsWith("v1:").doesNotContain(secretText.group(1).replace(" ", ""));

        WebSession.Page wrongFirst = tess.submit("/account/security", "/account/security/totp/confirm", "code", "000000".equals(now(secret)) ? "111111" : "000000");
        assertThat(wrongFirst.body()).contains("That code does not match").contains("Turn on");
        assertThat(totpOn(email)).isFalse();

        WebSession.Page on = tess.submit("/account/security", "/account/security/totp/confirm", "code", now(secret));
        assertThat(on.body()).contains("Your authenticator app is on").contains("they are shown only now");
        List<String> recoveryCodes = new ArrayList<>();
        Matcher codes = RECOVERY.matcher(on.body());
        while (codes.find()) recoveryCodes.add(codes.group(1));
        assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates();
        assertThat(tess.get("/account/security").body()).doesNotContain(recoveryCodes.get(0)).contains("10 of 10 left.");

        // The password alone no longer signs in: the session waits for the second step and may see nothing else.
        WebSession second = new WebSession(baseUrl());
        WebSession.Page step = second.signIn(email, PASSWORD);
        assertThat(step.uri().getPath()).isEqualTo("/signin/second-factor");
        assertThat(second.get("/account").uri().getPath()).isEqualTo("/signin");
        WebSession.Page wrong = second.submit("/signin/second-factor", "/signin/second-factor", "code", "12345");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("That code is not right");

        // The code of the next step (the confirmation spent the current one) signs in, once, and goes on to the page
        // asked for before.
        String next = Totp.code(secret, Totp.step(Instant.now()) + 1);
        WebSession.Page in = second.submit("/signin/second-factor", "/signin/second-factor", "code", next);
        assertThat(in.uri().getPath()).isEqualTo("/account");
        assertThat(second.get("/account").body()).contains(email);

        WebSession replay = new WebSession(baseUrl());
        replay.signIn(email, PASSWORD);
        WebSession.Page replayed = replay.submit("/signin/second-factor", "/signin/second-factor", "code", next);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.body()).contains("That code was already used");
        assertThat(replay.get("/account").uri().getPath()).isEqualTo("/signin");

        // A recovery code signs in once; a wrong one and a spent one are refused.
        WebSession lost = new WebSession(baseUrl());
        lost.signIn(email, PASSWORD);
        WebSession.Page notOurs = lost.submit("/signin/second-factor", "/signin/second-factor", "recoveryCode", "aaaaa-bbbbb");
        assertThat(notOurs.body()).contains("That is not one of your recovery codes");
        WebSession.Page recovered = lost.submit("/signin/second-factor", "/signin/second-factor", "recoveryCode",
                recoveryCodes.get(0).toUpperCase());
        assertThat(recovered.uri().getPath()).isEqualTo("/dashboard");
        assertThat(lost.get("/account/security").body()).contains("9 of 10 left.");

        WebSession again = new WebSession(baseUrl());
        again.signIn(email, PASSWORD);
        WebSession.Page spent = again.submit("/signin/second-factor", "/signin/second-factor", "recoveryCode", recoveryCodes.get(0));
        assertThat(spent.body()).contains("That recovery code was already used");
        assertThat(again.get("/account").uri().getPath()).isEqualTo("/signin");
    }

    @Test
    void wrong_codes_count_as_failed_sign_ins_and_make_that_client_wait() {
        String email = Fixtures.uniqueEmail("guess");
        accounts.createVerified("Gus Guesser", EmailAddress.of(email), PASSWORD, false);
        WebSession owner = new WebSession(baseUrl());
        owner.signIn(email, PASSWORD);
        owner.submit("/account/security", "/account/security/totp/start");
        Matcher secretText = SECRET.matcher(owner.get("/account/security").body());
        assertThat(secretText.find()).isTrue();
        owner.submit("/account/security", "/account/security/totp/confirm", "code", now(Totp.fromBase32(secretText.group(1))));

        WebSession attacker = new WebSession(baseUrl());
        attacker.signIn(email, PASSWORD);
        for (int i = 0; i < AttemptSchedule.PER_ACCOUNT_AND_CLIENT.freeFailures(); i++) {
            attacker.submit("/signin/second-factor", "/signin/second-factor", "code", "99999" + i);
        }
        WebSession.Page locked = attacker.submit("/signin/second-factor", "/signin/second-factor", "code", "000000");
        assertThat(locked.uri().getPath()).isEqualTo("/signin");
        assertThat(locked.body()).contains("Too many failed attempts");
        assertThat(attacker.get("/account").uri().getPath()).isEqualTo("/signin");
    }

    private boolean totpOn(String email) {
        return db.sql("select count(*) from totp_authenticators t join users u on u.id = t.user_id where u.email = ? and t.confirmed_at is not null")
                .param(email).query(Integer.class).single() > 0;
    }

    private static String now(byte[] secret) {
        return Totp.code(secret, Totp.step(Instant.now()));
    }
}
