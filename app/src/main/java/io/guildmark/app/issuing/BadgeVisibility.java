package io.guildmark.app.issuing;

import java.util.List;
import java.util.UUID;

import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may see a badge's page, and the holder's choice of it (docs/profiles.md). Only the holder of an accepted award
 * chooses; a pending or declined award is private. Private pages are open to the holder and to the issuing
 * organization's staff who may see learners; anyone else is told the badge does not exist.
 */
@Service
public class BadgeVisibility {

    private final Awards awards;
    private final Organizations organizations;
    private final io.guildmark.app.accounts.EmailAddresses emails;
    private final JdbcClient db;
    private final ObjectProvider<HolderPreferences> preferences;

    BadgeVisibility(Awards awards, Organizations organizations, io.guildmark.app.accounts.EmailAddresses emails, JdbcClient db,
            ObjectProvider<HolderPreferences> preferences) {
        this.awards = awards;
        this.organizations = organizations;
        this.emails = emails;
        this.db = db;
        this.preferences = preferences;
    }

    /** Whether anyone may see the award and show it elsewhere (an embed, a profile); false for an unknown id. */
    public boolean isPublic(UUID awardId) {
        return db.sql("select count(*) from awards where id = ? and claim_state = 'accepted' and visibility = 'public'")
                .param(awardId).query(Long.class).single() > 0;
    }

    /**
     * Sets the visibility of a badge the person has accepted. Someone else's award, or an unknown one, is "not found"
     * (nothing says whether it exists); a badge not yet accepted is refused with a reason: accept it first.
     */
    @Transactional
    public Award set(Actor.Person person, UUID awardId, Visibility visibility) {
        int updated = db.sql("update awards set visibility = ? where id = ? and recipient_user_id = ? and claim_state = 'accepted'")
                .params(visibility.word(), awardId, person.userId()).update();
        if (updated == 1) return awards.find(awardId).orElseThrow();
        Award award = awards.find(awardId).filter(a -> holds(person, a)).orElseThrow(() -> Problem.notFound("The badge"));
        throw Problem.conflict("not-accepted", "Accept the badge " + award.achievementName() + " first; until then it is private.");
    }

    /** Whether the actor may open the award's page: anyone for public and unlisted badges; otherwise holder or staff. */
    public boolean maySee(@Nullable Actor actor, Award award) {
        if (award.visibility() != Visibility.PRIVATE) return true;
        if (actor == null) return false;
        if (actor instanceof Actor.Person person && holds(person, award)) return true;
        return organizations.allowed(actor, award.organizationId(), Permission.SEE_LEARNERS);
    }

    /** Whether search engines may index the award's page: a public badge whose holder allows it. */
    public boolean indexable(Award award) {
        if (!award.isPublic() || award.recipientUserId() == null) return false;
        HolderPreferences chosen = preferences.getIfAvailable();
        return chosen != null && chosen.indexable(award.recipientUserId());
    }

    /** The person's accepted, unrevoked, public badges, oldest first: what their profile may show. */
    public List<Award> publicBadgesOf(UUID userId) {
        return db.sql("""
                select * from awards where recipient_user_id = ? and claim_state = 'accepted' and state = 'active' and visibility = 'public'
                order by valid_from, issued_at""").param(userId).query(Awards::award).list();
    }

    /**
     * The holder, as {@link Awards#heldByUser} decides it: the account that accepted it, or while pending, the account
     * that verified its address. Nobody holds a declined award.
     */
    private boolean holds(Actor.Person person, Award award) {
        if (award.accepted()) return person.userId().equals(award.recipientUserId());
        if (award.declined()) return false;
        return emails.verifiedEmails(person.userId()).contains(award.recipientEmail());
    }
}
