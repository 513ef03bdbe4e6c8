package io.guildmark.app.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.AuditTrail;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Prices of a micro-credential per member type ("student", "retired"…, as the association's roster names them): an
 * association charges its members differently by class of membership. The whole set is replaced at once, checked whole
 * first. Types are compared without case; prices are in the micro-credential's currency.
 */
@Service
public class MemberTypePrices {

    public static final int MAX_TYPES = 20;
    public static final int MAX_TYPE = 64;

    /** A member type and its price in the currency's minor unit. */
    public record Price(String memberType, long minor) {}

    private final JdbcClient db;
    private final Organizations organizations;
    private final Achievements achievements;
    private final AuditTrail audit;

    MemberTypePrices(JdbcClient db, Organizations organizations, Achievements achievements, AuditTrail audit) {
        this.db = db;
        this.organizations = organizations;
        this.achievements = achievements;
        this.audit = audit;
    }

    /** The prices set for the micro-credential, by member type. */
    public List<Price> list(Actor actor, String slug, UUID achievementId) {
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        achievements.get(actor, slug, achievementId);
        return prices(org.id(), achievementId);
    }

    /** The price for a member of this type (any case), if one is set. */
    public Optional<Long> priceFor(UUID achievementId, String memberType) {
        return db.sql("select price_minor from member_type_prices where achievement_id = ? and member_type = ?")
                .params(achievementId, memberType.strip().toLowerCase(Locale.ROOT)).query(Long.class).optional();
    }

    /**
     * Replaces the micro-credential's prices per member type with these (major units as text, such as {@code "49.50"};
     * an empty map removes them all). Every bad entry is named and nothing changes.
     */
    @Transactional
    public List<Price> replace(Actor actor, String slug, UUID achievementId, @Nullable Map<String, String> given) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        AchievementDesign design = achievements.get(actor, slug, achievementId);
        Map<String, String> entries = given == null ? Map.of() : given;
        Map<String, String> errors = new LinkedHashMap<>();
        if (entries.size() > MAX_TYPES) errors.put("prices", "Set prices for at most " + MAX_TYPES + " member types.");
        Map<String, Long> checked = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, String> e : entries.entrySet()) {
            String field = "prices[" + i++ + "]";
            String type = e.getKey() == null ? "" : e.getKey().strip().toLowerCase(Locale.ROOT);
            if (type.isEmpty() || type.length() > MAX_TYPE) {
                errors.put(field, "Name the member type (1 to " + MAX_TYPE + " characters).");
                continue;
            }
            if (checked.containsKey(type)) {
                errors.put(field, "The member type \"" + type + "\" is listed twice.");
                continue;
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                errors.put(field, "Give a price for \"" + type + "\" (0 for free).");
                continue;
            }
            Map<String, String> priceErrors = new LinkedHashMap<>();
            Long minor = Money.toMinor(e.getValue(), design.definition().currency(), field, priceErrors);
            if (!priceErrors.isEmpty() || minor == null) {
                errors.put(field, "The price for \"" + type + "\" is not a price such as 49 or 49.50 in "
                        + design.definition().currency() + ".");
            } else if (minor < 0) {
                errors.put(field, "The price for \"" + type + "\" cannot be negative.");
            } else {
                checked.put(type, minor);
            }
        }
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        List<Price> before = prices(org.id(), achievementId);
        db.sql("delete from member_type_prices where achievement_id = ?").param(achievementId).update();
        checked.forEach((type, minor) -> db.sql(
                "insert into member_type_prices (achievement_id, organization_id, member_type, price_minor) values (?, ?, ?, ?)")
                .params(achievementId, org.id(), type, minor).update());
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("before", describe(before));
        change.put("after", describe(prices(org.id(), achievementId)));
        audit.record(actor, org.id(), "achievement.member-type-prices-changed", "achievement", achievementId, change);
        return prices(org.id(), achievementId);
    }

    private List<Price> prices(UUID organizationId, UUID achievementId) {
        return db.sql("select member_type, price_minor from member_type_prices where organization_id = ? and achievement_id = ? order by member_type")
                .params(organizationId, achievementId).query((rs, n) -> new Price(rs.getString(1), rs.getLong(2))).list();
    }

    private static Map<String, Long> describe(List<Price> prices) {
        Map<String, Long> out = new LinkedHashMap<>();
        prices.forEach(p -> out.put(p.memberType(), p.minor()));
        return out;
    }

    /** Lines "type = price" (major units) as the page's text area shows them. */
    public static String asText(List<Price> prices, String currency) {
        List<String> lines = new ArrayList<>();
        for (Price p : prices) lines.add(p.memberType() + " = " + Money.toMajor(p.minor(), currency));
        return String.join("\n", lines);
    }
}
