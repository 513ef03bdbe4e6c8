package io.guildmark.app.organizations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.ApiKeyAuthenticator;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organization API keys. A key is shown once when it is made; only its SHA-256 is stored (it carries 256 random
 * bits, so there is nothing to brute-force). The visible prefix lets people tell their keys apart.
 */
@Service
public class ApiKeys implements ApiKeyAuthenticator {

    /** A key as listed: never the secret. */
    public record ApiKey(UUID id, String name, String prefix, Instant createdAt, @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A key just made, with the secret the caller must copy now. */
    public record NewApiKey(ApiKey key, String secret) {}

    private final JdbcClient db;
    private final Organizations organizations;
    private final Clock clock;

    private final io.guildmark.app.shared.AuditTrail audit;

    ApiKeys(JdbcClient db, Organizations organizations, Clock clock, io.guildmark.app.shared.AuditTrail audit) {
        this.audit = audit;
        this.db = db;
        this.organizations = organizations;
        this.clock = clock;
    }

    @Transactional
    public NewApiKey create(Actor actor, String slug, String name) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_API_KEYS);
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) throw Problem.invalidField("name", "Give the key a name of at most 100 characters, such as \"LMS integration\".");
        String secret = "gmk_" + SecretTokens.newToken();
        String prefix = secret.substring(0, 12);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        db.sql("insert into api_keys (id, organization_id, name, prefix, key_hash, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(id, org.id(), clean, prefix, SecretTokens.hash(secret), Timestamp.from(now)).update();
        audit.record(actor, org.id(), "api-key.created", "api-key", id, java.util.Map.of("name", clean, "prefix", prefix));
        return new NewApiKey(new ApiKey(id, clean, prefix, now, null, null), secret);
    }

    public List<ApiKey> list(Actor actor, String slug) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_API_KEYS);
        return db.sql("select * from api_keys where organization_id = ? order by created_at desc").param(org.id())
                .query((rs, n) -> new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("prefix"),
                        rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("last_used_at")),
                        instant(rs.getTimestamp("revoked_at"))))
                .list();
    }

    @Transactional
    public void revoke(Actor actor, String slug, UUID keyId) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_API_KEYS);
        int changed = db.sql("update api_keys set revoked_at = coalesce(revoked_at, ?) where id = ? and organization_id = ?")
                .params(Timestamp.from(clock.instant()), keyId, org.id()).update();
        if (changed == 0) throw Problem.notFound("The API key");
        audit.record(actor, org.id(), "api-key.revoked", "api-key", keyId, java.util.Map.of());
    }

    /**
     * A key's name, revoked or not, for records of what it did (the audit log); an organization's OAuth client, which
     * acts as a key does, is named "OAuth client …".
     */
    public Optional<String> name(UUID keyId) {
        return db.sql("select name from api_keys where id = ?").param(keyId).query(String.class).optional()
                .or(() -> db.sql("select name from organization_oauth_clients where id = ?").param(keyId).query(String.class).optional()
                        .map(name -> "OAuth client " + name));
    }

    @Override
    public Optional<Actor.OrganizationKey> authenticate(String presentedKey) {
        if (presentedKey == null || !presentedKey.startsWith("gmk_") || presentedKey.length() > 100) return Optional.empty();
        record Found(Actor.OrganizationKey key, @Nullable Instant lastUsedAt) {}
        // The key and its organization's row in one statement: an API call then finds its own organization without
        // reading it again (Organizations#require). The organization's columns are all of them (o.*), mapped by the one
        // mapper of that row; the key's own columns are renamed so that none shares a name with them.
        Optional<Found> found = db.sql("""
                select k.id as key_id, k.last_used_at as key_last_used_at, o.*
                from api_keys k join organizations o on o.id = k.organization_id
                where k.key_hash = ? and k.revoked_at is null""")
                .param(SecretTokens.hash(presentedKey))
                .query((rs, n) -> {
                    Organization org = Organizations.organization(rs, n);
                    return new Found(new Actor.OrganizationKey(rs.getObject("key_id", UUID.class), org.id(), org),
                            instant(rs.getTimestamp("key_last_used_at")));
                })
                .optional();
        // At most one write a minute per key: "last used" is for people, and busy integrations would otherwise write on
        // every call. The time just read decides whether to send the update at all (its condition still holds if
        // another node wrote in between), so a busy key costs one statement per call, not two.
        Instant now = clock.instant();
        Instant stale = now.minusSeconds(60);
        found.filter(f -> f.lastUsedAt() == null || f.lastUsedAt().isBefore(stale))
                .ifPresent(f -> db.sql("update api_keys set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                        .params(Timestamp.from(now), f.key().keyId(), Timestamp.from(stale)).update());
        return found.map(Found::key);
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
