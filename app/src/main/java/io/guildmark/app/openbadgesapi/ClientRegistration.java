package io.guildmark.app.openbadgesapi;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.shared.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Open dynamic client registration (RFC 7591), as the OB 3.0 security document requires: no initial access token.
 * Spring Authorization Server's own registration endpoint wants one, so this small endpoint checks the metadata and
 * saves the client through the {@link RegisteredClientRepository}. Every client must use PKCE and the authorization
 * code flow, authenticates with client_secret_basic, and may ask only for the OB 3.0 scopes. Registration is bounded:
 * so many per network address per hour, and so many in all.
 */
@RestController
class ClientRegistration {

    static final int PER_ADDRESS_PER_HOUR = 50;
    static final int IN_ALL = 100_000;
    private static final int MAX_REDIRECT_URIS = 5;
    private static final int MAX_URI = 500;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RegisteredClientRepository clients;
    private final PasswordEncoder passwords;
    private final JdbcClient db;
    private final Clock clock;

    ClientRegistration(RegisteredClientRepository clients, PasswordEncoder passwords, JdbcClient db, Clock clock) {
        this.clients = clients;
        this.passwords = passwords;
        this.db = db;
        this.clock = clock;
    }

    /** An RFC 7591 error: {@code invalid_redirect_uri} or {@code invalid_client_metadata}. */
    static final class Refused extends RuntimeException {
        final String error;

        Refused(String error, String description) {
            super(description);
            this.error = error;
        }
    }

    @PostMapping(OAuthServer.API + "/register")
    @Transactional
    ResponseEntity<Map<String, Object>> register(@RequestBody(required = false) @Nullable Map<String, Object> body, HttpServletRequest request) {
        try {
            return ResponseEntity.status(HttpStatus.CREATED).header("Cache-Control", "no-store")
                    .body(register(body == null ? Map.of() : body, ClientAddress.of(request)));
        } catch (Refused r) {
            return ResponseEntity.badRequest().header("Cache-Control", "no-store")
                    .body(Map.of("error", r.error, "error_description", r.getMessage()));
        }
    }

