package io.guildmark.app.notifications;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/** Makes the links in an outbox message clickable, escaping everything else. */
@Component("outboxLinks")
class OutboxLinks {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    public String linkify(String body) {
        String escaped = HtmlUtils.htmlEscape(body);
        Matcher m = LINK.matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String url = m.group();
            m.appendReplacement(out, Matcher.quoteReplacement("<a href=\"" + url + "\">" + url + "</a>"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
