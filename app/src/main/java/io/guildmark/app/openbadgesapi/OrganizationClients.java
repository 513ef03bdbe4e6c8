package io.guildmark.app.openbadgesapi;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.AuditTrail;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * OAuth 2.0 client-credentials clients of an organization, for its own systems: an administrator (the
 * {@code MANAGE_API_KEYS} permission) registers a confidential client, sees its secret once, and may revoke it. The
 * client is a Spring Authorization Server {@link RegisteredClient} with only the {@code client_credentials} grant and
 * the VC-API scopes the administrator chose; its access tokens act as the organization, and only on the VC-API
 * operations those scopes name (see {@link OAuthServer#organizationClientTokens}). Revoking stops the secret and every
 * token it obtained at once.
 */
@Service
public class OrganizationClients {

    /** Sign credentials at {@code POST /api/v1/organizations/{slug}/vc-api/credentials/issue}. */
    public static final String ISSUE = "vc-api:issue";
    /** Revoke or restore them at {@code POST /api/v1/organizations/{slug}/vc-api/credentials/status}. */
    public static final String STATUS = "vc-api:status";
    static final Map<String, String> SCOPES = scopes();
    static final int MAX_ACTIVE = 20;
    static final int PAGE_SIZE = 20;
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);

    /** A client as listed: never the secret. */
    public record Client(UUID id, String name, String clientId, List<String> scopes, Instant createdAt, @Nullable Instant lastUsedAt,
            @Nullable Instant revokedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A client just registered, with the secret the administrator must copy now. */
    public record NewClient(Client client, String secret) {}

    /** One page of an organization's clients, newest first. */
    public record Page(List<Client> items, long total, int page, int pageSize) {
        public boolean hasNext() {
            return (long) (page + 1) * pageSize < total;
        }
    }

    /** What a valid token of an active client stands for. */
    record Bound(UUID id, UUID organizationId) {}

    private final JdbcClient db;
    private final Organizations organizations;
    private final RegisteredClientRepository clients;
    private final PasswordEncoder passwords;
    private final AuditTrail audit;
    private final Clock clock;

    OrganizationClients(JdbcClient db, Organizations organizations, RegisteredClientRepository clients, PasswordEncoder passwords,
            AuditTrail audit, Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.clients = clients;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    private static Map<String, String> scopes() {
        Map<String, String> words = new LinkedHashMap<>();
        words.put(ISSUE, "Sign credentials as the organization (W3C VC-API issue)");
        words.put(STATUS, "Revoke and restore credentials it signed (W3C VC-API status)");
        return java.util.Collections.unmodifiableMap(words);
    }

    @Transactional
    public NewClient register(Actor actor, String slug, @Nullable String name, @Nullable List<String> scopes) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_API_KEYS);
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw Problem.invalidField("name", "Give the client a name of at most 100 characters, such as \"Registry system\".");
        }
        List<String> chosen = scopes == null || scopes.isEmpty() ? List.of(ISSUE) : List.copyOf(new LinkedHashSet<>(scopes));
        for (String s : chosen) {
            if (!SCOPES.containsKey(s)) throw Problem.invalidField("scopes", "Unknown scope " + clip(s) + "; choose from " + String.join(", ", SCOPES.keySet()) + ".");
        }
        long active = db.sql("select count(*) from organization_oauth_clients where organization_id = ? and revoked_at is null")
                .param(org.id()).query(Long.class).single();
        if (active >= MAX_ACTIVE) {
            throw Problem.conflict("too-many-clients", "An organization has at most " + MAX_ACTIVE + " active OAuth clients; revoke one you no longer use.");
        }
        Instant now = clock.instant();
        String clientId = "gmc_" + UUID.randomUUID().toString().replace("-", "");
        String secret = "gmcs_" + SecretTokens.newToken();
        RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientIdIssuedAt(now)
                .clientSecret(passwords.encode(secret))
                .clientName(org.name() + ": " + clean)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(s -> s.addAll(chosen))
                .clientSettings(ClientSettings.builder().requireProofKey(false).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(TOKEN_LIFETIME).build())
                .build();
        clients.save(client);
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into organization_oauth_clients (id, organization_id, registered_client_id, client_id, name, scopes, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, org.id(), client.getId(), clientId, clean, String.join(" ", chosen), Timestamp.from(now)).update();
        audit.record(actor, org.id(), "oauth-client.registered", "oauth-client", id, Map.of("name", clean, "clientId", clientId,
                "scopes", String.join(" ", chosen)));
        return new NewClient(new Client(id, clean, clientId, chosen, now, null, null), secret);
    }

    public Page list(Actor actor, String slug, int page) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_API_KEYS);
        if (page < 0 || page > 10_000) throw Problem.invalidField("page", "page is a number from 0.");
        long total = db.sql("select count(*) from organization_oauth_clients where organization_id = ?").param(org.id()).query(Long.class).single();
        List<Client> items = db.sql("""
                select id, name, client_id, scopes, created_at, last_used_at, revoked_at from organization_oauth_clients
                where organization_id = ? order by created_at desc, id limit ? offset ?""")
                .params(org.id(), PAGE_SIZE, page * PAGE_SIZE)
                .query((rs, n) -> new Client(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("client_id"),
                        Arrays.asList(rs.getString("scopes").split(" ")), rs.getTimestamp("created_at").toInstant(),
                        instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at"))))
                .list();
        return new Page(new ArrayList<>(items), total, page, PAGE_SIZE);
    }

    /**
     * Revokes a client: its secret stops working (a fresh unknown secret, expired now) and every token it holds is
     * removed, which the token check reads on each call.
     */
    @Transactional
    public void revoke(Actor actor, String slug, UUID id) {
        Organization org = organizations.require(actor, slug, Permission.MANAGE_API_KEYS);
        String registeredClientId = db.sql("select registered_client_id from organization_oauth_clients where id = ? and organization_id = ?")
                .params(id, org.id()).query(String.class).optional().orElseThrow(() -> Problem.notFound("The OAuth client"));
        Instant now = clock.instant();
        int changed = db.sql("update organization_oauth_clients set revoked_at = ? where id = ? and revoked_at is null")
                .params(Timestamp.from(now), id).update();
        RegisteredClient client = clients.findById(registeredClientId);
        if (client != null) {
            clients.save(RegisteredClient.from(client).clientSecret(passwords.encode(SecretTokens.newToken())).clientSecretExpiresAt(now).build());
        }
        db.sql("delete from oauth2_authorization where registered_client_id = ?").param(registeredClientId).update();
        if (changed > 0) audit.record(actor, org.id(), "oauth-client.revoked", "oauth-client", id, Map.of());
    }

    /** The active client a token was issued to, if any; notes its use at most once a minute. */
    Optional<Bound> active(String clientId) {
        if (clientId.length() > 100) return Optional.empty();
        Optional<Bound> bound = db.sql("select id, organization_id from organization_oauth_clients where client_id = ? and revoked_at is null")
                .param(clientId).query((rs, n) -> new Bound(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class)))
                .optional();
        Instant now = clock.instant();
        bound.ifPresent(b -> db.sql("update organization_oauth_clients set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                .params(Timestamp.from(now), b.id(), Timestamp.from(now.minusSeconds(60))).update());
        return bound;
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
