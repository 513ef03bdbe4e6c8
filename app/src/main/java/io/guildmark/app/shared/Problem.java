package io.guildmark.app.shared;

import java.util.List;
import java.util.Map;

/**
 * An expected failure of a request: it maps to an RFC 9457 problem in the API and to a readable message on a page.
 * The {@code code} is stable; clients may switch on it.
 */
public class Problem extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, FORBIDDEN, CONFLICT, UNAUTHORIZED, TOO_MANY_REQUESTS, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA, UNPROCESSABLE }

    /** One invalid field of a request. */
    public record FieldError(String field, String message) {}

    private final Kind kind;
    private final String code;
    private final List<FieldError> fieldErrors;

    public Problem(Kind kind, String code, String message, List<FieldError> fieldErrors) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public static Problem invalid(String code, String message) {
        return new Problem(Kind.INVALID, code, message, List.of());
    }

    public static Problem invalidField(String field, String message) {
        return new Problem(Kind.INVALID, "validation-failed", message, List.of(new FieldError(field, message)));
    }

    public static Problem invalidFields(Map<String, String> errors) {
        List<FieldError> list = errors.entrySet().stream().map(e -> new FieldError(e.getKey(), e.getValue())).toList();
        String message = list.size() == 1 ? list.get(0).message() : "Some fields are not valid: " + String.join(", ", errors.keySet()) + ".";
        return new Problem(Kind.INVALID, "validation-failed", message, list);
    }

    public static Problem notFound(String what) {
        return new Problem(Kind.NOT_FOUND, "not-found", what + " was not found.", List.of());
    }

    public static Problem forbidden(String message) {
        return new Problem(Kind.FORBIDDEN, "forbidden", message, List.of());
    }

    public static Problem conflict(String code, String message) {
        return new Problem(Kind.CONFLICT, code, message, List.of());
    }

    public static Problem tooLarge(String message) {
        return new Problem(Kind.PAYLOAD_TOO_LARGE, "payload-too-large", message, List.of());
    }

    public static Problem unsupportedMedia(String message) {
        return new Problem(Kind.UNSUPPORTED_MEDIA, "unsupported-media-type", message, List.of());
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
