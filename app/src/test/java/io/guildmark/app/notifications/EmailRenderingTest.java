package io.guildmark.app.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Rendering a message from a template split once into parts gives exactly what filling the template text afresh
 * gives: the reference below is the straightforward algorithm the parts replaced, kept here as the oracle.
 */
class EmailRenderingTest {

    private static final EmailTemplates.Sender SENDER = new EmailTemplates.Sender(UUID.randomUUID(), "Guild & <Co>", "https://x.test/logo?a=1&b=\"2\"");

    @Test
    void everyBuiltInMessageRendersAsTheReferenceRendersIt() {
        Map<String, String> values = EmailTemplates.samples("Guild of \"Weavers\" & <Spinners>", "https://guild.test");
        values.put("review.reason", "Line one\nline <two>\n\nA new paragraph & more");
        for (EmailTemplates.Kind kind : EmailTemplates.Kind.values()) {
            assertSameAsReference(kind.defaultSubject(), kind.defaultBody(), values);
        }
    }

    @Test
    void randomTemplatesWithPlaceholdersBreaksAndMarkupRenderAsTheReferenceRendersThem() {
        Random random = new Random(7);
        String[] pieces = {"{{recipient.name}}", "{{ claim.url }}", "{{unknown}}", "{{", "}}", "{ {x} }", "\n", "\n\n", "\n  \n", "\r\n",
                "<b>", "&", "\"", "'", "text ", "https://a.test/?q=<1>", " ", "{{credential.name}}{{claim.days}}"};
        Map<String, String> values = new LinkedHashMap<>();
        values.put("recipient.name", "Ada <Lovelace>\nsecond line");
        values.put("claim.url", "https://guild.test/claim/t?x=1&y=2");
        values.put("credential.name", "Weaving & \"Spinning\"");
        values.put("claim.days", "60");
        for (int i = 0; i < 2_000; i++) {
            StringBuilder subject = new StringBuilder();
            StringBuilder body = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) subject.append(pieces[random.nextInt(pieces.length)]);
            for (int n = random.nextInt(30); n > 0; n--) body.append(pieces[random.nextInt(pieces.length)]);
            assertSameAsReference(subject.toString(), body.toString(), values);
        }
    }

    @Test
    void anEditedTemplateRendersItsNewTextAtOnce() {
        Map<String, String> values = Map.of("recipient.name", "Ada");
        assertThat(EmailTemplates.render(SENDER, "Hi", "Hello {{recipient.name}}", values).text()).isEqualTo("Hello Ada");
        assertThat(EmailTemplates.render(SENDER, "Hi", "Welcome {{recipient.name}}!", values).text()).isEqualTo("Welcome Ada!");
    }

    private static void assertSameAsReference(String subject, String body, Map<String, String> values) {
        EmailTemplates.Rendered rendered = EmailTemplates.render(SENDER, subject, body, values);
        assertThat(rendered.subject()).as("subject of %s", subject).isEqualTo(fill(subject, values, false).replaceAll("[\\r\\n]+", " ").strip());
        assertThat(rendered.text()).as("text of %s", body).isEqualTo(fill(body, values, false));
        assertThat(rendered.html()).as("HTML of %s", body).isEqualTo(referenceHtml(body, values));
    }

    // The reference: fill the template text afresh, paragraph by paragraph.

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    private static String fill(String template, Map<String, String> values, boolean escape) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String literal = template.substring(last, m.start());
            out.append(escape ? EmailTemplates.escape(literal) : literal);
            String value = values.getOrDefault(m.group(1), "");
            boolean address = value.startsWith("https://") || value.startsWith("http://");
            out.append(!escape ? value : address
                    ? "<a href=\"" + EmailTemplates.escape(value) + "\">" + EmailTemplates.escape(value) + "</a>" : EmailTemplates.escape(value));
            last = m.end();
        }
        String rest = template.substring(last);
        out.append(escape ? EmailTemplates.escape(rest) : rest);
        return out.toString();
    }

    private static String referenceHtml(String body, Map<String, String> values) {
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : body.strip().split("\\n\\s*\\n")) {
            paragraphs.add("<p style=\"margin:0 0 1em 0\">" + fill(paragraph.strip(), values, true).replace("\n", "<br>\n") + "</p>\n");
        }
        String html = EmailTemplates.html(SENDER, body, values);
        String head = html.substring(0, html.indexOf("<p style=\"margin:0 0 1em 0\">") < 0 ? html.indexOf("</body>") : html.indexOf("<p style=\"margin:0 0 1em 0\">"));
        return head + String.join("", paragraphs) + "</body></html>\n";
    }
}
