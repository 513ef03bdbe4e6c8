/**
 * Offline JSON-LD 1.1 processing for credentials: the bundled, pinned contexts (and nothing else), safe-mode
 * deserialization to RDF (JSON-LD 1.1 Processing Algorithms and API, "Deserialize JSON-LD to RDF Algorithm"; the "safe mode" of Data Integrity 1.0 and VC Data Model 2.0) and RDF Dataset
 * Canonicalization (RDFC-1.0 §4.4), and {@link io.guildmark.credentials.jsonld.TemplateToRdf}, which gives the same
 * quads for documents of a shape seen before without running JSON-LD processing again. Documents of a new shape
 * are expanded with the active context kept for their list of context URLs ({@code ProcessedContexts}).
 */
package io.guildmark.credentials.jsonld;
