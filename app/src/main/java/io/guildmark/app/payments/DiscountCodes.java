package io.guildmark.app.payments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Money;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.AuditTrail;
import io.guildmark.app.shared.ListOrder;
import io.guildmark.app.shared.ListPage;
import io.guildmark.app.shared.ListWhere;
import io.guildmark.app.shared.Listings;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Discount codes of an organization: a percentage or a fixed amount off, used at most so many times, until a day. A
 * use is taken when an order is made with the code and given back when that order expires unpaid, so a code can never
 * be paid with more often than its limit.
 */
@Service
class DiscountCodes {

    public record Code(UUID id, UUID organizationId, String code, @Nullable Integer percentOff, @Nullable Long amountOffMinor,
            @Nullable String currency, @Nullable Integer maxUses, int uses, @Nullable Instant expiresAt, Instant createdAt) {

        Quote.Discount discount() {
            return new Quote.Discount(percentOff, amountOffMinor, currency);
        }

        /** "20% off" or "10.00 EUR off". */
        public String describe() {
            return percentOff != null ? percentOff + "% off" : Money.format(amountOffMinor == null ? 0 : amountOffMinor, currency == null ? "USD" : currency) + " off";
        }

        public boolean usedUp() {
            return maxUses != null && uses >= maxUses;
        }
    }

    /** What staff type to make a code; amounts as text in the major unit. */
    record Draft(@Nullable String code, @Nullable String kind, @Nullable String value, @Nullable String currency,
            @Nullable Integer maxUses, @Nullable String expiresOn) {}

    static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{2,39}");
    static final int MAX_USES = 1_000_000;
    static final ListOrder NEWEST = ListOrder.descending("newest", ListOrder.instant("created_at"), ListOrder.uuid("id"));

    private final JdbcClient db;
    private final Organizations organizations;
    private final Listings listings;
    private final AuditTrail audit;
    private final Clock clock;

    DiscountCodes(JdbcClient db, Organizations organizations, Listings listings, AuditTrail audit, Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.listings = listings;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Code create(Actor actor, String slug, Draft draft) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        Map<String, String> errors = new LinkedHashMap<>();
        String code = draft.code() == null ? "" : draft.code().strip().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(code).matches()) errors.put("code", "Use 3 to 40 letters, digits, - or _, starting with a letter or digit.");
        String kind = draft.kind() == null ? "percent" : draft.kind().strip().toLowerCase(Locale.ROOT);
        Integer percent = null;
        Long amount = null;
        String currency = null;
        String value = draft.value() == null ? "" : draft.value().strip();
        try {
            if (kind.equals("percent")) {
                try {
                    percent = Integer.valueOf(value);
                    if (percent < 1 || percent > 100) errors.put("value", "Give a whole percentage from 1 to 100.");
                } catch (NumberFormatException e) {
                    errors.put("value", "Give a whole percentage from 1 to 100.");
                }
            } else if (kind.equals("amount")) {
                currency = Money.currency("currency", draft.currency() == null ? "" : draft.currency());
                amount = Money.parse("value", value, currency);
                if (amount == 0) errors.put("value", "Give an amount above zero.");
            } else {
                errors.put("kind", "Choose a percentage or a fixed amount.");
            }
        } catch (Problem p) {
            p.fieldErrors().forEach(f -> errors.putIfAbsent(f.field(), f.message()));
        }
        if (draft.maxUses() != null && (draft.maxUses() < 1 || draft.maxUses() > MAX_USES)) {
            errors.put("maxUses", "Allow between 1 and " + MAX_USES + " uses, or leave it empty for no limit.");
        }
        Instant expires = null;
        if (draft.expiresOn() != null && !draft.expiresOn().isBlank()) {
            try {
                LocalDate day = LocalDate.parse(draft.expiresOn().strip());
                expires = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(); // valid through the whole day (UTC)
                if (!expires.isAfter(clock.instant())) errors.put("expiresOn", "Choose a day that has not passed.");
            } catch (java.time.format.DateTimeParseException e) {
                errors.put("expiresOn", "Give the day as YYYY-MM-DD.");
            }
        }
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        UUID id = UUID.randomUUID();
        try {
            db.sql("""
                    insert into discount_codes (id, organization_id, code, percent_off, amount_off_minor, currency, max_uses, uses, expires_at, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
                    .params(id, org.id(), code, percent, amount, currency, draft.maxUses(), expires == null ? null : Timestamp.from(expires),
                            Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            throw Problem.invalidField("code", "There is already a code " + code + ".");
        }
        audit.record(actor, org.id(), "payments.discount-code-created", "discount_code", id, Map.of("code", code));
        return require(id);
    }

    ListPage<Code> page(Actor actor, String slug, int offset, int limit) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        if (offset < 0) throw Problem.invalidField("offset", "The offset cannot be negative.");
        return listings.pageAt(source(org.id()), NEWEST, offset, limit, DiscountCodes::row);
    }

    ListPage<Code> list(Actor actor, String slug, int limit, @Nullable String cursor) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        return listings.page(source(org.id()), NEWEST, limit, cursor, DiscountCodes::row);
    }

    private static Listings.Source source(UUID organizationId) {
        return new Listings.Source("discount-codes", "*", "discount_codes", ListWhere.of("organization_id = ?", organizationId)).scopedBy("organization_id");
    }

    /** The code as typed at checkout, if it is one of the organization's and can still be used; a clear refusal if not. */
    Code usable(UUID organizationId, String typed) {
        String code = typed.strip().toUpperCase(Locale.ROOT);
        if (code.length() > 40) throw Problem.invalidField("discountCode", "There is no such discount code.");
        Code found = db.sql("select * from discount_codes where organization_id = ? and code = ?").params(organizationId, code)
                .query(DiscountCodes::row).optional()
                .orElseThrow(() -> Problem.invalidField("discountCode", "There is no discount code " + code + "."));
        if (found.expiresAt() != null && !clock.instant().isBefore(found.expiresAt())) {
            throw Problem.conflict("discount-expired", "The discount code " + code + " has expired.");
        }
        if (found.usedUp()) throw Problem.conflict("discount-used-up", "The discount code " + code + " has been used as often as it may be.");
        return found;
    }

    /** Takes one use of the code, in the order's transaction; refused when the last use went meanwhile. */
    void take(Code code) {
        int taken = db.sql("update discount_codes set uses = uses + 1 where id = ? and (max_uses is null or uses < max_uses)")
                .param(code.id()).update();
        if (taken == 0) throw Problem.conflict("discount-used-up", "The discount code " + code.code() + " has been used as often as it may be.");
    }

    /** Gives back the use of an order that was never paid. */
    void giveBack(UUID codeId) {
        db.sql("update discount_codes set uses = uses - 1 where id = ? and uses > 0").param(codeId).update();
    }

    private Code require(UUID id) {
        return db.sql("select * from discount_codes where id = ?").param(id).query(DiscountCodes::row).single();
    }

    static Code row(ResultSet rs, int n) throws SQLException {
        Timestamp expires = rs.getTimestamp("expires_at");
        return new Code(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class), rs.getString("code"),
                (Integer) rs.getObject("percent_off", Integer.class), (Long) rs.getObject("amount_off_minor", Long.class),
                rs.getString("currency"), (Integer) rs.getObject("max_uses", Integer.class), rs.getInt("uses"),
                expires == null ? null : expires.toInstant(), rs.getTimestamp("created_at").toInstant());
    }
}
