package io.guildmark.app.support;

import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.accounts.User;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.issuing.BadgeVisibility;
import io.guildmark.app.issuing.Claims;
import io.guildmark.app.issuing.Visibility;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.EmailAddress;
import org.springframework.context.ApplicationContext;

/**
 * The recipient's side for tests that show a badge's page to anyone: a pending badge is private, so such a test has
 * its recipient accept it (an account with the verified address, the e-mailed claim link) and make it public, the
 * way a person does it.
 */
public final class Holders {

    private Holders() {}

    /** Accepts the award as its recipient (creating their account if none has the address) and makes it public. */
    public static Award acceptAndMakePublic(ApplicationContext context, UUID awardId) {
        Awards awards = context.getBean(Awards.class);
        Claims claims = context.getBean(Claims.class);
        Award award = awards.find(awardId).orElseThrow();
        Accounts accounts = context.getBean(Accounts.class);
        User user = accounts.findByEmail(award.recipientEmail()).orElseGet(() ->
                accounts.createVerified(award.recipientName(), EmailAddress.of(award.recipientEmail()), EarningWorld.PASSWORD, false));
        Actor.Person person = new Actor.Person(user.id(), user.email(), false);
        if (!award.accepted()) claims.accept(person, claimToken(claims, person, award));
        context.getBean(BadgeVisibility.class).set(person, awardId, Visibility.PUBLIC);
        return awards.find(awardId).orElseThrow();
    }

    /** The token of the e-mailed claim link for this award (waits for the e-mail to arrive). */
    private static String claimToken(Claims claims, Actor.Person person, Award award) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            for (Mailbox.Mail mail : Mailbox.messagesTo(award.recipientEmail())) {
                if (!mail.body().contains("/claim/")) continue;
                String link = mail.firstLinkContaining("/claim/");
                String token = link.substring(link.indexOf("/claim/") + "/claim/".length());
                if (claims.page(person, token).filter(p -> p.award().id().equals(award.id())).isPresent()) return token;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("No claim e-mail for award " + award.id() + " to " + award.recipientEmail());
    }
}
