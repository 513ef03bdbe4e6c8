package io.guildmark.app.payments;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stripe's webhook posts come from Stripe's servers: no session, no cookie, no CSRF token; the signature over the body
 * (checked in {@link StripeWebhooks}) is their authentication. Only POSTs to the webhook path take this chain.
 */
@Configuration(proxyBeanMethods = false)
class WebhookSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain stripeWebhookChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(request -> "POST".equals(request.getMethod())
                        && request.getRequestURI().startsWith("/payments/stripe/webhook/"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }
}
