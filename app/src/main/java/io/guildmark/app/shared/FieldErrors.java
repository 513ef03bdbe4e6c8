package io.guildmark.app.shared;

import java.util.LinkedHashMap;
import java.util.Map;

/** A problem's field errors keyed by field name, for forms that show each message beside its field. */
public final class FieldErrors {

    private FieldErrors() {}

    public static Map<String, String> of(Problem problem) {
        Map<String, String> errors = new LinkedHashMap<>();
        problem.fieldErrors().forEach(e -> errors.putIfAbsent(e.field(), e.message()));
        return errors;
    }
}