    private Map<String, Object> register(Map<String, Object> body, String address) {
        Instant now = clock.instant();
        long recent = db.sql("select count(*) from oauth2_client_details where registered_from = ? and registered_at > ?")
                .params(address, Timestamp.from(now.minus(Duration.ofHours(1)))).query(Long.class).single();
        long total = db.sql("select count(*) from oauth2_registered_client").query(Long.class).single();
        if (recent >= PER_ADDRESS_PER_HOUR || total >= IN_ALL) {
            // RFC 7591 has no error for this; invalid_client_metadata with a plain description is the closest answer.
            throw new Refused("invalid_client_metadata", "Too many clients were registered from your address in the last hour; try again later.");
        }
        String name = text(body, "client_name", 200, true);
        String clientUri = uri(body, "client_uri");
        String logoUri = uri(body, "logo_uri");
        String tosUri = uri(body, "tos_uri");
        String policyUri = uri(body, "policy_uri");
        List<String> redirectUris = redirectUris(body.get("redirect_uris"));
        List<String> grants = strings(body, "grant_types", List.of("authorization_code", "refresh_token"));
        for (String g : grants) {
            if (!g.equals("authorization_code") && !g.equals("refresh_token")) {
                throw new Refused("invalid_client_metadata", "grant_types may be only authorization_code and refresh_token.");
            }
        }
        if (!grants.contains("authorization_code")) throw new Refused("invalid_client_metadata", "grant_types must include authorization_code.");
        List<String> responseTypes = strings(body, "response_types", List.of("code"));
        if (!responseTypes.equals(List.of("code"))) throw new Refused("invalid_client_metadata", "response_types may be only code.");
        Object method = body.getOrDefault("token_endpoint_auth_method", "client_secret_basic");
        if (!"client_secret_basic".equals(method)) {
            throw new Refused("invalid_client_metadata", "token_endpoint_auth_method must be client_secret_basic.");
        }
        List<String> scopes = body.get("scope") == null ? Scopes.all() : List.of(text(body, "scope", 1000, true).split(" +"));
        for (String s : scopes) {
            if (!Scopes.all().contains(s)) throw new Refused("invalid_client_metadata", "Unknown scope " + s + "; ask only for the OB 3.0 scopes.");
        }

        String clientId = UUID.randomUUID().toString();
        String secret = randomSecret();
        RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientIdIssuedAt(now)
                .clientSecret(passwords.encode(secret))
                .clientName(name)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantTypes(g -> {
                    if (grants.contains("refresh_token")) g.add(AuthorizationGrantType.REFRESH_TOKEN);
                })
                .redirectUris(r -> r.addAll(redirectUris))
                .scopes(s -> s.addAll(scopes))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofHours(1))
                        .refreshTokenTimeToLive(Duration.ofDays(90)).reuseRefreshTokens(false).build())
                .build();
        clients.save(client);
        db.sql("""
                insert into oauth2_client_details (registered_client_id, client_uri, logo_uri, tos_uri, policy_uri, registered_from, registered_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(client.getId(), clientUri, logoUri, tosUri, policyUri, address, Timestamp.from(now)).update();

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("client_id", clientId);
        answer.put("client_secret", secret);
        answer.put("client_id_issued_at", now.getEpochSecond());
        answer.put("client_secret_expires_at", 0);
        answer.put("client_name", name);
        if (clientUri != null) answer.put("client_uri", clientUri);
        if (logoUri != null) answer.put("logo_uri", logoUri);
        if (tosUri != null) answer.put("tos_uri", tosUri);
        if (policyUri != null) answer.put("policy_uri", policyUri);
        answer.put("redirect_uris", redirectUris);
        answer.put("grant_types", grants);
        answer.put("response_types", List.of("code"));
        answer.put("token_endpoint_auth_method", "client_secret_basic");
        answer.put("scope", String.join(" ", scopes));
        return answer;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static @Nullable String text(Map<String, Object> body, String field, int max, boolean required) {
        Object value = body.get(field);
        if (value == null || (value instanceof String s && s.isBlank())) {
            if (required) throw new Refused("invalid_client_metadata", field + " is required.");
            return null;
        }
        if (!(value instanceof String s)) throw new Refused("invalid_client_metadata", field + " must be a string.");
        String clean = s.strip();
        if (clean.length() > max) throw new Refused("invalid_client_metadata", field + " is longer than " + max + " characters.");
        return clean;
    }

    /** An https address (or http on a loopback host, for apps on the person's own machine), as the spec requires. */
    private static @Nullable String uri(Map<String, Object> body, String field) {
        String value = text(body, field, MAX_URI, false);
        if (value == null) return null;
        if (!acceptable(value, false)) throw new Refused("invalid_client_metadata", field + " must be an https address.");
        return value;
    }

    private static List<String> redirectUris(@Nullable Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new Refused("invalid_redirect_uri", "redirect_uris must list at least one address.");
        }
        if (list.size() > MAX_REDIRECT_URIS) throw new Refused("invalid_redirect_uri", "At most " + MAX_REDIRECT_URIS + " redirect_uris.");
        List<String> uris = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s) || s.length() > MAX_URI || !acceptable(s, true)) {
                throw new Refused("invalid_redirect_uri", "Each redirect URI must be an https address, or http on 127.0.0.1 or [::1], "
                        + "without a fragment, at most " + MAX_URI + " characters.");
            }
            uris.add(s);
        }
        if (String.join(" ", uris).length() > 1000) throw new Refused("invalid_redirect_uri", "The redirect_uris are too long together.");
        return uris;
    }

    private static boolean acceptable(String value, boolean redirect) {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null) return false;
            if (redirect && uri.getRawFragment() != null) return false;
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            boolean loopback = host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("localhost");
            return scheme.equals("https") || (scheme.equals("http") && loopback);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static List<String> strings(Map<String, Object> body, String field, List<String> fallback) {
        Object value = body.get(field);
        if (value == null) return fallback;
        if (!(value instanceof List<?> list) || list.size() > 5 || !list.stream().allMatch(String.class::isInstance)) {
            throw new Refused("invalid_client_metadata", field + " must be a short list of strings.");
        }
        return list.stream().map(String.class::cast).distinct().toList();
    }
}
