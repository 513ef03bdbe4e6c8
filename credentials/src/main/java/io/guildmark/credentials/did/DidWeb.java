package io.guildmark.credentials.did;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code did:web} ↔ URL mapping (did:web Method Specification §3.2, "Read (Resolve)"):
 * {@code did:web:example.com:issuers:acme} ↔ {@code https://example.com/issuers/acme/did.json} and
 * {@code did:web:example.com} ↔ {@code https://example.com/.well-known/did.json}; a port is percent-encoded
 * ({@code did:web:localhost%3A8080}).
 *
 * <p>The specification allows HTTPS only. For tests and the local demo, {@code allowHttpOnLoopback} maps DIDs whose host
 * is {@code localhost}, {@code 127.0.0.1} or {@code [::1]} to {@code http://}; every other host stays HTTPS.
 */
public final class DidWeb {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private DidWeb() {
    }

    /** The HTTPS address of the DID document. */
    public static URI toUrl(String did) throws DidResolutionException {
        return toUrl(did, false);
    }

    /** The address of the DID document; {@code http} only for loopback hosts and only when allowed. */
    public static URI toUrl(String did, boolean allowHttpOnLoopback) throws DidResolutionException {
        if (!Did.isDid(did) || !did.startsWith("did:web:")) {
            throw new DidResolutionException(DidResolutionException.Code.INVALID_DID,
                    "not a did:web DID: " + Did.abbreviate(did));
        }
        var segments = did.substring("did:web:".length()).split(":", -1);
        // §3.2 step 2-3: the first segment is the host, with an optional percent-encoded port.
        var host = URLDecoder.decode(segments[0], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        if (host.isEmpty() || host.contains("/") || host.contains("@") || host.contains("?") || host.contains("#")) {
            throw new DidResolutionException(DidResolutionException.Code.INVALID_DID, "invalid did:web host in " + did);
        }
        var path = new StringBuilder();
        if (segments.length == 1) {
            path.append("/.well-known");
        } else {
            for (int i = 1; i < segments.length; i++) {
                var segment = URLDecoder.decode(segments[i], StandardCharsets.UTF_8);
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("/")) {
                    throw new DidResolutionException(DidResolutionException.Code.INVALID_DID,
                            "invalid did:web path segment in " + did);
                }
                path.append('/').append(segment);
            }
        }
        path.append("/did.json");
        var hostOnly = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        var scheme = allowHttpOnLoopback && LOOPBACK.contains(hostOnly) ? "http" : "https";
        try {
            var uri = new URI(scheme + "://" + host + new URI(null, null, path.toString(), null).getRawPath());
            if (uri.getHost() == null) {
                throw new URISyntaxException(uri.toString(), "no host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new DidResolutionException(DidResolutionException.Code.INVALID_DID, "invalid did:web: " + did, e);
        }
    }

    /**
     * The {@code did:web} DID for the address of a DID document (the inverse of {@link #toUrl(String, boolean)}).
     *
     * @throws IllegalArgumentException if the URL is not a DID document address
     */
    public static String fromUrl(URI url) {
        if (url.getHost() == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
            throw new IllegalArgumentException("not an http(s) URL: " + url);
        }
        var path = url.getPath();
        if (!path.endsWith("/did.json")) {
            throw new IllegalArgumentException("a did:web document address ends with /did.json: " + url);
        }
        var did = new StringBuilder("did:web:").append(url.getHost().toLowerCase(Locale.ROOT));
        if (url.getPort() != -1) {
            did.append("%3A").append(url.getPort());
        }
        var dir = path.substring(0, path.length() - "/did.json".length());
        if (!dir.equals("/.well-known")) {
            for (var segment : dir.split("/")) {
                if (!segment.isEmpty()) {
                    did.append(':').append(java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8)
                            .replace("+", "%20"));
                }
            }
        }
        return did.toString();
    }
}
