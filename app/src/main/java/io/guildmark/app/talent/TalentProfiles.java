package io.guildmark.app.talent;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.catalog.AchievementDefinition;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Partnerships;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's choice, per association, to be findable by that association's employer partners: off until they switch
 * it on, showing only the accepted, unrevoked badges of that association they pick, an optional location and a short
 * headline. Withdrawing takes effect at once: searches read only findable profiles.
 */
@Service
public class TalentProfiles {

    public static final int MAX_HEADLINE = 140;
    public static final int MAX_LOCATION = 120;
    /** A profile shows a handful of badges, not a whole backpack (and each is checked live on every result page). */
    public static final int MAX_BADGES = 20;

    /** One association the person holds badges of, and what they chose for it. */
    public record Choice(Organization association, boolean findable, @Nullable String headline, @Nullable String location,
            List<Award> holdable, Set<UUID> shown, List<String> partners) {}

    /** What the person submits for one association. */
    public record Form(boolean findable, @Nullable String headline, @Nullable String location, List<UUID> awardIds) {}

    private final JdbcClient db;
    private final Awards awards;
    private final Achievements achievements;
    private final Organizations organizations;
    private final Accounts accounts;
    private final Partnerships partnerships;
    private final Clock clock;

    TalentProfiles(JdbcClient db, Awards awards, Achievements achievements, Organizations organizations, Accounts accounts,
            Partnerships partnerships, Clock clock) {
        this.partnerships = partnerships;
        this.db = db;
        this.awards = awards;
        this.achievements = achievements;
        this.organizations = organizations;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Every association the person holds at least one accepted, unrevoked badge of, with their choice for it. */
    public List<Choice> choices(Actor.Person person) {
        Map<UUID, List<Award>> byAssociation = new LinkedHashMap<>();
        for (Award award : showable(person)) byAssociation.computeIfAbsent(award.organizationId(), k -> new ArrayList<>()).add(award);
        List<Choice> choices = new ArrayList<>();
        for (var entry : byAssociation.entrySet()) {
            Organization association = organizations.findById(entry.getKey()).orElse(null);
            if (association == null || !association.issues()) continue;
            Stored stored = stored(person.userId(), association.id());
            Set<UUID> shown = stored == null ? Set.of() : new LinkedHashSet<>(db.sql("select award_id from talent_badges where profile_id = ?")
                    .param(stored.id()).query(UUID.class).list());
            choices.add(new Choice(association, stored != null && stored.findable(), stored == null ? null : stored.headline(),
                    stored == null ? null : stored.location(), entry.getValue(), shown,
                    partnerships.activePartnersOf(association.id()).stream().map(Partnerships.Partnership::employerName).toList()));
        }
        choices.sort(java.util.Comparator.comparing(c -> c.association().name().toLowerCase(Locale.ROOT)));
        return choices;
    }

    /**
     * Saves the person's choice for one association (by its slug). Switching it on needs at least one badge; every
     * badge must be one of theirs from that association, accepted and not revoked.
     */
    @Transactional
    public Choice save(Actor.Person person, String associationSlug, Form form) {
        Organization association = organizations.findBySlug(associationSlug).filter(Organization::issues)
                .orElseThrow(() -> Problem.notFound("The association"));
        Map<UUID, Award> mine = new LinkedHashMap<>();
        showable(person).stream().filter(a -> a.organizationId().equals(association.id())).forEach(a -> mine.put(a.id(), a));
        if (mine.isEmpty()) throw Problem.notFound("The association");
        Map<String, String> errors = new LinkedHashMap<>();
        String headline = clean(form.headline());
        String location = clean(form.location());
        if (headline != null && headline.length() > MAX_HEADLINE) errors.put("headline", "Keep the headline to " + MAX_HEADLINE + " characters.");
        if (location != null && location.length() > MAX_LOCATION) errors.put("location", "Keep the location to " + MAX_LOCATION + " characters.");
        List<UUID> chosen = new ArrayList<>(new LinkedHashSet<>(form.awardIds()));
        if (chosen.size() > MAX_BADGES) errors.put("awardIds", "Show at most " + MAX_BADGES + " badges.");
        else if (!mine.keySet().containsAll(chosen)) {
            errors.put("awardIds", "Only badges of " + association.name() + " that you accepted and that are not revoked can be shown.");
        } else if (form.findable() && chosen.isEmpty()) {
            errors.put("awardIds", "Pick at least one badge to show employers.");
        }
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);

        Instant now = clock.instant();
        Stored stored = stored(person.userId(), association.id());
        UUID id = stored == null ? UUID.randomUUID() : stored.id();
        String name = accounts.find(person.userId()).map(u -> u.name()).orElse(person.email());
        if (stored == null) {
            db.sql("""
                    insert into talent_profiles (id, user_id, association_id, findable, display_name, headline, location, location_search, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, person.userId(), association.id(), form.findable(), name, headline, location, lower(location),
                            Timestamp.from(now)).update();
        } else {
            db.sql("""
                    update talent_profiles set findable = ?, display_name = ?, headline = ?, location = ?, location_search = ?,
                      updated_at = ? where id = ?""")
                    .params(form.findable(), name, headline, location, lower(location), Timestamp.from(now), id).update();
        }
        db.sql("delete from talent_badges where profile_id = ?").param(id).update();
        for (UUID awardId : chosen) show(id, mine.get(awardId));
        return choices(person).stream().filter(c -> c.association().id().equals(association.id())).findFirst().orElseThrow();
    }

    /** Withdraws at once from every association: no search shows the person from now on, and nobody can write to them. */
    @Transactional
    public void withdrawEverywhere(Actor.Person person) {
        db.sql("update talent_profiles set findable = false, updated_at = ? where user_id = ?")
                .params(Timestamp.from(clock.instant()), person.userId()).update();
    }

    /** A revoked badge stops being shown at once, in the revocation's transaction. */
    @EventListener
    void on(Award.CredentialRevoked revoked) {
        db.sql("delete from talent_badges where award_id = ?").param(revoked.awardId()).update();
    }

    private void show(UUID profileId, Award award) {
        AchievementDefinition definition = achievements.findVersion(award.achievementId(), award.achievementVersion())
                .map(v -> v.definition()).orElse(null);
        BigDecimal credits = definition == null ? null : definition.creditValue();
        String creditType = definition == null || credits == null ? null : definition.creditType();
        db.sql("""
                insert into talent_badges (profile_id, award_id, achievement_id, achievement_name, achievement_search, issued_at,
                  credit_type, credit_value) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(profileId, award.id(), award.achievementId(), award.achievementName(), lower(award.achievementName()),
                        Timestamp.from(award.issuedAt()), creditType == null ? null : lower(creditType), creditType == null ? null : credits)
                .update();
        if (definition == null) return;
        for (AchievementDefinition.Alignment a : definition.alignments()) {
            if (a.blank()) continue;
            db.sql("""
                    insert into talent_badge_alignments (id, profile_id, award_id, target_name, target_code, target_framework)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), profileId, award.id(), cut(lower(a.targetName()), 500), cut(lower(a.targetCode()), 200),
                            cut(lower(a.targetFramework()), 500)).update();
        }
    }

    /** The badges a person may show: accepted by them (not merely sent to their address) and not revoked. */
    private List<Award> showable(Actor.Person person) {
        return awards.held(person).stream().filter(a -> a.accepted() && person.userId().equals(a.recipientUserId()))
                .filter(a -> !a.revoked()).toList();
    }

    private record Stored(UUID id, boolean findable, @Nullable String headline, @Nullable String location) {}

    private @Nullable Stored stored(UUID userId, UUID associationId) {
        return db.sql("select id, findable, headline, location from talent_profiles where user_id = ? and association_id = ?")
                .params(userId, associationId).query(TalentProfiles::stored).optional().orElse(null);
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        return new Stored(rs.getObject("id", UUID.class), rs.getBoolean("findable"), rs.getString("headline"), rs.getString("location"));
    }

    private static @Nullable String clean(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip().replaceAll("\\s+", " ");
    }

    static @Nullable String lower(@Nullable String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static @Nullable String cut(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
