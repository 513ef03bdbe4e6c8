package io.guildmark.app.credits;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which category (such as ethics) a micro-credential's credits count toward, as a designer marks it. Kept apart from the
 * catalog so that published, signed definitions never change; a new marking applies to every award of it, old and new.
 */
@Service
public class CreditCategories {

    private final JdbcClient db;
    private final Organizations organizations;
    private final Achievements achievements;
    private final Clock clock;

    CreditCategories(JdbcClient db, Organizations organizations, Achievements achievements, Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.achievements = achievements;
        this.clock = clock;
    }

    /** Marks the micro-credential's credits as counting toward the category; an empty category clears the marking. */
    @Transactional
    public Optional<String> set(Actor actor, String slug, UUID achievementId, @Nullable String category) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        achievements.latestVersion(achievementId).filter(v -> v.organizationId().equals(org.id()))
                .orElseThrow(() -> Problem.notFound("The micro-credential"));
        String normalized = RenewalRules.normalizeCategory(category);
        if (normalized.length() > 50) throw Problem.invalidField("category", "Keep the category to 50 characters or fewer.");
        db.sql("delete from credit_categories where achievement_id = ?").param(achievementId).update();
        if (normalized.isEmpty()) return Optional.empty();
        db.sql("insert into credit_categories (achievement_id, organization_id, category, updated_at) values (?, ?, ?, ?)")
                .params(achievementId, org.id(), normalized, Timestamp.from(clock.instant())).update();
        return Optional.of(normalized);
    }

    public Optional<String> categoryOf(UUID achievementId) {
        return db.sql("select category from credit_categories where achievement_id = ?").param(achievementId).query(String.class).optional();
    }

    /** Every marking of the organization: achievement id to category. */
    public Map<UUID, String> forOrganization(UUID organizationId) {
        Map<UUID, String> result = new HashMap<>();
        db.sql("select achievement_id, category from credit_categories where organization_id = ?").param(organizationId)
                .query((rs, n) -> result.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        return result;
    }
}
