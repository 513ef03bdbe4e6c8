package io.guildmark.app.pathways;

import java.sql.ResultSet;
import java.sql.SQLException;
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
import io.guildmark.app.shared.FieldErrors;
import io.guildmark.app.shared.Money;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a pathway costs, set by its designers the way a micro-credential's prices are: a member price, a non-member
 * price and prices per member type (the roster's member type, without case), in one currency. A pathway without a
 * price (or priced at zero for everyone) is free to start; a priced one is started by paying (payments), and its
 * capstone waits for a paid place. Learners already on a pathway when it first gets a price keep their place as paid.
 */
@Service
public class PathwayPrices {

    public static final int MAX_TYPES = 20;
    public static final int MAX_TYPE = 64;

    /** A pathway's prices in the currency's minor unit; {@code byType} keyed by member type in lower case. */
    public record Prices(@Nullable Long memberPrice, @Nullable Long nonMemberPrice, String currency, Map<String, Long> byType) {

        public Prices {
            byType = Map.copyOf(byType);
        }

        /** Someone pays something: a price above zero is set. */
        public boolean priced() {
            return (memberPrice != null && memberPrice > 0) || (nonMemberPrice != null && nonMemberPrice > 0)
                    || byType.values().stream().anyMatch(p -> p > 0);
        }

        public Optional<Long> forType(String memberType) {
            return Optional.ofNullable(byType.get(memberType.strip().toLowerCase(Locale.ROOT)));
        }

        public @Nullable String memberText() {
            return major(memberPrice, currency);
        }

        public @Nullable String nonMemberText() {
            return major(nonMemberPrice, currency);
        }

        /** Lines "type = price" as the staff page's text area shows them. */
        public String byTypeText() {
            List<String> lines = new ArrayList<>();
            byType.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> lines.add(e.getKey() + " = " + major(e.getValue(), currency)));
            return String.join("\n", lines);
        }

        /** "49.00 USD for non-members, 29.00 USD for members", for the public page. */
        public String summary() {
            List<String> parts = new ArrayList<>();
            if (nonMemberPrice != null) parts.add(major(nonMemberPrice, currency) + " " + currency + " for non-members");
            if (memberPrice != null) parts.add(major(memberPrice, currency) + " " + currency + " for members");
            if (!byType.isEmpty()) parts.add("other prices by member type");
            return String.join(", ", parts);
        }
    }

    /** Prices as typed: amounts in the major unit ("49.50"), blank for none. */
    public record Draft(@Nullable String memberPrice, @Nullable String nonMemberPrice, @Nullable String currency,
            @Nullable Map<String, String> memberTypePrices) {}

    private final JdbcClient db;
    private final Organizations organizations;
    private final Pathways pathways;
    private final AuditTrail audit;

    PathwayPrices(JdbcClient db, Organizations organizations, Pathways pathways, AuditTrail audit) {
        this.db = db;
        this.organizations = organizations;
        this.pathways = pathways;
        this.audit = audit;
    }

    /** The pathway's prices (none set: nothing priced, in USD). */
    public Prices of(UUID pathwayId) {
        Prices base = db.sql("select member_price_minor, non_member_price_minor, currency from pathways where id = ?").param(pathwayId)
                .query((rs, n) -> new Prices(minor(rs, "member_price_minor"), minor(rs, "non_member_price_minor"),
                        rs.getString("currency") == null ? "USD" : rs.getString("currency"), Map.of()))
                .optional().orElse(new Prices(null, null, "USD", Map.of()));
        Map<String, Long> byType = new LinkedHashMap<>();
        db.sql("select member_type, price_minor from pathway_member_type_prices where pathway_id = ? order by member_type").param(pathwayId)
                .query((rs, n) -> byType.put(rs.getString(1), rs.getLong(2))).list();
        return new Prices(base.memberPrice(), base.nonMemberPrice(), base.currency(), byType);
    }

    /** For the staff page and the API: anyone who may see the pathway. */
    public Prices get(Actor actor, String slug, UUID pathwayId) {
        pathways.get(actor, slug, pathwayId);
        return of(pathwayId);
    }

    /**
     * Replaces the pathway's prices; designers. A price that is negative, finer than the currency's smallest unit or
     * above 100,000,000.00, an unknown currency, more than {@value #MAX_TYPES} member types or a type named twice is
     * refused on its field, and nothing changes.
     */
    @Transactional
    public Prices save(Actor actor, String slug, UUID pathwayId, Draft draft) {
        Organization org = organizations.require(actor, slug, Permission.DESIGN);
        pathways.get(actor, slug, pathwayId);
        Map<String, String> errors = new LinkedHashMap<>();
        String currency = currency(draft.currency(), errors);
        Long member = amount("memberPrice", draft.memberPrice(), currency, errors);
        Long nonMember = amount("nonMemberPrice", draft.nonMemberPrice(), currency, errors);
        Map<String, String> given = draft.memberTypePrices() == null ? Map.of() : draft.memberTypePrices();
        Map<String, Long> byType = new LinkedHashMap<>();
        if (given.size() > MAX_TYPES) errors.put("memberTypePrices", "Set prices for at most " + MAX_TYPES + " member types.");
        else {
            int i = 0;
            for (Map.Entry<String, String> e : given.entrySet()) {
                String field = "memberTypePrices[" + i++ + "]";
                String type = e.getKey() == null ? "" : e.getKey().strip().toLowerCase(Locale.ROOT);
                if (type.isEmpty() || type.length() > MAX_TYPE) {
                    errors.put(field, "Name the member type (1 to " + MAX_TYPE + " characters).");
                } else if (byType.containsKey(type)) {
                    errors.put(field, "The member type \"" + type + "\" is listed twice.");
                } else if (e.getValue() == null || e.getValue().isBlank()) {
                    errors.put(field, "Give a price for \"" + type + "\" (0 for free).");
                } else {
                    Long price = amount(field, e.getValue(), currency, errors);
                    if (price != null) byType.put(type, price);
                }
            }
        }
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        Prices before = of(pathwayId);
        db.sql("update pathways set member_price_minor = ?, non_member_price_minor = ?, currency = ? where id = ? and organization_id = ?")
                .params(member, nonMember, currency, pathwayId, org.id()).update();
        db.sql("delete from pathway_member_type_prices where pathway_id = ?").param(pathwayId).update();
        byType.forEach((type, price) -> db.sql(
                "insert into pathway_member_type_prices (pathway_id, organization_id, member_type, price_minor) values (?, ?, ?, ?)")
                .params(pathwayId, org.id(), type, price).update());
        Prices after = of(pathwayId);
        if (!before.priced() && after.priced()) {
            // Those already on it started it free: their place counts as paid.
            db.sql("update pathway_learners set paid = true where pathway_id = ? and paid = false").param(pathwayId).update();
        }
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("before", before.summary());
        change.put("after", after.summary() + (after.byType().isEmpty() ? "" : " " + after.byType()));
        audit.record(actor, org.id(), "pathway.prices-changed", "pathway", pathwayId, change);
        return after;
    }

    private static String currency(@Nullable String given, Map<String, String> errors) {
        try {
            return Money.currency("currency", given == null || given.isBlank() ? "USD" : given);
        } catch (Problem invalid) {
            errors.putAll(FieldErrors.of(invalid));
            return "USD";
        }
    }

    /** "49.50" as 4950; blank as none; anything else that is not a price is recorded under the field. */
    static @Nullable Long amount(String field, @Nullable String text, String currency, Map<String, String> errors) {
        if (text == null || text.isBlank()) return null;
        try {
            return Money.parse(field, text, currency);
        } catch (Problem invalid) {
            errors.putAll(FieldErrors.of(invalid));
            return null;
        }
    }

    private static @Nullable String major(@Nullable Long minor, String currency) {
        return minor == null ? null : Money.plain(minor, currency);
    }

    private static @Nullable Long minor(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
