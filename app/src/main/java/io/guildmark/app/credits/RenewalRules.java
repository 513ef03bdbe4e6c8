package io.guildmark.app.credits;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import io.guildmark.app.catalog.AchievementVersion;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.credits.model.RenewalRule;
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
 * The renewal rules an organization sets, e.g. "30 PDU every 3 years, 5 of them in ethics", each attached to one of its
 * micro-credentials (cycles from the day the holder earned it) or to a license it oversees (cycles from the day the
 * holder enters). Designers (Permission.DESIGN) keep them; every member may read them.
 */
@Service
public class RenewalRules {

    /** What a rule's cycles count from. */
    public enum Anchor {
        /** The day the holder earned the micro-credential here. */
        CREDENTIAL,
        /** The day the holder got a license the organization oversees, as they enter it. */
        LICENSE
    }

    /** A stored rule. {@code achievementName} is set for credential rules. */
    public record Rule(UUID id, UUID organizationId, String name, String creditType, BigDecimal requiredTotal, int cycleYears,
            Map<String, BigDecimal> categories, Anchor anchor, @Nullable UUID achievementId, @Nullable String achievementName) {

        public RenewalRule model() {
            return new RenewalRule(name, creditType, requiredTotal, cycleYears, categories);
        }

        /** The categories as the form shows them: {@code ethics=5, safety=2}. */
        public String categoriesText() {
            return String.join(", ", categories.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().stripTrailingZeros().toPlainString()).toList());
        }

