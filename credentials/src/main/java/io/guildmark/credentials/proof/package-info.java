/**
 * Data Integrity proofs with the {@code eddsa-rdfc-2022} cryptosuite (W3C Data Integrity EdDSA Cryptosuites v1.0
 * §3.3), Ed25519 keys (RFC 8032) encoded as Multikey (Controlled Identifiers 1.0 §2.2.2) and Multibase.
 */
package io.guildmark.credentials.proof;
