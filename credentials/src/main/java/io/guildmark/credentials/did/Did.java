package io.guildmark.credentials.did;

import java.util.regex.Pattern;

/**
 * Identifier helpers: DID syntax (DID Core §3.1: {@code did:<method>:<method-specific-id>}), and HTTPS URLs as
 * controller identifiers (Controlled Identifiers 1.0: a controlled identifier document may be identified by any
 * URL; OB 3.0 requires verifiers to dereference HTTP URL keys).
 */
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

    /** Whether the string is an HTTPS URL without fragment, usable as the id of a controlled identifier document. */
    public static boolean isHttpsController(String value) {
        if (value == null || value.length() > 2048 || !value.startsWith("https://")) {
            return false;
        }
        try {
            var uri = new java.net.URI(value);
            return uri.getHost() != null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Whether the string identifies a controller: a DID or an HTTPS URL. */
    public static boolean isController(String value) {
        return isDid(value) || isHttpsController(value);
    }

    /**
     * The controller part of a key id: the DID of a DID URL, or the URL before the fragment of an HTTPS key id
     * ({@code https://example.edu/issuers/1#key-1} → {@code https://example.edu/issuers/1}).
     */
    public static String controllerOf(String keyId) {
        if (keyId.startsWith("did:")) {
            return withoutFragment(keyId);
        }
        int hash = keyId.indexOf('#');
        return hash < 0 ? keyId : keyId.substring(0, hash);
    }

    /** Whether the string is a key id: a DID or HTTPS URL followed by a fragment. */
    public static boolean isKeyId(String value) {
        return value != null && value.indexOf('#') > 0 && value.indexOf('#') < value.length() - 1
                && isController(controllerOf(value));
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
