package io.guildmark.app.shared;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/** A list's query parameters read strictly: an unknown value is a 400 naming the field and what it accepts. */
public final class ListParams {

    private ListParams() {}

    /** An enum constant by its name in any case ({@code in_review}, {@code IN-REVIEW}), or null when not given. */
    public static <E extends Enum<E>> @Nullable E choice(Class<E> type, @Nullable String value, String field) {
        if (value == null || value.isBlank()) return null;
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField(field, "The " + field + " is one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ".");
        }
    }

    /** A day as YYYY-MM-DD, or null when not given. */
    public static @Nullable LocalDate day(@Nullable String value, String field) {
        if (value == null || value.isBlank()) return null;
        try {
            if (value.length() > 10) throw new DateTimeParseException("too long", value, 0);
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw Problem.invalidField(field, "Give the date as YYYY-MM-DD.");
        }
    }

    /** An id, or null when not given. */
    public static @Nullable UUID id(@Nullable String value, String field, String message) {
        if (value == null || value.isBlank()) return null;
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField(field, message);
        }
    }
}
