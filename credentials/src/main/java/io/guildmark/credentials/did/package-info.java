/**
 * Decentralized identifiers for issuers: DID documents, {@code did:web} and {@code did:key} (Ed25519) resolution,
 * HTTPS controller documents (issuers identified by an HTTPS URL, OB 3.0 "Dereferencing the Public Key"), caching,
 * and lookup of an issuer's assertion keys (W3C DID Core 1.0 §5.2–5.3; did:web Method Specification §3.2 "Read";
 * did:key Method v0.7; Controlled Identifiers 1.0 "Multikey").
 *
 * <p>Verification methods are written the way Digital Bazaar's did-io/vc libraries and Spruce's didkit read them:
 * Ed25519 keys as {@code Multikey} with {@code publicKeyMultibase} (contexts {@code https://www.w3.org/ns/did/v1} and
 * {@code https://w3id.org/security/multikey/v1}, both bundled), RSA and EC keys for VC-JWT as {@code JsonWebKey} with
 * {@code publicKeyJwk}. The JsonWebKey context ({@code https://w3id.org/security/jwk/v1}) is not bundled, so those two
 * terms are defined in an inline context object that maps them to the same IRIs; a document is never given a context
 * that an offline loader can't serve.
 */
package io.guildmark.credentials.did;
