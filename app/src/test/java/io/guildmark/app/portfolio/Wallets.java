package io.guildmark.app.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.guildmark.app.support.Api;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.Mailbox;
import io.guildmark.app.support.WebSession;

/**
 * What the portfolio tests do as an association's staff and as its learners: award a badge, accept it from the
 * e-mail, sign in, and share a set of badges as one link.
 */
record Wallets(String baseUrl, String slug, Api staff) {

    private static final Pattern LINK = Pattern.compile("value=\"(http[^\"]*/presentations/[A-Za-z0-9_-]+)\"");

    UUID award(UUID achievement, EarningWorld.Person person) {
        Api.Response created = staff.post("/api/v1/organizations/" + slug + "/awards",
                Map.of("achievementId", achievement.toString(), "recipient", Map.of("email", person.email(), "name", person.name())));
        assertThat(created.status()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asText());
    }

    /** Awards the badge and accepts it through the link in its e-mail, signed in as the person. */
    UUID awardAndAccept(UUID achievement, String name, EarningWorld.Person person, WebSession session) {
        UUID id = award(achievement, person);
        String link = Mailbox.await(person.email(), "You earned " + name).firstLinkContaining("/claim/");
        String path = link.substring(link.indexOf("/claim/"));
        assertThat(session.submit(path, path + "/accept").body()).contains("The badge is in your account");
        return id;
    }

    WebSession signedIn(EarningWorld.Person person) {
        WebSession session = new WebSession(baseUrl);
        session.signIn(person.email(), EarningWorld.PASSWORD);
        return session;
    }

    /** Shares the badges as one set with this title; the set's public link. */
    String share(WebSession session, String title, UUID... awards) {
        String[] fields = new String[2 + awards.length * 2];
        fields[0] = "title";
        fields[1] = title;
        for (int i = 0; i < awards.length; i++) {
            fields[2 + i * 2] = "awardId";
            fields[3 + i * 2] = awards[i].toString();
        }
        String page = session.submit("/wallet/presentations", "/wallet/presentations", fields).body();
        assertThat(page).contains("Your link is ready");
        Matcher m = LINK.matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
