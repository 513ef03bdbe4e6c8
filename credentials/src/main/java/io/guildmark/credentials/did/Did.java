package io.guildmark.credentials.did;

import java.util.regex.Pattern;

/** DID syntax helpers (DID Core §3.1: {@code did:<method>:<method-specific-id>}). */
public final class Did {

    // DID Core §3.1 ABNF: method-name = 1*method-char (lowercase letters, digits); idchar = ALPHA / DIGIT / "." / "-" /
    // "_" / pct-encoded, with ':'-separated segments.
    private static final Pattern DID = Pattern.compile(
            "did:[a-z0-9]+:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*(?::(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*)*");

    private Did() {
    }

    /** Whether the string is a DID without path, query or fragment. */
    public static boolean isDid(String value) {
        return value != null && value.length() <= 2048 && DID.matcher(value).matches()
                && !value.endsWith(":");
    }

    /** Whether the string is a DID or a DID URL (a DID with a fragment, path or query). */
    public static boolean isDidUrl(String value) {
        return value != null && isDid(withoutFragment(value));
    }

    /** The DID of a DID URL: everything before the first {@code /}, {@code ?} or {@code #}. */
    public static String withoutFragment(String didUrl) {
        int end = didUrl.length();
        for (char c : new char[] {'#', '?', '/'}) {
            int i = didUrl.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return didUrl.substring(0, end);
    }

    /** The method name, e.g. {@code web} for {@code did:web:example.com}. */
    public static String method(String did) throws DidResolutionException {
        var bare = withoutFragment(did);
        if (!isDid(bare)) {
            throw new DidResolutionException(DidResolutionException.Code.INVALID_DID, "not a DID: " + abbreviate(did));
        }
        return bare.substring(4, bare.indexOf(':', 4));
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
