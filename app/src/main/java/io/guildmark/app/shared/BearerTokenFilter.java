package io.guildmark.app.shared;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API calls that carry {@code Authorization: Bearer <token>}: the platform admin token or an
 * organization's API key. A token that matches neither is refused at once with 401, so a typo never falls through to
 * anonymous access.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final GuildmarkSettings settings;
    private final ApiKeyAuthenticator apiKeys;
    private final ProblemWriter problems;

    BearerTokenFilter(GuildmarkSettings settings, ApiKeyAuthenticator apiKeys, ProblemWriter problems) {
        this.settings = settings;
        this.apiKeys = apiKeys;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.substring(7).trim();
        Optional<Actor> actor = authenticate(token);
        if (actor.isEmpty()) {
            problems.write(request, response, new Problem(Problem.Kind.UNAUTHORIZED, "invalid-token",
                    "The bearer token is not a valid API key or has been revoked.", List.of()));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ActorAuthentication(actor.get(),
                List.of(new SimpleGrantedAuthority(actor.get().isPlatformAdmin() ? "ROLE_PLATFORM_ADMIN" : "ROLE_API"))));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private Optional<Actor> authenticate(String token) {
        String adminToken = settings.adminToken();
        if (adminToken != null && SecretTokens.sameSecret(adminToken, token)) {
            return Optional.of(new Actor.PlatformAdmin());
        }
        return apiKeys.authenticate(token).map(Actor.class::cast);
    }
}
