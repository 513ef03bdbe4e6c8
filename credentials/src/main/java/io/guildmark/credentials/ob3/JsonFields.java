package io.guildmark.credentials.ob3;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reading and writing the JSON of the model: optional members left out, [0..*] members always arrays. */
final class JsonFields {

    static final JsonProvider JSON = JsonProvider.provider();

    /** An extension of an OB 3.0 extensible enumeration (EnumExt): {@code ext:} and a name. */
    private static final Pattern EXTENSION = Pattern.compile("ext:[A-Za-z0-9.\\-_|]+");

    private JsonFields() {
    }

    // writing

    static JsonObjectBuilder object() {
        return JSON.createObjectBuilder();
    }

    static JsonArray types(String... types) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (String type : types) {
            array.add(type);
        }
        return array.build();
    }

    static void put(JsonObjectBuilder object, String name, String value) {
        if (value != null) {
            object.add(name, value);
        }
    }

    static void put(JsonObjectBuilder object, String name, BigDecimal value) {
        if (value != null) {
            object.add(name, value);
        }
    }

    static void put(JsonObjectBuilder object, String name, Instant value) {
        if (value != null) {
            object.add(name, DateTimeFormatter.ISO_INSTANT.format(value));
        }
    }

    static void put(JsonObjectBuilder object, String name, JsonValue value) {
        if (value != null) {
            object.add(name, value);
        }
    }

    static <T> void putArray(JsonObjectBuilder object, String name, List<T> items, Function<T, JsonValue> toJson) {
        if (!items.isEmpty()) {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            for (T item : items) {
                array.add(toJson.apply(item));
            }
            object.add(name, array);
        }
    }

    static void putStrings(JsonObjectBuilder object, String name, List<String> items) {
        putArray(object, name, items, JSON::createValue);
    }

    // reading

    static String string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new IllegalArgumentException(name + " must be a string");
    }

    static String required(JsonObject object, String name) {
        String value = string(object, name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    static BigDecimal number(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            return number.bigDecimalValue();
        }
        throw new IllegalArgumentException(name + " must be a number");
    }

    static Instant instant(JsonObject object, String name) {
        String value = string(object, name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date-time with offset, not " + value, e);
        }
    }

    static JsonObject objectOrNull(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonObject nested) {
            return nested;
        }
        throw new IllegalArgumentException(name + " must be an object");
    }

    /** The items of a [0..*] member; a single value is read as one item, as builds before 2024 allowed. */
    static List<JsonValue> items(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        return value instanceof JsonArray array ? array : List.of(value);
    }

    static <T> List<T> list(JsonObject object, String name, Function<JsonObject, T> fromJson) {
        List<T> result = new ArrayList<>();
        for (JsonValue item : items(object, name)) {
            if (!(item instanceof JsonObject nested)) {
                throw new IllegalArgumentException(name + " must hold objects");
            }
            result.add(fromJson.apply(nested));
        }
        return result;
    }

    static List<String> strings(JsonObject object, String name) {
        List<String> result = new ArrayList<>();
        for (JsonValue item : items(object, name)) {
            if (!(item instanceof JsonString string)) {
                throw new IllegalArgumentException(name + " must hold strings");
            }
            result.add(string.getString());
        }
        return result;
    }

    /** Whether {@code type} (a string or an array of strings) contains one of {@code expected}. */
    static boolean hasType(JsonObject object, String... expected) {
        for (JsonValue item : items(object, "type")) {
            if (item instanceof JsonString string) {
                for (String type : expected) {
                    if (type.equals(string.getString())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static void requireType(JsonObject object, String... expected) {
        if (!hasType(object, expected)) {
            throw new IllegalArgumentException("type must include " + String.join(" or ", expected));
        }
    }

    // checks used by compact constructors

    static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required and must not be blank");
        }
        return value;
    }

    static String optionalText(String value, String name) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank when present");
        }
        return value;
    }

    /** An absolute URI: scheme, colon, no whitespace (URLs, DIDs, URNs, data: URIs). */
    static String requireUri(String value, String name) {
        requireText(value, name);
        if (!value.matches("[A-Za-z][A-Za-z0-9+.-]*:\\S+")) {
            throw new IllegalArgumentException(name + " must be an absolute URI, not " + value);
        }
        return value;
    }

    static String optionalUri(String value, String name) {
        return value == null ? null : requireUri(value, name);
    }

    /** A value of an OB 3.0 extensible enumeration: one of {@code allowed}, or {@code ext:…}. */
    static String requireEnumExt(String value, String name, List<String> allowed) {
        requireText(value, name);
        if (!allowed.contains(value) && !EXTENSION.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be one of " + allowed + " or ext:…, not " + value);
        }
        return value;
    }

    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
