package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * Finding: the demo default served a public outbox, with reset links, to anyone who could reach the port. Now demo
 * mode listens on loopback only, and its outbox is shown to this machine and to signed-in platform operators;
 * production mode has none (OutboxAccessTest).
 */
class DemoOutboxIsNotPublicIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "outbox test password";

    @Autowired
    Accounts accounts;

    @Autowired
    Environment environment;

    /** Puts a reset link in the outbox and answers the address it went to. */
    private String aResetLinkInTheOutbox() {
        String email = Fixtures.uniqueEmail("outboxed");
        accounts.createVerified("Otto Outboxed", EmailAddress.of(email), PASSWORD, false);
        accounts.requestPasswordReset(email);
        Mailbox.await(email, "Reset your Guildmark password");
        return email;
    }

    @Test
    void demoModeListensOnThisMachineOnly() {
        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
    }

    @Test
    void aBrowserOnThisMachineSeesTheOutbox() {
        String email = aResetLinkInTheOutbox();
        ClientAt.Answer outbox = new ClientAt(baseUrl(), null).get("/dev/outbox");
        assertThat(outbox.status()).isEqualTo(200);
        assertThat(outbox.body()).contains(email).contains("/password/reset/");
    }

    @Test
    void aClientElsewhereGetsNotFound() {
        String email = aResetLinkInTheOutbox();
        ClientAt.Answer outbox = new ClientAt(baseUrl(), "203.0.113.7").get("/dev/outbox");
        assertThat(outbox.status()).isEqualTo(404);
        assertThat(outbox.body()).doesNotContain(email).doesNotContain("/password/reset/");
    }

    @Test
    void aSignedInPersonElsewhereWhoIsNotAnOperatorGetsNotFound() {
        aResetLinkInTheOutbox();
        String email = Fixtures.uniqueEmail("member");
        accounts.createVerified("Mel Member", EmailAddress.of(email), PASSWORD, false);
        ClientAt member = new ClientAt(baseUrl(), "203.0.113.8");
        assertThat(member.signIn(email, PASSWORD).body()).contains("Dashboard");
        assertThat(member.get("/dev/outbox").status()).isEqualTo(404);
    }

    @Test
    void aPlatformOperatorElsewhereSeesTheOutbox() {
        String outboxed = aResetLinkInTheOutbox();
        String email = Fixtures.uniqueEmail("operator");
        accounts.createVerified("Opal Operator", EmailAddress.of(email), PASSWORD, true);
        ClientAt operator = new ClientAt(baseUrl(), "203.0.113.9");
        assertThat(operator.signIn(email, PASSWORD).body()).contains("Dashboard");
        ClientAt.Answer outbox = operator.get("/dev/outbox");
        assertThat(outbox.status()).isEqualTo(200);
        assertThat(outbox.body()).contains(outboxed);
    }
}
