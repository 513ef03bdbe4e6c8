package io.guildmark.app.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The privacy policy every page's footer and the OB 3.0 service description point at: there, public, and saying what
 * the platform stores and shares; an operator's own text replaces the default, shown as text.
 */
class PrivacyPageIntegrationTest extends IntegrationTest {

    @Test
    void thePrivacyPageIsPublicAndTheServiceDescriptionPointsAtIt() {
        Api.Response page = api().get("/privacy", "text/html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Privacy</h1>", "What we store", "What others see", "What you control",
                "no third-party trackers");
        assertThat(api().get("/", "text/html").body()).contains("href=\"/privacy\"");

        String url = api().get("/ims/ob/v3p0/discovery").json().at("/info/x-imssf-privacyPolicyUrl").asText();
        assertThat(url).isEqualTo(baseUrl() + "/privacy");
    }

    @Test
    void anOperatorsTextIsSplitIntoHeadingsAndParagraphs() {
        var blocks = PrivacyPages.blocks("# Who we are\n\nThe Guild of Pilots runs this site\nfrom Rotterdam.\r\n\r\n"
                + "<script>alert(1)</script>\n\n\n# Your rights\n\nAsk us.");
        assertThat(blocks).containsExactly(new PrivacyPages.Block(true, "Who we are"),
                new PrivacyPages.Block(false, "The Guild of Pilots runs this site from Rotterdam."),
                new PrivacyPages.Block(false, "<script>alert(1)</script>"), // shown as text by the page (th:text)
                new PrivacyPages.Block(true, "Your rights"), new PrivacyPages.Block(false, "Ask us."));
    }
}
