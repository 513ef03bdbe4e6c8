package io.guildmark.app.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import io.guildmark.app.shared.Problem;
import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Fixtures;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.SignedInClient;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Each organization words its own e-mails; they go out as text and HTML, values escaped. */
class EmailTemplatesIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    @Test
    void aTemplateRendersPlaceholdersAsTextAndAsHtmlWithTheValuesEscaped() {
        EmailTemplates.Sender sender = new EmailTemplates.Sender(UUID.randomUUID(), "Guild <of> Pilots", "https://example.org/issuers/p/logo");
        EmailTemplates.Rendered r = EmailTemplates.render(sender, "Well done, {{recipient.name}}", "Dear {{recipient.name}},\n\nClaim it: {{claim.url}}\nThanks",
                Map.of("recipient.name", "<script>alert(1)</script> & \"Co\"", "claim.url", "https://example.org/claim/a?b=1&c=2"));
        assertThat(r.subject()).isEqualTo("Well done, <script>alert(1)</script> & \"Co\"");
        assertThat(r.text()).contains("Dear <script>alert(1)</script> & \"Co\",", "Claim it: https://example.org/claim/a?b=1&c=2");
        assertThat(r.html()).doesNotContain("<script>")
                .contains("Dear &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;,")
                .contains("<a href=\"https://example.org/claim/a?b=1&amp;c=2\">")
                .contains("<img src=\"https://example.org/issuers/p/logo\" alt=\"Guild &lt;of&gt; Pilots\"")
                .contains("<br>");
    }

    @Test
    void unknownPlaceholdersAreRefusedWithTheOnesThatExist() {
        assertThatThrownBy(() -> EmailTemplates.check(EmailTemplates.Kind.EXPIRY_WARNING, "Hi {{recipient.nmae}}", "Expires {{claim.url}}"))
                .isInstanceOf(Problem.class)
                .satisfies(e -> assertThat(io.guildmark.app.shared.FieldErrors.of((Problem) e))
                        .containsEntry("subject", "Unknown placeholder {{recipient.nmae}}. This message knows: {{credential.name}}, {{credential.url}}, "
                                + "{{days.left}}, {{expires.date}}, {{organization.name}}, {{recipient.email}}, {{recipient.name}}, {{renew.url}}.")
                        .containsKey("body"));
    }

    @Test
    void theBuiltInTextsAreTodaysTexts() {
        EmailTemplates templates = context.getBean(EmailTemplates.class);
        EmailTemplates.Template award = templates.template(UUID.randomUUID(), EmailTemplates.Kind.AWARD);
        assertThat(award.custom()).isFalse();
        assertThat(award.subject()).isEqualTo("You earned {{credential.name}} from {{organization.name}}");
        assertThat(award.body()).startsWith("Congratulations, {{recipient.name}}!\n\n{{organization.name}} has awarded you the micro-credential");
    }

    @Test
    void anOrganizationsAwardTemplateIsSavedFromItsPageAndTheAwardArrivesAsMultipartTextAndHtml() throws Exception {
        EarningWorld world = new EarningWorld(context, admin(), baseUrl());
        EarningWorld.Program program = world.program("templates", EarningWorld.onlyDemonstration());
        SignedInClient owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
        Api key = api().withToken(program.apiKey());
        key.put("/api/v1/organizations/" + program.slug() + "/logo", png(), "image/png");
        String page = "/organizations/" + program.slug() + "/email-templates/award";

        SignedInClient.Download refused = owner.postMultipart(page, page, Map.of("subject", "Hi {{recipient.nmae}}", "body", "x"), "none", "",
                "application/octet-stream", new byte[0]);
        assertThat(refused.body()).contains("Unknown placeholder {{recipient.nmae}}");
        // Other tests save templates in the shared database: count this organization's only.
        assertThat(db.sql("select count(*) from email_templates t join organizations o on o.id = t.organization_id where o.slug = ?")
                .param(program.slug()).query(Long.class).single()).isZero();

        SignedInClient.Download preview = owner.postMultipart(page, page + "/preview", Map.of("subject", "Badge for {{recipient.name}}",
                "body", "Hello {{recipient.name}}"), "none", "", "application/octet-stream", new byte[0]);
        assertThat(preview.body()).contains("Badge for Alex Example", "srcdoc=");

        SignedInClient.Download saved = owner.postMultipart(page, page, Map.of("subject", "{{organization.name}}: your badge {{credential.name}}",
                "body", "Dear {{recipient.name}},\n\nYour badge is waiting:\n{{claim.url}}\n\nCheck it at {{credential.url}}"), "none", "",
                "application/octet-stream", new byte[0]);
        assertThat(saved.body()).contains("e-mail is saved");

        String email = Fixtures.uniqueEmail("multipart");
        Api.Response awarded = key.post("/api/v1/organizations/" + program.slug() + "/awards", Map.of("achievementId", program.achievementId().toString(),
                "recipient", Map.of("email", email, "name", "Kim <Kay> & Co")));
        assertThat(awarded.status()).as(awarded.body()).isEqualTo(201);

        Mailbox.Mail mail = Mailbox.await(email, "your badge");
        assertThat(mail.body()).contains("Dear Kim <Kay> & Co,", "/claim/");
        assertThat(Mailbox.messagesTo(email)).hasSize(1);
        MimeMessage message = Mailbox.mimeTo(email).get(0);
        Multipart alternative = alternative((Multipart) message.getContent());
        assertThat(alternative).as("a multipart/alternative part").isNotNull();
        assertThat(Mailbox.part(alternative, "text/plain")).contains("Dear Kim <Kay> & Co,");
        String html = Mailbox.part(alternative, "text/html");
        assertThat(html).contains("Dear Kim &lt;Kay&gt; &amp; Co,", "/issuers/" + program.slug() + "/logo", "<a href=\"" + baseUrl() + "/claim/");
    }

    private static byte[] png() throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(20, 20, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static Multipart alternative(Multipart multipart) throws Exception {
        if (multipart.getContentType().toLowerCase().startsWith("multipart/alternative")) return multipart;
        for (int i = 0; i < multipart.getCount(); i++) {
            if (multipart.getBodyPart(i).getContent() instanceof Multipart inner) {
                Multipart found = alternative(inner);
                if (found != null) return found;
            }
        }
        return null;
    }
}
