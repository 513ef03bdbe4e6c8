package io.guildmark.app.shared;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a multipart body once, before anything else (Spring Security's CSRF check reads its fields), so that a body
 * the container refuses to read, such as a file name with a NUL or other control character, is a 400 for that request
 * alone: before, the container's exception escaped from the security filters as a 500 and the person lost their
 * session. Bodies over the size limits are left to the usual 413 handling.
 */
@Configuration(proxyBeanMethods = false)
class MultipartGuard {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> multipartGuardFilter(ProblemWriter problems) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20); // before Spring Security's chain (-100)
        registration.addUrlPatterns("/*");
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {

        private final ProblemWriter problems;

        Filter(ProblemWriter problems) {
            this.problems = problems;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            String type = request.getContentType();
            return type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            try {
                request.getParts();
            } catch (IllegalStateException | IOException | ServletException e) {
                // Sizes over the limits (IllegalStateException) and bodies that are not multipart at all are kept by
                // the container and raised again where Spring reads the parts, which answers 413 or 400 as usual.
            } catch (RuntimeException e) {
                // Tomcat's InvalidFileNameException (a NUL in a file name), thrown while it builds the parts.
                refuse(request, response, "The file name of an uploaded file contains control characters; rename the file and upload it again.");
                return;
            }
            chain.doFilter(request, response);
        }

        private void refuse(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
            if (request.getRequestURI().startsWith("/api/")) {
                problems.write(request, response, new Problem(Problem.Kind.INVALID, "invalid-file-name", message,
                        List.of(new Problem.FieldError("file", message))));
                return;
            }
            request.setAttribute(ErrorPages.MESSAGE, message);
            request.setAttribute(RequestDispatcher.ERROR_MESSAGE, message);
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        }
    }
}
