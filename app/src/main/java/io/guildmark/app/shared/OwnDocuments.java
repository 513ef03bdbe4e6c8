package io.guildmark.app.shared;

import java.io.FileNotFoundException;
import java.net.URI;
import java.util.Optional;

/**
 * The documents this platform publishes about its own issuers (their DID documents and status lists), read from the
 * database as they are at this moment. The verifier asks here before it fetches or caches anything, so a key rotation,
 * key retirement or revocation on this platform counts at once, on every node: there is no copy to go stale.
 * Implemented by the issuing module.
 */
public interface OwnDocuments {

    /**
     * The document at {@code uri} if the address is one of this platform's own issuer documents; empty for any other
     * address (another host, or a path of this platform that is not an issuer document).
     *
     * @throws FileNotFoundException if the address is one of this platform's issuer documents that does not exist
     *                               (an unknown organization or status list)
     */
    Optional<byte[]> find(URI uri) throws FileNotFoundException;
}
