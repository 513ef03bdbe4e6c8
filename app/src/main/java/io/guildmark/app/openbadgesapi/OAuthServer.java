package io.guildmark.app.openbadgesapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.ActorAuthentication;
import io.guildmark.app.shared.ActorPrincipal;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.MasterKey;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The OAuth 2.0 side of the OB 3.0 API, on Spring Authorization Server: registered clients, authorizations and
 * consents in the database (any node serves any step), access tokens as JWTs signed with {@link TokenSigningKey}.
 * Two filter chains come before the platform's own (which stay as they were): the authorization server's endpoints
 * ({@code /oauth2/authorize}, {@code /oauth2/token}, {@code /oauth2/revoke}, {@code /oauth2/jwks}, the metadata),
 * which sign people in with the normal sign-in page and session; and {@code /ims/ob/v3p0/**}, a stateless resource
 * server that takes only these access tokens, each scope guarding its own operations.
 */
@Configuration(proxyBeanMethods = false)
class OAuthServer {

    static final String API = "/ims/ob/v3p0";

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    RSAKey tokenSigningKey(JdbcClient db, MasterKey masterKey, Clock clock) {
        return TokenSigningKey.load(db, masterKey, clock);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(RSAKey tokenSigningKey) {
        return new ImmutableJWKSet<>(new JWKSet(tokenSigningKey));
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(GuildmarkSettings settings) {
        return AuthorizationServerSettings.builder().issuer(issuer(settings)).build();
    }

    static String issuer(GuildmarkSettings settings) {
        String base = settings.baseUrl().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * Access tokens: our signature, our issuer, not expired, and still active in the database. The last check is what
     * makes revocation count at once (RFC 7009 at {@code /oauth2/revoke}, or the person on the connected apps page).
     */
    @Bean
    JwtDecoder jwtDecoder(RSAKey tokenSigningKey, GuildmarkSettings settings, OAuth2AuthorizationService authorizations) throws JOSEException {
        NimbusJwtDecoder signed = NimbusJwtDecoder.withPublicKey(tokenSigningKey.toRSAPublicKey()).build();
        signed.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer(settings)));
        return token -> {
            Jwt jwt = signed.decode(token);
            OAuth2Authorization authorization = authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
            if (authorization == null || authorization.getAccessToken() == null || !authorization.getAccessToken().isActive()) {
                throw new BadJwtException("The access token was revoked.");
            }
            return jwt;
        };
    }

    @Bean
    @Order(-20)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        return http.securityMatcher(server.getEndpointsMatcher())
                .with(server, as -> as.authorizationEndpoint(endpoint -> endpoint.consentPage("/oauth2/consent")))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()))
                .addFilterAfter(new PersonAsSubject(), SecurityContextHolderFilter.class)
                // Not signed in: the normal sign-in page, which brings the person back here afterwards.
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/signin"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .build();
    }

    @Bean
    @Order(-10)
    SecurityFilterChain openBadgesApiResourceServer(HttpSecurity http, JwtDecoder jwtDecoder) throws Exception {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return http.securityMatcher(API + "/**")
                .csrf(csrf -> csrf.disable()) // bearer tokens, no cookies
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, API + "/discovery").permitAll()
                        .requestMatchers(HttpMethod.POST, API + "/register").permitAll()
                        .requestMatchers(HttpMethod.GET, API + "/credentials").hasAuthority("SCOPE_" + Scopes.CREDENTIAL_READONLY)
                        .requestMatchers(HttpMethod.POST, API + "/credentials").hasAuthority("SCOPE_" + Scopes.CREDENTIAL_UPSERT)
                        .requestMatchers(HttpMethod.GET, API + "/profile").hasAuthority("SCOPE_" + Scopes.PROFILE_READONLY)
                        .requestMatchers(HttpMethod.PUT, API + "/profile").hasAuthority("SCOPE_" + Scopes.PROFILE_UPDATE)
                        .anyRequest().denyAll())
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.decoder(jwtDecoder))
                        .authenticationEntryPoint((request, response, ex) -> {
                            bearer.commence(request, response, ex); // status and the RFC 6750 WWW-Authenticate header
                            StatusInfo.write(response, 401, "unauthorizedrequest", "Send a valid, unexpired access token: "
                                    + "'Authorization: Bearer <token>'.");
                        })
                        .accessDeniedHandler((request, response, ex) -> StatusInfo.write(response, 403, "forbidden",
                                "The access token does not carry the scope this operation needs.")))
                .build();
    }

    private static final Pattern VC_API_ISSUE = Pattern.compile("/api/v1/organizations/[^/]+/vc-api/credentials/issue");
    private static final Pattern VC_API_STATUS = Pattern.compile("/api/v1/organizations/[^/]+/vc-api/credentials/status");

    /**
     * An organization's client-credentials tokens (see {@link OrganizationClients}) on the W3C VC-API issuer, next to
     * its API keys: a bearer token shaped as a JWT on those two paths comes here, everything else goes on to the
     * {@code /api} chain as before. The token must be ours, unexpired and still held (the decoder above), issued to an
     * organization client that is not revoked (else 401), and carry the scope of the operation (else 403). It then acts
     * as the organization, as one of its API keys would, so the issuer's own checks decide the rest (another
     * organization's slug: 403).
     */
    @Bean
    @Order(-5)
    SecurityFilterChain organizationClientTokens(HttpSecurity http, JwtDecoder jwtDecoder, OrganizationClients organizationClients,
            ProblemWriter problems) throws Exception {
        RequestMatcher issue = request -> VC_API_ISSUE.matcher(request.getRequestURI()).matches();
        RequestMatcher status = request -> VC_API_STATUS.matcher(request.getRequestURI()).matches();
        return http.securityMatcher(request -> (issue.matches(request) || status.matches(request)) && carriesJwt(request))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(issue).hasAuthority("SCOPE_" + OrganizationClients.ISSUE)
                        .requestMatchers(status).hasAuthority("SCOPE_" + OrganizationClients.STATUS)
                        .anyRequest().denyAll())
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(token -> {
                            var bound = organizationClients.active(token.getSubject() == null ? "" : token.getSubject());
                            if (bound.isEmpty()) {
                                throw new InvalidBearerTokenException("The token was not issued to an active OAuth client of an organization.");
                            }
                            Actor actor = new Actor.OrganizationKey(bound.get().id(), bound.get().organizationId());
                            return new ActorAuthentication(actor, scopes(token));
                        }))
                        .authenticationEntryPoint((request, response, ex) -> {
                            problems.write(response, problems.toDetail(new Problem(Problem.Kind.UNAUTHORIZED, "invalid-token",
                                    "The access token is not valid: it is unknown, expired or revoked. Ask /oauth2/token for a new one.",
                                    List.of()), request));
                            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                        })
                        .accessDeniedHandler((request, response, ex) -> {
                            String needed = issue.matches(request) ? OrganizationClients.ISSUE : OrganizationClients.STATUS;
                            problems.write(response, problems.toDetail(new Problem(Problem.Kind.FORBIDDEN, "insufficient-scope",
                                    "The access token does not carry the scope " + needed + " this operation needs.", List.of()), request));
                            response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + needed + "\"");
                        }))
                .build();
    }

    /** A JWT (three dot-separated parts, a JSON header): API keys ({@code gmk_…}) and the admin token are not. */
    static boolean carriesJwt(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        String token = header.substring(7).trim();
        return token.startsWith("eyJ") && token.chars().filter(c -> c == '.').count() == 2;
    }

    private static List<SimpleGrantedAuthority> scopes(Jwt token) {
        Object claim = token.getClaims().get("scope");
        List<String> scopes = claim instanceof java.util.Collection<?> c ? c.stream().map(String::valueOf).toList()
                : claim instanceof String s ? List.of(s.split(" ")) : List.of();
        return scopes.stream().map(s -> new SimpleGrantedAuthority("SCOPE_" + s)).toList();
    }

    /**
     * The authorization server knows the person by their account id (not the e-mail they sign in with, which may
     * change), and stores a plain authentication with the authorization rather than the session's principal. Only for
     * this request: the session keeps what it had.
     */
    static final class PersonAsSubject extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
            if (signedIn != null && signedIn.isAuthenticated() && signedIn.getPrincipal() instanceof ActorPrincipal p
                    && p.actor() instanceof Actor.Person person) {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(person.userId().toString(), null,
                        List.of(new SimpleGrantedAuthority("ROLE_USER"))));
                SecurityContextHolder.setContext(context);
            }
            chain.doFilter(request, response);
        }
    }

    /** The OB 3.0 API's error body (Imsx_StatusInfo). */
    static final class StatusInfo {
        private StatusInfo() {}

        static String json(String codeMinor, String description) {
            return "{\"imsx_codeMajor\":\"failure\",\"imsx_severity\":\"error\",\"imsx_description\":" + quote(description)
                    + ",\"imsx_codeMinor\":{\"imsx_codeMinorField\":[{\"imsx_codeMinorFieldName\":\"TargetEndSystem\","
                    + "\"imsx_codeMinorFieldValue\":" + quote(codeMinor) + "}]}}";
        }

        static void write(HttpServletResponse response, int status, String codeMinor, String description) throws IOException {
            response.setStatus(status);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(json(codeMinor, description).getBytes(StandardCharsets.UTF_8));
        }

        static String quote(String s) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                        else out.append(c);
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
