package io.guildmark.app.shared;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * A request that fails because the database cannot be reached (it restarts, the network drops, the pool waits in
 * vain for a connection) or because it lost a deadlock answers {@code 503 Service Unavailable} with
 * {@code Retry-After}: problem details for the API, a short page for people. Not a 500: nothing is wrong with the
 * request, and the same request will work once the database is back; the connection pool reconnects by itself.
 *
 * <p>The exception handlers answer this for failures inside a controller; as a filter, it answers for those raised
 * before one (a filter that reads the database, such as the API key check or the session store).
 */
@Component
class DatabaseUnavailable extends OncePerRequestFilter implements Ordered {

    static final int RETRY_AFTER_SECONDS = 5;
    static final String MESSAGE = "Guildmark is temporarily unavailable: its database cannot be reached, or is busy, just now. "
            + "Nothing was changed; try again in a few seconds.";

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);

    private final ProblemWriter problems;

    DatabaseUnavailable(ProblemWriter problems) {
        this.problems = problems;
    }

    /** Whether the failure, or anything that caused it, says the database is out of reach for now. */
    static boolean causedBy(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof CannotCreateTransactionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            // SQLState class 08: connection exception (PostgreSQL's "connection refused", "terminating connection")
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) return true;
        }
        return false;
    }

    /** Answers 503: problem details under {@code /api/} and for clients that want JSON, else a page. */
    void write(HttpServletRequest request, HttpServletResponse response, Throwable failure) throws IOException {
        log.warn("Answered 503 to {} {}: the database is unavailable ({})", request.getMethod(), request.getRequestURI(), rootMessage(failure));
        response.resetBuffer();
        response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        if (request.getRequestURI().startsWith("/api/") || wantsJson(request)) {
            problems.write(response, problems.detail(HttpStatus.SERVICE_UNAVAILABLE, "temporarily-unavailable", MESSAGE, List.of(), request));
            return;
        }
        // A page of its own, not the site layout: that reads the database (who is signed in) and would fail again.
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Temporarily unavailable</title></head>
                <body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
                <h1>Temporarily unavailable</h1>
                <p>%s</p>
                <p><a href="%s">Try again</a></p>
                </body></html>
                """.formatted(HtmlUtils.htmlEscape(MESSAGE), HtmlUtils.htmlEscape(request.getRequestURI())));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!causedBy(e) || response.isCommitted()) throw e;
            write(request, response, e);
        }
    }

    /** First of all filters, so that it also catches what the security and session filters raise. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("json") && !accept.contains("text/html");
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
