package io.guildmark.app.shared;

import java.io.FileNotFoundException;
import java.net.URI;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

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

    /**
     * A document of this platform's and the version it was read at, when it has one: a version changes whenever the
     * document's content does, so an outcome computed from it can be kept while the version stands (a DID document's
     * key set, a status list's ETag). {@code null} for documents computed afresh on every read (1EdTech revocation lists).
     */
    record Versioned(byte[] bytes, @Nullable String version) {}

    /** {@link #find} with the version the document was read at; by default no version, so nothing is kept from it. */
    default Optional<Versioned> read(URI uri) throws FileNotFoundException {
        return find(uri).map(bytes -> new Versioned(bytes, null));
    }
}