        public String describe() {
            String total = requiredTotal.stripTrailingZeros().toPlainString() + " " + creditType + " every " + cycleYears
                    + (cycleYears == 1 ? " year" : " years");
            if (categories.isEmpty()) return total;
            return total + ", of which " + String.join(", ", categories.entrySet().stream()
                    .map(e -> e.getValue().stripTrailingZeros().toPlainString() + " in " + e.getKey()).toList());
        }
    }

    /** What the form sends; every field is text so that any input gets a readable answer. */
    public record RuleForm(String name, String creditType, String requiredTotal, String cycleYears, String categories, String anchor,
            String achievementId) {}

    /** A license a holder tracks, with the day their cycles count from. */
    public record LicenseAnchor(UUID ruleId, String email, LocalDate anchorDate) {}

    static final BigDecimal MAX_CREDITS = new BigDecimal("10000");
    private static final Pattern CATEGORY = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} &'-]{0,49}");

    private final JdbcClient db;
    private final Organizations organizations;
    private final Achievements achievements;
    private final Clock clock;
    private final io.guildmark.app.shared.AuditTrail audit;

    RenewalRules(JdbcClient db, Organizations organizations, Achievements achievements, Clock clock, io.guildmark.app.shared.AuditTrail audit) {
        this.audit = audit;
        this.db = db;
        this.organizations = organizations;
        this.achievements = achievements;
        this.clock = clock;
    }

    public List<Rule> list(Actor actor, String slug) {
        return forOrganization(organizations.require(actor, slug, Permission.VIEW).id());
    }

    /** The organization's rules, for the ledger (no person's permission involved: learners see their own standing). */
    public List<Rule> forOrganization(UUID organizationId) {
        return db.sql("select * from renewal_rules where organization_id = ? order by name, created_at").param(organizationId)
                .query(this::rule).list();
    }

    public Optional<Rule> find(UUID id) {
        return db.sql("select * from renewal_rules where id = ?").param(id).query(this::rule).optional();
    }

    /** Every rule of every organization, for the daily reminders. */
    public List<Rule> all() {
        return db.sql("select * from renewal_rules order by organization_id, name").query(this::rule).list();
    }

    /** Organizations that have at least one rule: where a learner may report external credits. */
    public List<Organization> organizationsWithRules() {
        return db.sql("select distinct organization_id from renewal_rules").query(UUID.class).list().stream()
                .flatMap(id -> organizations.findById(id).stream())
                .sorted(java.util.Comparator.comparing(Organization::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    @Transactional
    public Rule create(Actor actor, String slug, RuleForm form) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        Valid valid = validate(org, form);
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        db.sql("""
                insert into renewal_rules (id, organization_id, name, credit_type, required_total, cycle_years, anchor, achievement_id,
                  created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, org.id(), valid.rule().name(), valid.rule().creditType(), valid.rule().requiredTotal(), valid.rule().cycleYears(),
                        valid.anchor().name(), valid.achievementId(), now, now).update();
        insertCategories(id, valid.rule().requiredByCategory());
        Rule created = find(id).orElseThrow();
        audit.record(actor, org.id(), "renewal-rule.created", "renewal_rule", id, Map.of("after", describe(created)));
        return created;
    }

    @Transactional
    public Rule update(Actor actor, String slug, UUID id, RuleForm form) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        Rule existing = find(id).filter(r -> r.organizationId().equals(org.id())).orElseThrow(() -> Problem.notFound("The renewal rule"));
        Valid valid = validate(org, form);
        db.sql("""
                update renewal_rules set name = ?, credit_type = ?, required_total = ?, cycle_years = ?, anchor = ?, achievement_id = ?,
                  updated_at = ? where id = ?""")
                .params(valid.rule().name(), valid.rule().creditType(), valid.rule().requiredTotal(), valid.rule().cycleYears(),
                        valid.anchor().name(), valid.achievementId(), Timestamp.from(clock.instant()), existing.id()).update();
        db.sql("delete from renewal_rule_categories where rule_id = ?").param(id).update();
        insertCategories(id, valid.rule().requiredByCategory());
        Rule updated = find(id).orElseThrow();
        audit.record(actor, org.id(), "renewal-rule.updated", "renewal_rule", id, Map.of("before", describe(existing), "after", describe(updated)));
        return updated;
    }

    @Transactional
    public void delete(Actor actor, String slug, UUID id) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        Rule existing = find(id).filter(r -> r.organizationId().equals(org.id())).orElseThrow(() -> Problem.notFound("The renewal rule"));
        db.sql("delete from renewal_rules where id = ?").param(existing.id()).update();
        audit.record(actor, org.id(), "renewal-rule.deleted", "renewal_rule", id, Map.of("before", describe(existing)));
    }

    /** A rule as the audit log keeps it: every field that decides a holder's standing. */
    private static Map<String, Object> describe(Rule rule) {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("name", rule.name());
        d.put("creditType", rule.creditType());
        d.put("requiredTotal", rule.requiredTotal().toPlainString());
        d.put("cycleYears", rule.cycleYears());
        d.put("anchor", rule.anchor().name().toLowerCase(java.util.Locale.ROOT));
        d.put("achievementId", rule.achievementId() == null ? null : rule.achievementId().toString());
        Map<String, String> categories = new java.util.TreeMap<>();
        rule.categories().forEach((k, v) -> categories.put(k, v.toPlainString()));
        d.put("categories", categories);
        return d;
    }

    /** Records the day the person got the license a rule tracks; entering it again corrects it. */
    @Transactional
    public LicenseAnchor trackLicense(Actor.Person person, UUID ruleId, String anchorDate) {
        Rule rule = find(ruleId).filter(r -> r.anchor() == Anchor.LICENSE).orElseThrow(() -> Problem.notFound("The license"));
        LocalDate date;
        try {
            date = LocalDate.parse(anchorDate == null ? "" : anchorDate.strip());
        } catch (DateTimeParseException e) {
            throw Problem.invalidField("licensedOn", "Enter the date you were licensed as YYYY-MM-DD.");
        }
        LocalDate today = LocalDate.now(clock);
        if (date.isAfter(today) || date.isBefore(LocalDate.of(1900, 1, 1))) {
            throw Problem.invalidField("licensedOn", "Enter a date between 1900 and today.");
        }
        String email = person.email().toLowerCase(Locale.ROOT);
        db.sql("delete from license_anchors where rule_id = ? and email = ?").params(rule.id(), email).update();
        db.sql("insert into license_anchors (rule_id, email, anchor_date, entered_at) values (?, ?, ?, ?)")
                .params(rule.id(), email, Date.valueOf(date), Timestamp.from(clock.instant())).update();
        return new LicenseAnchor(rule.id(), email, date);
    }

    public Optional<LocalDate> licenseAnchor(UUID ruleId, String email) {
        return db.sql("select anchor_date from license_anchors where rule_id = ? and email = ?")
                .params(ruleId, email.toLowerCase(Locale.ROOT)).query((rs, n) -> rs.getDate(1).toLocalDate()).optional();
    }

    /** Everyone tracking the license of a rule. */
    public List<LicenseAnchor> licenseHolders(UUID ruleId) {
        return db.sql("select rule_id, email, anchor_date from license_anchors where rule_id = ?").param(ruleId)
                .query((rs, n) -> new LicenseAnchor(rs.getObject(1, UUID.class), rs.getString(2), rs.getDate(3).toLocalDate())).list();
    }

    /** The organizations whose licenses the person tracks. */
    List<UUID> organizationsTrackedBy(String email) {
        return db.sql("select distinct r.organization_id from license_anchors a join renewal_rules r on r.id = a.rule_id where a.email = ?")
                .param(email.toLowerCase(Locale.ROOT)).query(UUID.class).list();
    }

    private record Valid(RenewalRule rule, Anchor anchor, @Nullable UUID achievementId) {}

    private Valid validate(Organization org, RuleForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = strip(form.name());
        if (name.isEmpty() || name.length() > 200) errors.put("name", "Name the rule (at most 200 characters), e.g. the credential or license it renews.");
        String type = strip(form.creditType());
        if (type.isEmpty() || type.length() > 30) errors.put("creditType", "Say which credits count (CEU, PDU, CPE, …; at most 30 characters).");
        BigDecimal total = credits(form.requiredTotal(), "requiredTotal", "the credits required", errors);
        Integer years = null;
        try {
            years = Integer.valueOf(strip(form.cycleYears()));
            if (years < 1 || years > 10) {
                errors.put("cycleYears", "A cycle is 1 to 10 years.");
                years = null;
            }
        } catch (NumberFormatException e) {
            errors.put("cycleYears", "Enter the cycle length in whole years (1 to 10).");
        }
        Map<String, BigDecimal> categories = categories(form.categories(), errors);
        Anchor anchor = null;
        try {
            anchor = Anchor.valueOf(strip(form.anchor()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put("anchor", "Choose whether the rule renews a micro-credential or a license.");
        }
        UUID achievementId = null;
        if (anchor == Anchor.CREDENTIAL) {
            try {
                achievementId = UUID.fromString(strip(form.achievementId()));
                Optional<AchievementVersion> version = achievements.latestVersion(achievementId).filter(v -> v.organizationId().equals(org.id()));
                if (version.isEmpty()) errors.put("achievementId", "Choose one of " + org.name() + "'s published micro-credentials.");
            } catch (IllegalArgumentException e) {
                errors.put("achievementId", "Choose the micro-credential this rule renews.");
            }
        }
        RenewalRule rule = null;
        if (errors.isEmpty()) {
            try {
                rule = new RenewalRule(name, type, total, years, categories);
            } catch (IllegalArgumentException e) {
                errors.put("categories", e.getMessage() + ".");
            }
        }
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        return new Valid(rule, anchor, anchor == Anchor.CREDENTIAL ? achievementId : null);
    }

    /** A positive number of credits with at most two decimals, up to 10,000; {@code null} after recording an error. */
    static @Nullable BigDecimal credits(@Nullable String text, String field, String what, Map<String, String> errors) {
        try {
            BigDecimal value = new BigDecimal(strip(text));
            if (value.signum() <= 0 || value.compareTo(MAX_CREDITS) > 0 || value.stripTrailingZeros().scale() > 2) {
                errors.put(field, "Enter " + what + " as a number above 0 and at most 10,000, with at most two decimals.");
                return null;
            }
            return value.setScale(2, java.math.RoundingMode.UNNECESSARY);
        } catch (NumberFormatException | ArithmeticException e) {
            errors.put(field, "Enter " + what + " as a number, such as 5 or 2.5.");
            return null;
        }
    }

    private static Map<String, BigDecimal> categories(@Nullable String text, Map<String, String> errors) {
        Map<String, BigDecimal> result = new TreeMap<>();
        String all = strip(text);
        if (all.isEmpty()) return result;
        for (String part : all.split("[,;\\n]")) {
            if (part.isBlank()) continue;
            String[] pair = part.split("=", 2);
            String category = normalizeCategory(pair[0]);
            if (pair.length != 2 || !CATEGORY.matcher(category).matches()) {
                errors.put("categories", "Write each category minimum as name=credits, separated by commas, e.g. ethics=5.");
                return result;
            }
            BigDecimal minimum = credits(pair[1], "categories", "each category minimum", errors);
            if (minimum == null) return result;
            if (result.put(category, minimum) != null) {
                errors.put("categories", "Each category may be named once (" + category + " is repeated).");
                return result;
            }
        }
        if (result.size() > 10) errors.put("categories", "At most 10 categories.");
        return result;
    }

    /** Categories compare without regard to case or surrounding spaces: "Ethics " and "ethics" are one. */
    static String normalizeCategory(@Nullable String category) {
        return strip(category).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private void insertCategories(UUID ruleId, Map<String, BigDecimal> categories) {
        categories.forEach((category, minimum) -> db.sql("insert into renewal_rule_categories (rule_id, category, minimum) values (?, ?, ?)")
                .params(ruleId, category, minimum).update());
    }

    private Rule rule(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Map<String, BigDecimal> categories = new TreeMap<>();
        db.sql("select category, minimum from renewal_rule_categories where rule_id = ?").param(id)
                .query((c, n) -> categories.put(c.getString(1), c.getBigDecimal(2))).list();
        UUID achievementId = rs.getObject("achievement_id", UUID.class);
        String achievementName = achievementId == null ? null
                : achievements.latestVersion(achievementId).map(v -> v.definition().name()).orElse(null);
        return new Rule(id, rs.getObject("organization_id", UUID.class), rs.getString("name"), rs.getString("credit_type"),
                rs.getBigDecimal("required_total"), rs.getInt("cycle_years"), categories, Anchor.valueOf(rs.getString("anchor")),
                achievementId, achievementName);
    }

    private static String strip(@Nullable String s) {
        return s == null ? "" : s.strip();
    }
}
