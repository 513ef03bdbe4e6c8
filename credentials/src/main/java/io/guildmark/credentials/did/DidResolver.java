package io.guildmark.credentials.did;

/** Resolves a DID (without fragment) to its DID document (DID Core §7.1). Implementations must be thread safe. */
@FunctionalInterface
public interface DidResolver {

    /**
     * @param did a DID such as {@code did:web:example.com:issuers:acme}; a fragment or query, if present, is ignored
     * @return the DID document, never {@code null}
     * @throws DidResolutionException if the DID can't be resolved
     */
    DidDocument resolve(String did) throws DidResolutionException;
}
