package io.guildmark.app.shared;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** A short lowercase name used in addresses ({@code /issuers/{slug}}); it also becomes part of the issuer's DID. */
public record Slug(String value) {

    private static final Pattern FORM = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Set<String> RESERVED = Set.of("api", "admin", "new", "issuers", "verify", "static", "css", "js",
            "settings", "signin", "signup", "account", "organizations", "catalog", "credentials", "status", "achievements");

    public Slug {
        if (value == null || !FORM.matcher(value).matches()) {
            throw Problem.invalidField("slug", "The slug must be 1 to 63 lowercase letters, digits or hyphens, not starting or ending with a hyphen.");
        }
        if (RESERVED.contains(value)) {
            throw Problem.invalidField("slug", "The slug \"" + value + "\" is reserved; choose another.");
        }
    }

    /** A suggested slug for a name, e.g. "Guild of Welders" becomes "guild-of-welders". */
    public static String suggestFor(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.length() > 63 ? s.substring(0, 63).replaceAll("-+$", "") : s;
    }

    @Override
    public String toString() {
        return value;
    }
}
