/**
 * Offline JSON-LD 1.1 processing for credentials: the bundled, pinned contexts (and nothing else), safe-mode
 * deserialization to RDF (JSON-LD 1.1 API §4.5, Data Integrity 1.0 §4.2 "safe mode") and RDF Dataset
 * Canonicalization (RDFC-1.0 §4.4).
 */
package io.guildmark.credentials.jsonld;
