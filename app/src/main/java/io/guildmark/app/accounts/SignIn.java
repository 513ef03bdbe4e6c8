package io.guildmark.app.accounts;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.guildmark.app.shared.ClientAddress;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/** Wires accounts into Spring Security's form sign-in: who may sign in, and what happens after each attempt. */
@Configuration(proxyBeanMethods = false)
class SignIn {

    @Bean
    UserDetailsService userDetailsService(JdbcClient db) {
        return email -> {
            String key = email == null ? "" : email.trim().toLowerCase(java.util.Locale.ROOT);
            return db.sql("select id, email, name, password_hash, email_verified_at, platform_admin from users where email = ?")
                    .param(key)
                    .query((rs, n) -> new SignedInUser(rs.getObject("id", java.util.UUID.class), rs.getString("email"),
                            rs.getString("name"), rs.getString("password_hash"), rs.getTimestamp("email_verified_at") != null,
                            false, rs.getBoolean("platform_admin"))) // never locked: SignInThrottleFilter delays per client
                    .optional()
                    .orElseThrow(() -> new UsernameNotFoundException("No account"));
        };
    }

    @Bean
    AuthenticationSuccessHandler signInSucceeded(SignInThrottle throttle, SecondFactorSignIn secondStep) {
        SavedRequestAwareAuthenticationSuccessHandler delegate = new SavedRequestAwareAuthenticationSuccessHandler();
        delegate.setDefaultTargetUrl("/dashboard");
        return (request, response, authentication) -> {
            // Second factor (SecondFactorSignIn): an account with one is not signed in yet; the throttle waits too.
            if (secondStep.holdForSecondFactor(request, response, authentication)) return;
            throttle.succeeded(authentication.getName(), ClientAddress.of(request));
            delegate.onAuthenticationSuccess(request, response, authentication);
        };
    }

    @Bean
    AuthenticationFailureHandler signInFailed(SignInThrottle throttle) {
        return new AuthenticationFailureHandler() {
            @Override
            public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                    AuthenticationException exception) throws IOException, ServletException {
                String email = request.getParameter("email");
                String reason;
                if (exception instanceof CredentialsExpiredException) {
                    // Raised only after the password matched (SignedInUser): telling "unverified" reveals nothing new.
                    reason = "unverified";
                } else {
                    String client = ClientAddress.of(request);
                    throttle.failed(email, client);
                    reason = throttle.waitBeforeNextAttempt(email, client).isPresent() ? "wait" : "bad";
                }
                response.sendRedirect(request.getContextPath() + "/signin?error=" + reason + emailParameter(email));
            }
        };
    }

    /**
     * The typed address as a query parameter for the form. Only one that could be an address (at most 254
     * characters) goes back: a longer one would overflow the redirect's Location header, and the response would fail.
     */
    static String emailParameter(String email) {
        return email == null || email.length() > 254 ? "" : "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8);
    }
}
