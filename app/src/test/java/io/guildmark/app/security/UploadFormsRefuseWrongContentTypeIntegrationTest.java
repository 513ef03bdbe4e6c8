package io.guildmark.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.SignedInClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Finding: posting something other than a multipart form to an upload form (a logo, a badge image, an import) answered
 * 500. Now a form that is not multipart is 415 and a form without its file is 400, with a readable page; the API
 * answers problem details.
 */
class UploadFormsRefuseWrongContentTypeIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    private static final byte[] FORM = "name=value".getBytes(StandardCharsets.UTF_8);

    @Test
    void uploadFormsAnswerANonMultipartPostWith415AndAReadablePage() {
        EarningWorld.Program program = new EarningWorld(context, admin(), baseUrl()).program("ctype", EarningWorld.onlyDemonstration());
        SignedInClient owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        String org = "/organizations/" + program.slug();
        Map<String, String> uploads = Map.of(
                org + "/logo", org + "/settings",
                org + "/catalog/" + program.achievementId() + "/image", org + "/catalog/" + program.achievementId(),
                org + "/catalog/import", org + "/catalog",
                org + "/roster/upload", org + "/roster",
                org + "/completions/upload", org + "/completions");
        uploads.forEach((action, page) -> {
            for (String type : new String[] {"application/x-www-form-urlencoded", "application/json", "text/plain"}) {
                SignedInClient.Download answer = owner.postRaw(page, action, type, FORM);
                assertThat(answer.status()).as(action + " as " + type + ": " + answer.body()).isIn(400, 415);
                assertThat(answer.contentType()).as(action).startsWith("text/html");
                assertThat(answer.body()).as(action).contains("multipart/form-data");
            }
        });
        assertThat(owner.get(org + "/settings").status()).as("still signed in").isEqualTo(200);
    }

    @Test
    void anUploadFormWithoutItsFileIsA400PageNotA500() {
        EarningWorld.Program program = new EarningWorld(context, admin(), baseUrl()).program("nopart", EarningWorld.onlyDemonstration());
        SignedInClient owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        String org = "/organizations/" + program.slug();
        SignedInClient.Download answer = owner.postMultipart(org + "/settings", org + "/logo", Map.of(), "notTheLogo", "a.png",
                "image/png", new byte[] {1, 2, 3});
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("text/html");
    }

    @Test
    void theVerifyApiAnswersABrokenMultipartBodyWithAProblemNotA500() {
        Api.Response broken = api().post("/api/v1/verify", "not multipart at all".getBytes(StandardCharsets.UTF_8),
                "multipart/form-data; boundary=nothing-here");
        assertThat(broken.status()).as(broken.body()).isIn(200, 400, 415);
        assertThat(broken.status()).isNotEqualTo(500);
        if (broken.status() != 200) assertThat(broken.header("Content-Type")).startsWith("application/problem+json");
    }
}
