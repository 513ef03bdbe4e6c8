package io.guildmark.app.issuing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.accounts.EmailAddresses;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claiming binds an award to its recipient. An award is sent to an e-mail address; the e-mailed link opens a page that
 * names the badge, the issuer and the address, and only an account that has verified that address may accept or
 * decline it there. The link alone proves nothing: it is forwarded, leaked and guessed-at in mail scanners.
 */
@Service
public class Claims {

    /** Where a claim stands for the person looking at it. */
    public enum Situation {
        /** Nobody is signed in: sign in (or sign up) with the address first. */
        SIGNED_OUT,
        /** The person has verified the address and may accept or decline. */
        MAY_DECIDE,
        /** The person is signed in to an account that has not verified the address. */
        WRONG_ACCOUNT,
        ACCEPTED_BY_YOU,
        ACCEPTED,
        DECLINED,
        REVOKED,
        EXPIRED
    }

    /** What the claim page shows. {@code sentTo} is masked unless the viewer has verified it. */
    public record ClaimPage(Award award, String issuerName, String sentTo, Situation situation) {}

    private final Awards awards;
    private final EmailAddresses emails;
    private final Organizations organizations;
    private final JdbcClient db;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final org.springframework.beans.factory.ObjectProvider<HolderPreferences> preferences;

    Claims(Awards awards, EmailAddresses emails, Organizations organizations, JdbcClient db, Clock clock, ApplicationEventPublisher events,
            org.springframework.beans.factory.ObjectProvider<HolderPreferences> preferences) {
        this.events = events;
        this.preferences = preferences;
        this.awards = awards;
        this.emails = emails;
        this.organizations = organizations;
        this.db = db;
        this.clock = clock;
    }

    /** The claim page behind a link; empty when the link is not one of ours. */
    public Optional<ClaimPage> page(Actor.@Nullable Person person, String token) {
        return byToken(token).map(award -> {
            Situation situation = situation(award, person);
            boolean own = person != null && emails.verifiedEmails(person.userId()).contains(award.recipientEmail());
            String issuer = organizations.findById(award.organizationId()).map(Organization::name).orElse("");
            return new ClaimPage(award, issuer, own ? award.recipientEmail() : mask(award.recipientEmail()), situation);
        });
    }

    /** Accepts the award into the person's account: only an account that has verified the address it was sent to. */
    @Transactional
    public Award accept(Actor.Person person, String token) {
        return decide(person, token, Award.ACCEPTED);
    }

    /** Declines the award: it then counts for nobody, and the link stops working. */
    @Transactional
    public Award decline(Actor.Person person, String token) {
        return decide(person, token, Award.DECLINED);
    }

    /**
     * Sends the recipient a new claim link (the old one stops working) with a fresh expiry; for staff who may issue.
     * Refused (409) once the award is revoked, accepted or declined: there is nothing left to claim.
     */
    @Transactional
    public Award renewLink(Actor actor, String slug, UUID awardId) {
        Organization org = organizations.require(actor, slug, Permission.ISSUE);
        Award award = awards.find(awardId).filter(a -> a.organizationId().equals(org.id())).orElseThrow(() -> Problem.notFound("The award"));
        if (award.revoked()) throw Problem.conflict("award-revoked", "This award is revoked; it cannot be claimed.");
        if (award.accepted()) throw Problem.conflict("already-claimed", "The recipient has already accepted this award.");
        if (award.declined()) throw Problem.conflict("declined", "The recipient declined this award.");
        String token = SecretTokens.newToken();
        int updated = db.sql("update awards set claim_token_hash = ?, claim_link_expires_at = ? where id = ? and claim_state = 'pending'")
                .params(SecretTokens.hash(token), Timestamp.from(clock.instant().plus(Awards.CLAIM_LINK_VALIDITY)), awardId).update();
        if (updated != 1) throw Problem.conflict("already-claimed", "The recipient has already decided about this award.");
        awards.sendClaimLink(org, award.achievementName(), EmailAddress.of(award.recipientEmail()), award.recipientName(), award.id(), token,
                io.guildmark.app.notifications.EmailTemplates.Kind.CLAIM_REMINDER);
        return awards.find(awardId).orElseThrow();
    }

