package io.guildmark.app.payments;

import java.util.LinkedHashMap;
import java.util.Map;
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

/** The tax an organization charges on its orders; none until staff set it. */
@Service
class TaxSettings {

    static final int MAX_LABEL = 40;

    private final JdbcClient db;
    private final Organizations organizations;
    private final AuditTrail audit;

    TaxSettings(JdbcClient db, Organizations organizations, AuditTrail audit) {
        this.db = db;
        this.organizations = organizations;
        this.audit = audit;
    }

    Quote.Tax of(UUID organizationId) {
        return db.sql("select rate_bps, inclusive, label from tax_settings where organization_id = ?").param(organizationId)
                .query((rs, n) -> new Quote.Tax(rs.getInt(1), rs.getBoolean(2), rs.getString(3))).optional().orElse(Quote.Tax.NONE);
    }

    Quote.Tax view(Actor actor, String slug) {
        return of(organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION).id());
    }

    /**
     * Sets the rate as a percentage people type ("20", "7.25"; at most two decimals, 0 to 100), whether prices include
     * it, and the label on receipts ("VAT", "GST").
     */
    @Transactional
    Quote.Tax save(Actor actor, String slug, @Nullable String percent, boolean inclusive, @Nullable String label) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        Map<String, String> errors = new LinkedHashMap<>();
        int bps = 0;
        try {
            java.math.BigDecimal rate = new java.math.BigDecimal(percent == null || percent.isBlank() ? "0" : percent.strip());
            if (rate.signum() < 0 || rate.compareTo(java.math.BigDecimal.valueOf(100)) > 0) {
                errors.put("rate", "Give a rate between 0 and 100 percent.");
            } else if (rate.stripTrailingZeros().scale() > 2) {
                errors.put("rate", "Give the rate with at most two decimals, such as 7.25.");
            } else {
                bps = rate.movePointRight(2).intValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            errors.put("rate", "Give the rate as a number, such as 20 or 7.25.");
        }
        String name = label == null ? "" : label.strip();
        if (name.isEmpty() && bps > 0) errors.put("label", "Name the tax as receipts show it, such as VAT or Sales tax.");
        if (name.length() > MAX_LABEL) errors.put("label", "Keep the label to " + MAX_LABEL + " characters.");
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        db.sql("delete from tax_settings where organization_id = ?").param(org.id()).update();
        db.sql("insert into tax_settings (organization_id, rate_bps, inclusive, label) values (?, ?, ?, ?)")
                .params(org.id(), bps, inclusive, name).update();
        audit.record(actor, org.id(), "payments.tax-set", "organization", org.id(), Map.of("rateBps", bps, "inclusive", inclusive, "label", name));
        return new Quote.Tax(bps, inclusive, name);
    }
}
