package io.guildmark.app.shared;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two doors. {@code /api/**} is stateless and takes bearer tokens (API keys, the admin token); its refusals are
 * problem details. Everything else is pages with a session cookie, CSRF protection and a sign-in form. Which
 * organization a caller may touch is checked by the modules themselves, where the data is.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String[] PUBLIC_PAGES = {"/", "/catalog", "/catalog/**", "/issuers/**", "/achievements/**",
            "/credentials/**", "/endorsements/*", "/status/**", "/verify", "/verify/**", "/privacy", "/signin", "/signup", "/signup/**", "/email/verify/**",
            "/password/**", "/invitations/**", "/claim/**", "/css/**", "/js/**", "/images/**", "/files/public/**", "/favicon.ico",
            "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**", "/api/docs", "/api/docs/**",
            "/swagger-ui/**", "/oembed", "/dev/outbox", "/dev/outbox/**", "/error", "/problems/**", "/.well-known/**",
            // Anyone may see what earning a micro-credential takes, and try to enroll (sent to sign in with a message).
            "/learning/offer/**", "/learning/enroll",
            // A badge's evidence may be public; the earning module decides per work product who may see it.
            "/evidence/*", "/submissions/*/files/*",
            // Pathways: the directory, a pathway's public page (by id only: /pathways/mine needs a sign-in), shared
            // progress statements and eligibility records with their letters.
            "/pathways", "/pathways/{id:[0-9a-fA-F-]{36}}", "/pathways/progress/**", "/pathways/eligibility/**",
            // Badges a person shows together under one link (the link is the permission).
            "/presentations/*", "/presentations/*/presentation.json", "/presentations/*/presentation.jwt"};

    /**
     * No observations of Spring Security's filters: with them each request's chain runs through a wrapper per filter
     * that records start, stop and events (about 8 % of an API award's CPU), for metrics nothing reads (the actuator
     * exposes only health). The rules themselves are unchanged.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // Delegating encoder: bcrypt today, with the algorithm id stored so hashes can be upgraded later.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The W3C VC-API's public verifier endpoints sit where the VC-API puts them, outside {@code /api}: JSON posts from
     * anyone, stateless, no cookies read or set, so no CSRF token (there is no session for a forged request to ride on).
     * Only these three POST paths (with {@code /challenges}, which hands out presentation challenges); the badge pages
     * under {@code /credentials/{id}} stay in the pages chain.
     */
    @Bean
    @Order(0)
    SecurityFilterChain vcApiVerifiers(HttpSecurity http) throws Exception {
        return http.securityMatcher(request -> "POST".equals(request.getMethod())
                        && ("/credentials/verify".equals(request.getRequestURI()) || "/presentations/verify".equals(request.getRequestURI())
                            || "/challenges".equals(request.getRequestURI())))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, GuildmarkSettings settings, ApiKeyAuthenticator apiKeys,
            ProblemWriter problems) throws Exception {
        return http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable()) // bearer tokens, no cookies: nothing for a forged request to ride on
                // Stateless: the security context lives in a request attribute and no filter of this chain reads or
                // creates a session. Set directly rather than through sessionCreationPolicy(STATELESS), which would add
                // a session management filter that for a bearer request only copied the authentication into that
                // attribute; the session ids in URLs stay disabled.
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .sessionManagement(session -> session.disable())
                .addFilterAt(new DisableEncodeUrlFilter(), DisableEncodeUrlFilter.class)
                .requestCache(cache -> cache.disable())
                // Without the filters that do nothing for a bearer request: no anonymous token (a request without a
                // token has no authentication, and authenticated() refuses it with the same 401), no request wrapper
                // for getUserPrincipal()/isUserInRole() (the API reads its actor from the security context), no
                // logout URL (there is no session to end).
                .anonymous(anonymous -> anonymous.disable())
                .servletApi(servletApi -> servletApi.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new BearerTokenFilter(settings, apiKeys, problems), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/docs", "/api/docs/**", "/api/swagger-ui/**", "/api/v1/verify", "/api/v1/verify/**").permitAll()
                        .requestMatchers("/api/v1/catalog", "/api/v1/catalog/**").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> problems.write(request, response,
                                new Problem(Problem.Kind.UNAUTHORIZED, "unauthorized",
                                        "Send an API key as 'Authorization: Bearer <key>'.", List.of())))
                        .accessDeniedHandler((request, response, ex) -> problems.write(request, response,
                                Problem.forbidden("You may not do this."))))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, AuthenticationSuccessHandler signInSucceeded,
            AuthenticationFailureHandler signInFailed, List<PageSecurity> moduleAdditions) throws Exception {
        // Modules' additions first (passkeys, the second sign-in step: accounts.Passkeys), so their rules precede anyRequest().
        for (PageSecurity addition : moduleAdditions) addition.configure(http);
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PUBLIC_PAGES).permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/signin").usernameParameter("email").passwordParameter("password")
                        .successHandler(signInSucceeded).failureHandler(signInFailed).permitAll())
                .logout(logout -> logout.logoutUrl("/signout").logoutSuccessUrl("/?signedout").permitAll())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .build();
    }
}
