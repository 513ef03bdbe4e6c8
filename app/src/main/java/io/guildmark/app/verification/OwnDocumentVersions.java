package io.guildmark.app.verification;

import java.net.URI;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The versions of this platform's own issuer documents as they are now in the database, with the issuer's standing,
 * read by one indexed query: what a kept verification outcome is checked against before it is reused
 * ({@link KeptOutcomes}). The versions are those {@link io.guildmark.app.shared.OwnDocuments#read} gives with the
 * documents, so an equal version means the same document. Implemented by the issuing module.
 */
public interface OwnDocumentVersions {

    /**
     * @param didDocument the address of one of this platform's issuers' DID documents
     * @param statusList  the address of one of this platform's Bitstring status lists, or null
     * @return the current versions and the standing of the DID document's issuer; empty when an address is not one of
     *         this platform's documents or names nothing (the outcome is then not reused)
     */
    Optional<Versions> current(URI didDocument, @Nullable URI statusList);

    /** @param statusList null when no status list was asked for, or when it does not exist */
    record Versions(String didDocument, @Nullable String statusList, IssuerStandings.Standing standing) {}
}
