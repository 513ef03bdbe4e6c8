package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Finding: five wrong passwords locked any account for 15 minutes, whoever typed them, and nothing throttled per
 * client. Now each client waits longer after each failure at an account (and after many failures at any accounts),
 * while the owner at their own client, or with a reset link, gets in.
 */
class ThrottlingCannotLockTheOwnerOutIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "owner's own password";

    @Autowired
    Accounts accounts;

    private String owner() {
        String email = Fixtures.uniqueEmail("owner");
        accounts.createVerified("Owen Owner", EmailAddress.of(email), PASSWORD, false);
        return email;
    }

    /** Four guesses are only wrong; the fifth also says to wait. */
    private static void guessFiveTimes(ClientAt attacker, String email) {
        for (int i = 0; i < 4; i++) {
            assertThat(attacker.signIn(email, "guess number " + i).body()).contains("do not match");
        }
        assertThat(attacker.signIn(email, "guess number 5").body()).contains("Too many failed attempts from here. Try again in 1 minute");
    }

    @Test
    void guessesFromElsewhereDoNotKeepTheOwnerOut() {
        String email = owner();
        guessFiveTimes(new ClientAt(baseUrl(), ClientAt.someAddress()), email);

        ClientAt ownersLaptop = new ClientAt(baseUrl(), ClientAt.someAddress());
        assertThat(ownersLaptop.signIn(email, PASSWORD).body()).contains("Dashboard");
    }

    @Test
    void theGuessingClientWaitsAndIsNotToldWhetherEvenTheRightPasswordWouldWork() {
        String email = owner();
        ClientAt attacker = new ClientAt(baseUrl(), ClientAt.someAddress());
        guessFiveTimes(attacker, email);

        ClientAt.Answer refused = attacker.signIn(email, PASSWORD);
        assertThat(refused.body()).contains("Too many failed attempts from here. Try again in 1 minute");
        assertThat(refused.uri().getQuery()).contains("error=wait");
        assertThat(attacker.signedIn()).isFalse();
    }

    @Test
    void eachFurtherFailureDoublesTheWait() {
        String email = owner();
        String address = ClientAt.someAddress();
        ClientAt attacker = new ClientAt(baseUrl(), address);
        guessFiveTimes(attacker, email);
        letTimePass(address, 61);

        assertThat(attacker.signIn(email, "guess after the wait").body()).contains("Try again in 2 minutes");
        letTimePass(address, 121);
        assertThat(attacker.signIn(email, "and again").body()).contains("Try again in 4 minutes");
    }

    @Test
    void aScriptIsAnswered429WithRetryAfter() {
        String email = owner();
        String address = ClientAt.someAddress();
        guessFiveTimes(new ClientAt(baseUrl(), address), email);

        ClientAt script = new ClientAt(baseUrl(), address).acceptingJson();
        ClientAt.Answer answer = script.signIn(email, "one more guess");
        assertThat(answer.status()).isEqualTo(429);
        assertThat(Long.parseLong(answer.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"code\":\"too-many-sign-in-attempts\"").contains("Try again in 1 minute");
    }

    @Test
    void guessingAtManyAccountsFromOneClientIsSlowedToo() {
        ClientAt sprayer = new ClientAt(baseUrl(), ClientAt.someAddress());
        for (int i = 0; i < 19; i++) {
            assertThat(sprayer.signIn(Fixtures.uniqueEmail("sprayed"), "Summer2026!").body()).contains("do not match");
        }
        assertThat(sprayer.signIn(Fixtures.uniqueEmail("sprayed"), "Summer2026!").body()).contains("Too many failed attempts from here");
        String email = owner();
        assertThat(sprayer.signIn(email, "Summer2026!").body()).contains("Too many failed attempts from here");
        // The owner, elsewhere, is not affected.
        assertThat(new ClientAt(baseUrl(), ClientAt.someAddress()).signIn(email, PASSWORD).body()).contains("Dashboard");
    }

    @Test
    void unknownAddressesAreSlowedExactlyLikeAccounts() {
        ClientAt attacker = new ClientAt(baseUrl(), ClientAt.someAddress());
        String nobody = Fixtures.uniqueEmail("nobody");
        guessFiveTimes(attacker, nobody);
    }

    @Test
    void aSuccessfulSignInStartsThatClientAfresh() {
        String email = owner();
        String address = ClientAt.someAddress();
        ClientAt laptop = new ClientAt(baseUrl(), address);
        for (int i = 0; i < 4; i++) laptop.signIn(email, "mistyped " + i);
        laptop.signIn(Fixtures.uniqueEmail("typo"), "mistyped again");
        assertThat(failuresOf(address)).isEqualTo(5);

        assertThat(laptop.signIn(email, PASSWORD).body()).contains("Dashboard");
        assertThat(failuresOf(address)).isZero();
    }

    @Test
    void theOwnerWhoIsMadeToWaitGetsInAtOnceWithAResetLink() {
        String email = owner();
        String address = ClientAt.someAddress();
        ClientAt owner = new ClientAt(baseUrl(), address);
        guessFiveTimes(owner, email); // the owner forgot the password
        assertThat(owner.signIn(email, PASSWORD).body()).contains("Too many failed attempts");

        owner.submit("/password/forgot", "/password/forgot", "email", email);
        String link = Mailbox.await(email, "Reset your Guildmark password").firstLinkContaining("/password/reset/");
        String path = link.substring(link.indexOf("/password/reset/"));
        assertThat(owner.submit(path, path, "password", "a new password 2026").body()).contains("Your password is changed");
        assertThat(owner.signIn(email, "a new password 2026").body()).contains("Dashboard");
    }

    /** Moves this client's failures back in time, as if the given seconds had passed. */
    private void letTimePass(String address, int seconds) {
        db.sql("update sign_in_attempts set last_failure_at = ? where client = ?")
                .params(java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(seconds)), address).update();
    }

    private long failuresOf(String address) {
        return db.sql("select coalesce(sum(failures), 0) from sign_in_attempts where client = ? and account = ''").param(address)
                .query(Long.class).single();
    }
}
