package io.guildmark.app.renewals;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.catalog.AchievementVersion;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.Decimals;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How each micro-credential with a validity period is renewed, as its designer (Permission.DESIGN) sets it. One without
 * a path set is renewed by staff review.
 */
@Service
public class RenewalPaths {

    public enum Path {
        /** The holder earns it again through its earning design. */
        RE_ASSESSMENT("Earn it again"),
        /** Renewable once the holder has earned enough credits of a type since the award. */
        CREDITS("Credits earned since the award"),
        /** The holder asks; staff who may issue decide. */
        STAFF_REVIEW("Staff review of a request");

        private final String label;

        Path(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The path of one micro-credential; {@code creditType} and {@code creditsRequired} are set for CREDITS only. */
    public record Setting(UUID achievementId, UUID organizationId, Path path, @Nullable String creditType, @Nullable BigDecimal creditsRequired) {

        public String describe() {
            return path == Path.CREDITS ? "Renewable with " + creditsRequired.stripTrailingZeros().toPlainString() + " " + creditType
                    + " earned since the award" : path.label();
        }
    }

    private final JdbcClient db;
    private final Organizations organizations;
    private final Achievements achievements;
    private final Clock clock;

    RenewalPaths(JdbcClient db, Organizations organizations, Achievements achievements, Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.achievements = achievements;
        this.clock = clock;
    }

    /** The path set for the micro-credential, or staff review when none is. */
    public Setting of(UUID achievementId, UUID organizationId) {
        return find(achievementId).orElse(new Setting(achievementId, organizationId, Path.STAFF_REVIEW, null, null));
    }

    public Optional<Setting> find(UUID achievementId) {
        return db.sql("select * from renewal_paths where achievement_id = ?").param(achievementId).query(RenewalPaths::setting).optional();
    }

    @Transactional
    public Setting set(Actor actor, String slug, UUID achievementId, String path, String creditType, String creditsRequired) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        AchievementVersion version = achievements.latestVersion(achievementId).filter(v -> v.organizationId().equals(org.id()))
                .orElseThrow(() -> Problem.notFound("The micro-credential"));
        Map<String, String> errors = new LinkedHashMap<>();
        if (version.definition().validityMonths() == null) {
            errors.put("path", "\"" + version.definition().name() + "\" does not expire; give it a validity period first.");
        }
        Path chosen = null;
        try {
            chosen = Path.valueOf((path == null ? "" : path.strip()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put("path", "Choose how it is renewed: earning it again, credits, or staff review.");
        }
        String type = null;
        BigDecimal credits = null;
        if (chosen == Path.CREDITS) {
            type = creditType == null ? "" : creditType.strip();
            if (type.isEmpty() || type.length() > 30) errors.put("creditType", "Say which credits count (CEU, PDU, …; at most 30 characters).");
            try {
                credits = Decimals.parse(creditsRequired == null ? "" : creditsRequired);
                if (credits.signum() <= 0 || credits.compareTo(new BigDecimal("10000")) > 0 || credits.stripTrailingZeros().scale() > 2) {
                    errors.put("creditsRequired", "Enter the credits required as a number above 0 and at most 10,000, with at most two decimals.");
                }
            } catch (NumberFormatException e) {
                errors.put("creditsRequired", "Enter the credits required as a number, such as 10.");
            }
        }
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        db.sql("delete from renewal_paths where achievement_id = ?").param(achievementId).update();
        db.sql("insert into renewal_paths (achievement_id, organization_id, path, credit_type, credits_required, updated_at) values (?, ?, ?, ?, ?, ?)")
                .params(achievementId, org.id(), chosen.name(), type, credits, Timestamp.from(clock.instant())).update();
        return find(achievementId).orElseThrow();
    }

    private static Setting setting(ResultSet rs, int row) throws SQLException {
        return new Setting(rs.getObject("achievement_id", UUID.class), rs.getObject("organization_id", UUID.class),
                Path.valueOf(rs.getString("path")), rs.getString("credit_type"), rs.getBigDecimal("credits_required"));
    }

    /** The organization's published micro-credentials that expire, with their paths. */
    public List<Expiring> expiringMicroCredentials(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        return achievements.catalog(new io.guildmark.app.catalog.CatalogQuery(null, null, null, null, null, org.slug())).stream()
                .map(e -> e.version()).filter(v -> v.definition().validityMonths() != null)
                .map(v -> new Expiring(v.achievementId(), v.definition().name(), v.definition().validityMonths(), of(v.achievementId(), org.id())))
                .toList();
    }

    public record Expiring(UUID achievementId, String name, int validityMonths, Setting setting) {}
}
