package io.guildmark.app.shared;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One limit on every request body that is not a multipart upload (multipart has its own,
 * {@code spring.servlet.multipart.*}): JSON, CSV, images and credentials sent as the body. A declared length over the
 * limit is refused with 413 before anything is read; a body without a declared length (chunked) stops being read at
 * the limit. The default fits the largest body the application takes, a 10 MB credential to verify.
 */
@Configuration(proxyBeanMethods = false)
class RequestBodyLimit {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestBodyLimitFilter(ProblemWriter problems,
            @Value("${guildmark.limits.max-body-size:11MB}") DataSize maxBodySize) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter(problems, maxBodySize.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10); // before the idempotency filter reads bodies
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Endpoints that read their body as a stream under their own, smaller limit and say so in their own words. */
    private static final java.util.Set<String> SELF_LIMITED = java.util.Set.of("/api/v1/verify", "/api/v1/verify/url");

    static final class Filter extends OncePerRequestFilter {

        private final ProblemWriter problems;
        private final long max;

        Filter(ProblemWriter problems, long max) {
            this.problems = problems;
            this.max = max;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            String type = request.getContentType();
            return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")
                    || SELF_LIMITED.contains(request.getRequestURI());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getContentLengthLong() > max) {
                String message = "The request body is larger than " + (max / (1024 * 1024)) + " MB.";
                if (request.getRequestURI().startsWith("/api/")) {
                    problems.write(request, response, Problem.tooLarge(message));
                } else {
                    request.setAttribute(ErrorPages.MESSAGE, message);
                    request.setAttribute(RequestDispatcher.ERROR_MESSAGE, message);
                    response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                }
                return;
            }
            chain.doFilter(request.getContentLengthLong() < 0 ? new Capped(request, max) : request, response);
        }
    }

    /** A request whose body reads as ended-with-an-error once more than the limit has been read. */
    private static final class Capped extends HttpServletRequestWrapper {

        private final long max;
        private ServletInputStream capped;

        Capped(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (capped == null) {
                ServletInputStream in = super.getInputStream();
                capped = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) count(1);
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) count(n);
                        return n;
                    }

                    private void count(int n) throws IOException {
                        read += n;
                        if (read > max) throw new IOException("The request body is larger than " + max + " bytes");
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return capped;
        }
    }
}
