package io.guildmark.app.accounts;

import io.guildmark.app.shared.ReplayableBody;
import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guards Spring Security's WebAuthn endpoints: bodies are bounded, a new passkey needs a name of at most 100
 * characters, and a ceremony the library rejects with an exception (a forged or garbled response) is answered 400,
 * never 500.
 */
final class PasskeyRequests extends OncePerRequestFilter {

    static final int MAX_BODY = 64 * 1024;
    static final int MAX_LABEL = 100;
    private static final Logger log = LoggerFactory.getLogger(PasskeyRequests.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || !(path.startsWith("/webauthn/") || path.equals("/login/webauthn"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            refuse(response, 413, "The request is too large.");
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/webauthn/register")) {
            String label = label(body);
            if (label == null || label.isBlank() || label.length() > MAX_LABEL) {
                refuse(response, 400, "Give the passkey a name of at most " + MAX_LABEL + " characters.");
                return;
            }
        }
        try {
            chain.doFilter(new ReplayableBody(request, body), response);
        } catch (RuntimeException e) {
            log.info("Refused a passkey request to {}: {}", path, e.toString());
            if (!response.isCommitted()) {
                response.resetBuffer();
                refuse(response, 400, "The passkey could not be checked; nothing was changed.");
            }
        }
    }

    private static String label(byte[] body) {
        try {
            JsonNode label = JSON.readTree(body).path("publicKey").path("label");
            return label.isString() ? label.asString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(JSON.writeValueAsString(Map.of("success", false, "error", message)));
    }
}
