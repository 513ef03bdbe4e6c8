package io.guildmark.app.payments;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.AuditTrail;
import io.guildmark.app.shared.MasterKey;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organization's own Stripe account: its secret key, publishable key and webhook endpoint secret. The secrets are
 * sealed under the platform master key and never shown again, only their last four characters.
 */
@Service
class StripeConnections {

    /** What staff see of a connection. */
    public record View(String publishableKey, String secretKeyHint, String webhookSecretHint, Instant updatedAt) {}

    /** The keys to call Stripe and check its webhooks with, for one organization. */
    record Keys(String secretKey, String webhookSecret) {}

    private static final Pattern SECRET_KEY = Pattern.compile("(sk|rk)_(test|live)_[A-Za-z0-9]{8,250}");
    private static final Pattern PUBLISHABLE_KEY = Pattern.compile("pk_(test|live)_[A-Za-z0-9]{8,250}");
    private static final Pattern WEBHOOK_SECRET = Pattern.compile("whsec_[A-Za-z0-9+/=]{8,250}");

    private final JdbcClient db;
    private final Organizations organizations;
    private final MasterKey masterKey;
    private final AuditTrail audit;
    private final Clock clock;

    StripeConnections(JdbcClient db, Organizations organizations, MasterKey masterKey, AuditTrail audit, Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.masterKey = masterKey;
        this.audit = audit;
        this.clock = clock;
    }

    Optional<View> view(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        return db.sql("select publishable_key, secret_key_hint, webhook_secret_hint, updated_at from stripe_connections where organization_id = ?")
                .param(org.id()).query((rs, n) -> new View(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
                .optional();
    }

    /**
     * Stores the organization's keys. A secret left blank keeps the stored one, so staff can change the publishable key
     * without pasting the secrets again.
     */
    @Transactional
    View save(Actor actor, String slug, @Nullable String secretKey, @Nullable String publishableKey, @Nullable String webhookSecret) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        boolean exists = db.sql("select count(*) from stripe_connections where organization_id = ?").param(org.id()).query(Long.class).single() > 0;
        String secret = secretKey == null ? "" : secretKey.strip();
        String publishable = publishableKey == null ? "" : publishableKey.strip();
        String hook = webhookSecret == null ? "" : webhookSecret.strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (!(exists && secret.isEmpty()) && !SECRET_KEY.matcher(secret).matches()) {
            errors.put("secretKey", "Paste the secret key from Stripe's dashboard (Developers › API keys): it starts with sk_live_ or sk_test_.");
        }
        if (!PUBLISHABLE_KEY.matcher(publishable).matches()) {
            errors.put("publishableKey", "Paste the publishable key: it starts with pk_live_ or pk_test_.");
        }
        if (!(exists && hook.isEmpty()) && !WEBHOOK_SECRET.matcher(hook).matches()) {
            errors.put("webhookSecret", "Paste the signing secret of the webhook endpoint you added in Stripe: it starts with whsec_.");
        }
        if (!secret.isEmpty() && !publishable.isEmpty() && errors.isEmpty() && mode(secret) != mode(publishable)) {
            errors.put("publishableKey", "The publishable key and the secret key must both be test keys or both be live keys.");
        }
        if (!errors.isEmpty()) throw Problem.invalidFields(errors);
        Timestamp now = Timestamp.from(clock.instant());
        UUID by = actor instanceof Actor.Person p ? p.userId() : null;
        if (!exists) {
            db.sql("""
                    insert into stripe_connections (organization_id, secret_key_sealed, secret_key_hint, publishable_key, webhook_secret_sealed,
                      webhook_secret_hint, updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(org.id(), seal(secret), hint(secret), publishable, seal(hook), hint(hook), now, by).update();
        } else {
            db.sql("update stripe_connections set publishable_key = ?, updated_at = ?, updated_by = ? where organization_id = ?")
                    .params(publishable, now, by, org.id()).update();
            if (!secret.isEmpty()) {
                db.sql("update stripe_connections set secret_key_sealed = ?, secret_key_hint = ? where organization_id = ?")
                        .params(seal(secret), hint(secret), org.id()).update();
            }
            if (!hook.isEmpty()) {
                db.sql("update stripe_connections set webhook_secret_sealed = ?, webhook_secret_hint = ? where organization_id = ?")
                        .params(seal(hook), hint(hook), org.id()).update();
            }
        }
        audit.record(actor, org.id(), "payments.stripe-connected", "organization", org.id(),
                Map.of("publishableKey", publishable, "secretKeyChanged", !secret.isEmpty(), "webhookSecretChanged", !hook.isEmpty()));
        return view(actor, slug).orElseThrow();
    }

    @Transactional
    void disconnect(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_ORGANIZATION);
        db.sql("delete from stripe_connections where organization_id = ?").param(org.id()).update();
        audit.record(actor, org.id(), "payments.stripe-disconnected", "organization", org.id(), Map.of());
    }

    /** The organization's keys, for the platform's own use (checkout, refunds, webhooks); never shown. */
    Optional<Keys> keys(UUID organizationId) {
        return db.sql("select secret_key_sealed, webhook_secret_sealed from stripe_connections where organization_id = ?")
                .param(organizationId)
                .query((rs, n) -> new Keys(open(rs.getString(1)), open(rs.getString(2)))).optional();
    }

    boolean connected(UUID organizationId) {
        return db.sql("select count(*) from stripe_connections where organization_id = ?").param(organizationId).query(Long.class).single() > 0;
    }

    private static boolean mode(String key) {
        return key.contains("_live_");
    }

    private String seal(String secret) {
        return masterKey.encrypt(secret.getBytes(StandardCharsets.UTF_8));
    }

    private String open(String sealed) {
        return new String(masterKey.decrypt(sealed), StandardCharsets.UTF_8);
    }

    private static String hint(String secret) {
        return "…" + secret.substring(secret.length() - 4);
    }
}
