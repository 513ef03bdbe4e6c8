package io.guildmark.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.WebSession;
import org.junit.jupiter.api.Test;

/** The /verify page without any JavaScript: plain form posts and links, as a screen reader or an old browser sees it. */
class VerificationPageIntegrationTest extends IntegrationTest {

    private final WebSession visitor = new WebSession("http://127.0.0.1:" + port);

    @Test
    void aPastedCredentialIsVerifiedByAPlainFormPost() {
        WebSession.Page page = visitor.submit("/verify", "/verify", "credential", VerificationFixture.signedJson(), "url", "", "recipient", "");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<h2 id=\"verdict-heading\">Verified</h2>").contains("role=\"status\"")
                .contains("Passed").contains("Rigging inspection");
    }

    @Test
    void aPastedVcJwtWithTheRightRecipientIsVerified() {
        WebSession.Page page = visitor.submit("/verify", "/verify", "credential", VerificationFixture.jwt(), "recipient", VerificationFixture.EMAIL);
        assertThat(page.body()).contains("<h2 id=\"verdict-heading\">Verified</h2>").contains("was issued to " + VerificationFixture.EMAIL);
    }

    @Test
    void anInvalidRecipientAddressIsAFieldError() {
        WebSession.Page page = visitor.submit("/verify", "/verify", "credential", VerificationFixture.signedJson(), "recipient", "jane at example");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"recipient-error\"").contains("aria-invalid=\"true\"").doesNotContain("verdict-heading");
    }

    @Test
    void submittingNothingAsksForABadge() {
        WebSession.Page page = visitor.submit("/verify", "/verify", "credential", "  ", "url", "");
        assertThat(page.body()).contains("role=\"alert\"").contains("Paste a credential, choose a badge file, or give the badge");
    }

    @Test
    void aLinkWithAPrivateAddressIsRefusedInPlainWords() {
        WebSession.Page page = visitor.get("/verify?url=" + URLEncoder.encode("http://169.254.169.254/latest/meta-data/", StandardCharsets.UTF_8));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<h2 id=\"verdict-heading\">Not verified</h2>").contains("role=\"alert\"")
                .contains("Fetching the badge").contains("Failed").contains("only public addresses are fetched");
    }

    @Test
    void thePageHasNoInlineScriptsOrStyles() {
        String body = visitor.get("/verify").body();
        assertThat(body).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContain(" style=").doesNotContain("<style");
        assertThat(body).contains("enctype=\"multipart/form-data\"").contains("name=\"_csrf\"");
    }
}
