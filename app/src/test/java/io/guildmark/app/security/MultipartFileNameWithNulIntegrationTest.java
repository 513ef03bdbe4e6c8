package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.SignedInClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Finding: a NUL byte in a multipart file name answered 500 and signed the person out. A file name with NUL or other
 * control characters is now cleaned (the upload works) or refused with 400, and the person stays signed in.
 */
class MultipartFileNameWithNulIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    private static final byte[] SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 8 8\"><circle cx=\"4\" cy=\"4\" r=\"4\"/></svg>"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aLogoWhoseFileNameHasANulIsNot500AndTheOwnerStaysSignedIn() {
        EarningWorld.Program program = new EarningWorld(context, admin(), baseUrl()).program("nul", EarningWorld.onlyDemonstration());
        SignedInClient owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        String org = "/organizations/" + program.slug();
        for (String name : new String[] {"logo\u0000.svg", "lo\u0001go\r\n.svg", "\u0000"}) {
            SignedInClient.Download answer = owner.postMultipart(org + "/settings", org + "/logo", Map.of(), "logo", name,
                    "image/svg+xml", SVG);
            assertThat(answer.status()).as(name + ": " + answer.body()).isIn(200, 400);
            SignedInClient.Download settings = owner.get(org + "/settings");
            assertThat(settings.status()).isEqualTo(200);
            assertThat(settings.body()).as("still signed in").doesNotContain("name=\"password\"");
        }
    }

    @Test
    void aVerificationUploadWhoseFileNameHasANulIsAnswered() {
        EarningWorld.Program program = new EarningWorld(context, admin(), baseUrl()).program("nulverify", EarningWorld.onlyDemonstration());
        SignedInClient owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        SignedInClient.Download answer = owner.postMultipart("/verify", "/verify", Map.of(), "file", "badge\u0000.json",
                "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(answer.body()).isIn(200, 400);
        assertThat(answer.body()).doesNotContain("\u0000");
        assertThat(owner.get("/organizations/" + program.slug() + "/settings").status()).isEqualTo(200);
    }
}
