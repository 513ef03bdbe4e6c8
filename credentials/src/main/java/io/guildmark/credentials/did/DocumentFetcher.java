package io.guildmark.credentials.did;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * Fetches a document by URL: DID documents for {@code did:web}, status lists, revocation lists, and Open Badges 2.0
 * hosted assertions with their badge classes and issuer profiles. The library never opens a network connection itself;
 * the application plugs in an HTTP client that guards against SSRF (no private addresses, timeouts, size limits), and
 * tests plug in a map.
 */
@FunctionalInterface
public interface DocumentFetcher {

    /**
     * @return the response body
     * @throws FileNotFoundException if there is no document at the address (HTTP 404); for HTTP 410 Gone throw its
     *                               subclass {@link DocumentGoneException}, which OB 2.0 verification reads as revoked
     * @throws IOException for any other failure
     */
    byte[] fetch(URI uri) throws IOException;

    /** A fetcher that serves only the given documents, for tests and offline demos. */
    static DocumentFetcher ofMap(Map<URI, byte[]> documents) {
        var copy = Map.copyOf(documents);
        return uri -> {
            var body = copy.get(uri);
            if (body == null) {
                throw new FileNotFoundException(uri.toString());
            }
            return body.clone();
        };
    }
}