    private Award decide(Actor.Person person, String token, String decision) {
        Award award = byToken(token).orElseThrow(Claims::invalidLink);
        Situation situation = situation(award, person);
        if (situation != Situation.MAY_DECIDE) throw refusal(award, situation);
        // An accepted badge takes the visibility the person chose for new badges (a pending one was private until now).
        HolderPreferences chosen = preferences.getIfAvailable();
        Visibility visibility = chosen == null ? Visibility.UNLISTED : chosen.defaultVisibility(person.userId());
        // Only a pending award changes: two clicks at once, or a decision racing staff's revocation, change it once.
        int updated = db.sql("""
                update awards set claim_state = ?, recipient_user_id = ?, claimed_at = ?, visibility = ?
                where id = ? and claim_state = 'pending' and state = 'active'""")
                .params(decision, person.userId(), Timestamp.from(clock.instant()), visibility.word(), award.id()).update();
        if (updated != 1) throw refusal(award, situation(awards.find(award.id()).orElseThrow(), person));
        events.publishEvent(new Award.CredentialClaimed(award.id(), award.organizationId(), decision));
        return awards.find(award.id()).orElseThrow();
    }

    Situation situation(Award award, Actor.@Nullable Person person) {
        if (award.revoked()) return Situation.REVOKED;
        if (award.accepted()) return person != null && person.userId().equals(award.recipientUserId()) ? Situation.ACCEPTED_BY_YOU : Situation.ACCEPTED;
        if (award.declined()) return Situation.DECLINED;
        Instant now = clock.instant();
        if (award.claimLinkExpiresAt() != null && !award.claimLinkExpiresAt().isAfter(now)) return Situation.EXPIRED;
        if (person == null) return Situation.SIGNED_OUT;
        return emails.verifiedEmails(person.userId()).contains(award.recipientEmail()) ? Situation.MAY_DECIDE : Situation.WRONG_ACCOUNT;
    }

    /** Why a person may not decide, in words the claim page shows too. */
    static Problem refusal(Award award, Situation situation) {
        return switch (situation) {
            case REVOKED -> Problem.conflict("award-revoked", "This badge was revoked by its issuer; it can no longer be claimed.");
            case ACCEPTED_BY_YOU -> Problem.conflict("already-claimed", "You have already added this badge to your account.");
            case ACCEPTED -> Problem.conflict("already-claimed", "This badge has already been claimed.");
            case DECLINED -> Problem.conflict("declined", "This badge was declined. Ask the issuer if that was a mistake.");
            case EXPIRED -> Problem.conflict("claim-link-expired", "This claim link has expired. Ask the issuer to send you a new one.");
            case SIGNED_OUT -> Problem.forbidden("Sign in to claim this badge.");
            case WRONG_ACCOUNT -> Problem.forbidden(wrongAccount(award.recipientEmail()));
            case MAY_DECIDE -> throw new IllegalStateException("nothing to refuse");
        };
    }

    static String wrongAccount(String recipientEmail) {
        return "This badge was sent to " + mask(recipientEmail) + "; add and verify that address in your account to claim it.";
    }

    private Optional<Award> byToken(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) return Optional.empty();
        return db.sql("select id from awards where claim_token_hash = ?").param(SecretTokens.hash(token)).query(UUID.class).optional()
                .flatMap(awards::find);
    }

    static Problem invalidLink() {
        return Problem.notFound("The claim link");
    }

    /** An address shown to whoever holds the link: enough for its owner to recognise it ({@code a***@example.org}). */
    static String mask(String email) {
        int at = email.indexOf('@');
        if (at <= 0) return "***";
        return email.charAt(0) + "***" + email.substring(at);
    }
}
