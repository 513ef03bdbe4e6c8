package io.guildmark.app.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/** An e-mail address, trimmed and lower-cased so that one person has one address. */
public record EmailAddress(String value) {

    // Deliberately permissive: the verification e-mail is the real check.
    private static final Pattern FORM = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    public EmailAddress {
        value = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (value.length() > 254 || !FORM.matcher(value).matches()) {
            throw Problem.invalidField("email", "Enter a valid e-mail address, like name@example.org.");
        }
    }

    public static EmailAddress of(String value) {
        return new EmailAddress(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
