package io.guildmark.app.issuing;

import java.util.Locale;

/** Who may open a badge's page; see {@link Award#visibility()} and docs/profiles.md. */
public enum Visibility {
    /** Anyone; shown on the holder's profile when they put it in a collection; indexable if the holder allows. */
    PUBLIC,
    /** Anyone with the link; never on a profile, never indexed. */
    UNLISTED,
    /** The holder and the issuing organization's staff only; anyone else gets the page for an unknown badge. */
    PRIVATE;

    /** The stored word ({@code public}, {@code unlisted}, {@code private}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value for a stored or submitted word; an unknown word is private, the safe reading. */
    public static Visibility of(String word) {
        for (Visibility v : values()) if (v.word().equals(word)) return v;
        return PRIVATE;
    }

    /** The value for a submitted word, or empty when it is none of the three. */
    public static java.util.Optional<Visibility> parse(@org.jspecify.annotations.Nullable String word) {
        if (word == null) return java.util.Optional.empty();
        for (Visibility v : values()) if (v.word().equals(word.strip().toLowerCase(Locale.ROOT))) return java.util.Optional.of(v);
        return java.util.Optional.empty();
    }
}
