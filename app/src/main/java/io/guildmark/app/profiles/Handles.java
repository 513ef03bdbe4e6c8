package io.guildmark.app.profiles;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The address part of {@code /people/{handle}}: 3 to 30 lower-case letters, digits and hyphens (not at either end),
 * never a word that names a part of the platform. The reserved words are the fixed list below plus the first segment
 * of every route the application's controllers answer today, read from Spring's own mapping, so a feature added later
 * reserves its name without anyone remembering to.
 */
@Component
class Handles {

    static final int MIN = 3;
    static final int MAX = 30;
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?");

    /** Names people could take for something official, and static folders, besides the controllers' routes. */
    static final Set<String> ALWAYS_RESERVED = Set.of("admin", "administrator", "api", "people", "profile", "profiles", "credentials",
            "issuers", "claim", "wallet", "signin", "signout", "signup", "verify", "ims", "oembed", "embed", "static", "assets",
            "well-known", "css", "js", "images", "files", "favicon", "guildmark", "support", "help", "about", "root", "system",
            "operator", "security", "status", "actuator", "swagger-ui", "problems", "me", "www", "mail", "null", "undefined");

    private final RequestMappingHandlerMapping mappings;
    private volatile @Nullable Set<String> reserved;

    Handles(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.mappings = mappings;
    }

    /** The handle as stored (lower case), or a problem that says what is wrong with it. */
    String check(@Nullable String input) {
        String handle = normalize(input);
        if (handle.isEmpty()) throw Problem.invalidField("handle", "Choose the address of your profile.");
        if (handle.length() < MIN || handle.length() > MAX) {
            throw Problem.invalidField("handle", "The address must be " + MIN + " to " + MAX + " characters long.");
        }
        if (!SHAPE.matcher(handle).matches()) {
            throw Problem.invalidField("handle", "Use only letters, digits and hyphens, starting and ending with a letter or digit.");
        }
        if (isReserved(handle)) throw Problem.conflict("handle-reserved", "The address " + handle + " is reserved; choose another.");
        return handle;
    }

    static String normalize(@Nullable String input) {
        return input == null ? "" : input.strip().toLowerCase(Locale.ROOT);
    }

    boolean isReserved(String handle) {
        return reserved().contains(handle);
    }

    /** Every reserved word: the fixed list and the first segment of each controller route. */
    Set<String> reserved() {
        Set<String> known = reserved;
        if (known != null) return known;
        Set<String> words = new HashSet<>(ALWAYS_RESERVED);
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                String first = firstSegment(pattern);
                if (first != null) words.add(first);
            }
        }
        known = Set.copyOf(words);
        reserved = known;
        return known;
    }

    /** {@code /credentials/{id}} gives {@code credentials}; a pattern that starts with a variable gives nothing. */
    static @Nullable String firstSegment(String pattern) {
        String path = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        int slash = path.indexOf('/');
        String first = (slash < 0 ? path : path.substring(0, slash)).toLowerCase(Locale.ROOT);
        if (first.isEmpty() || first.contains("{") || first.contains("*")) return null;
        if (first.startsWith(".")) first = first.substring(1); // .well-known
        return first;
    }
}
