package io.guildmark.app.accounts;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.guildmark.app.shared.ClientAddress;
import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.ProblemWriter;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns away a sign-in that comes too soon, before any password is checked, so that a waiting guesser learns nothing.
 * Runs just ahead of Spring Security's filters, so the sign-in form's configuration stays as it is. A browser is sent
 * back to the form, which says how long to wait; any other client gets 429 with {@code Retry-After}.
 */
class SignInThrottleFilter extends OncePerRequestFilter {

    private final SignInThrottle throttle;
    private final ProblemWriter problems;

    SignInThrottleFilter(SignInThrottle throttle, ProblemWriter problems) {
        this.throttle = throttle;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/signin".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String email = request.getParameter("email");
        Optional<Duration> wait = throttle.waitBeforeNextAttempt(email, ClientAddress.of(request));
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, wait.get().toSeconds() + (wait.get().toNanosPart() > 0 ? 1 : 0));
        response.setHeader("Retry-After", String.valueOf(seconds));
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
            response.sendRedirect(request.getContextPath() + "/signin?error=wait" + SignIn.emailParameter(email));
            return;
        }
        problems.write(request, response, new Problem(Problem.Kind.TOO_MANY_REQUESTS, "too-many-sign-in-attempts",
                SignInWait.message(wait.get()), List.of()));
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<SignInThrottleFilter> signInThrottleFilter(SignInThrottle throttle, ProblemWriter problems) {
            FilterRegistrationBean<SignInThrottleFilter> registration = new FilterRegistrationBean<>(new SignInThrottleFilter(throttle, problems));
            registration.addUrlPatterns("/signin");
            registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
            return registration;
        }
    }
}
