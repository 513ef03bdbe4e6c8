package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Finding: sign-up and sign-in revealed whether an address had an account. Now sign-up always says "check your
 * e-mail" and e-mails either way, the reset form answers alike, and a failed sign-in reads and takes the same for an
 * unknown address as for a wrong password.
 */
class SignUpAndSignInDoNotRevealAccountsIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "the owner's password";

    @Autowired
    Accounts accounts;

    private String existing() {
        String email = Fixtures.uniqueEmail("taken");
        accounts.createVerified("Tara Taken", EmailAddress.of(email), PASSWORD, false);
        return email;
    }

    private ClientAt client() {
        return new ClientAt(baseUrl(), ClientAt.someAddress());
    }

    /** The page as a person reads it, without what differs on every request (CSRF tokens) or the address typed. */
    private static String readable(String body, String email) {
        return body.replaceAll("content=\"[^\"]+\"", "").replaceAll("value=\"[^\"]+\"", "").replace(email, "ADDRESS");
    }

    @Test
    void signingUpWithATakenAddressAnswersLikeANewOneAndTellsTheOwner() {
        String taken = existing();
        String fresh = Fixtures.uniqueEmail("fresh");

        ClientAt.Answer forTaken = client().submit("/signup", "/signup", "name", "Someone Else", "email", taken, "password", "someone else's password");
        ClientAt.Answer forFresh = client().submit("/signup", "/signup", "name", "Someone New", "email", fresh, "password", "someone new's password");

        assertThat(forTaken.status()).isEqualTo(200);
        assertThat(forTaken.body()).contains("Check your e-mail");
        assertThat(readable(forTaken.body(), taken)).isEqualTo(readable(forFresh.body(), fresh));

        Mailbox.Mail toOwner = Mailbox.await(taken, "Someone tried to sign up");
        assertThat(toOwner.body()).contains("already has one").contains("/signin").contains("/password/forgot");
        assertThat(Mailbox.await(fresh, "Confirm your e-mail address").body()).contains("/email/verify/");

        // Nothing about the existing account changed: the owner's password still works, the other one does not.
        assertThat(client().signIn(taken, "someone else's password").body()).contains("do not match");
        assertThat(client().signIn(taken, PASSWORD).body()).contains("Dashboard");
        assertThat(db.sql("select count(*) from users where email = ?").param(taken).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressReadTheSame() {
        String taken = existing();
        String unknown = Fixtures.uniqueEmail("unknown");

        ClientAt.Answer wrongPassword = client().signIn(taken, "not the password");
        ClientAt.Answer noAccount = client().signIn(unknown, "not the password");

        assertThat(wrongPassword.body()).contains("That e-mail and password do not match an account.");
        assertThat(readable(wrongPassword.body(), taken)).isEqualTo(readable(noAccount.body(), unknown));
        assertThat(wrongPassword.uri().getPath()).isEqualTo(noAccount.uri().getPath());
    }

    @Test
    void anUnconfirmedAccountIsToldApartOnlyWithItsRightPassword() {
        String unconfirmed = Fixtures.uniqueEmail("unconfirmed");
        client().submit("/signup", "/signup", "name", "Una Confirmed", "email", unconfirmed, "password", "unconfirmed password");

        assertThat(client().signIn(unconfirmed, "a guess at it").body())
                .contains("That e-mail and password do not match an account.").doesNotContain("Confirm your e-mail");
        assertThat(client().signIn(unconfirmed, "unconfirmed password").body()).contains("Confirm your e-mail address first");
    }

    @Test
    void anUnknownAddressTakesAsLongAsAWrongPassword() {
        String taken = existing();
        ClientAt client = client();
        long[] wrongPassword = new long[4];
        long[] noAccount = new long[4];
        for (int i = 0; i < 4; i++) {
            // Alternate, so that a busy moment of the machine weighs on both alike; a new address each time, so no delay applies.
            noAccount[i] = timed(() -> client.signIn(Fixtures.uniqueEmail("ghost"), "a password guess"));
            ClientAt elsewhere = client(); // a new client each time, so no delay applies to the account either
            wrongPassword[i] = timed(() -> elsewhere.signIn(taken, "a password guess"));
        }
        // Both check a password hash (a dummy one for the unknown address): the medians are alike, not an order apart.
        assertThat(median(noAccount)).isGreaterThan(median(wrongPassword) / 3);
    }

    @Test
    void thePasswordResetFormAnswersTheSameForAnyAddress() {
        String taken = existing();
        String unknown = Fixtures.uniqueEmail("nobody");
        ClientAt.Answer forTaken = client().submit("/password/forgot", "/password/forgot", "email", taken);
        ClientAt.Answer forUnknown = client().submit("/password/forgot", "/password/forgot", "email", unknown);
        assertThat(forTaken.body()).contains("If an account uses");
        assertThat(readable(forTaken.body(), taken)).isEqualTo(readable(forUnknown.body(), unknown));
    }

    private static long timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
