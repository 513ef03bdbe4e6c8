package io.guildmark.app.shared;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Builds RFC 9457 problem details, with a stable {@code type} per code and the field errors of a validation problem. */
@Component
public class ProblemWriter {

    public static final String TYPE_PREFIX = "urn:guildmark:problem:";
    private final JsonMapper json = JsonLimits.builder().build();

    public ProblemDetail toDetail(Problem problem, HttpServletRequest request) {
        return detail(statusOf(problem.kind()), problem.code(), problem.getMessage(), problem.fieldErrors(), request);
    }

    public ProblemDetail detail(HttpStatus status, String code, String message, List<Problem.FieldError> errors,
            HttpServletRequest request) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, message);
        detail.setType(URI.create(TYPE_PREFIX + code));
        detail.setTitle(status.getReasonPhrase());
        detail.setInstance(URI.create(request.getRequestURI()));
        detail.setProperty("code", code);
        if (!errors.isEmpty()) {
            detail.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        }
        return detail;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, Problem problem) throws IOException {
        if (problem.kind() == Problem.Kind.UNAUTHORIZED) response.setHeader("WWW-Authenticate", "Bearer");
        write(response, toDetail(problem, request));
    }

    /** Writes the problem as the response: its status, {@code application/problem+json} and the body. */
    public void write(HttpServletResponse response, ProblemDetail detail) throws IOException {
        response.setStatus(detail.getStatus());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", detail.getType().toString());
        body.put("title", detail.getTitle());
        body.put("status", detail.getStatus());
        body.put("detail", detail.getDetail());
        body.put("instance", detail.getInstance().toString());
        if (detail.getProperties() != null) body.putAll(detail.getProperties());
        response.getWriter().write(json.writeValueAsString(body));
    }

    public static HttpStatus statusOf(Problem.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case PAYLOAD_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNSUPPORTED_MEDIA -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    }
}
