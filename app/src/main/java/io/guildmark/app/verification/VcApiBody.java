package io.guildmark.app.verification;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import io.guildmark.app.shared.Problem;
import io.guildmark.credentials.InputLimits;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JSON body of a W3C VC-API request, bounded: its size (413 is not what the VC-API test suites expect, so
 * an oversized body is a 400 problem like any other bad input), its nesting (refused before parsing) and the
 * numbers in it. Anything that is not one JSON object is a 400 problem.
 */
public final class VcApiBody {

    /** The largest VC-API request: a presentation with a few credentials, or one credential to sign. */
    public static final int MAX_BYTES = 1024 * 1024;
    /** The longest challenge or domain option. */
    public static final int MAX_OPTION_LENGTH = 512;

    private static final JsonProvider JSON = JsonProvider.provider();

    private VcApiBody() {
    }

    public static JsonObject read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BYTES) throw tooLarge();
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BYTES + 1);
        }
        if (body.length > MAX_BYTES) throw tooLarge();
        if (InputLimits.jsonTooDeep(body)) {
            throw Problem.invalid("too-deeply-nested", "The request nests arrays and objects more than "
                    + InputLimits.MAX_JSON_DEPTH + " levels deep.");
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (!text.startsWith("{")) throw malformed();
        try (var reader = JSON.createReader(new StringReader(text))) {
            JsonObject object = reader.readObject();
            if (object.values().stream().anyMatch(VcApiBody::hasLongNumber)) throw malformed();
            return object;
        } catch (JsonException | IllegalStateException e) {
            throw malformed();
        }
    }

    /** The {@code options} object of the request: absent is empty, anything but an object is a 400 problem. */
    public static JsonObject options(JsonObject body) {
        JsonValue options = body.get("options");
        if (options == null || options == JsonValue.NULL) return JsonValue.EMPTY_JSON_OBJECT;
        if (!(options instanceof JsonObject o)) throw Problem.invalidField("options", "options must be an object.");
        return o;
    }

    /** A string option, bounded; absent is null. */
    public static @Nullable String stringOption(JsonObject options, String name) {
        JsonValue value = options.get(name);
        if (value == null || value == JsonValue.NULL) return null;
        if (!(value instanceof JsonString s) || s.getString().isEmpty() || s.getString().length() > MAX_OPTION_LENGTH) {
            throw Problem.invalidField("options." + name, "options." + name + " must be a string of 1 to "
                    + MAX_OPTION_LENGTH + " characters.");
        }
        return s.getString();
    }

    private static boolean hasLongNumber(JsonValue value) {
        return switch (value.getValueType()) {
            case NUMBER -> value.toString().length() > InputLimits.MAX_JSON_NUMBER_LENGTH;
            case OBJECT -> value.asJsonObject().values().stream().anyMatch(VcApiBody::hasLongNumber);
            case ARRAY -> value.asJsonArray().stream().anyMatch(VcApiBody::hasLongNumber);
            default -> false;
        };
    }

    private static Problem malformed() {
        return Problem.invalid("malformed-body", "The request body must be one JSON object.");
    }

    private static Problem tooLarge() {
        return Problem.invalid("too-large", "The request is larger than the limit of " + MAX_BYTES / 1024 + " KB.");
    }
}
