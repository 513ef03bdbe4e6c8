/**
 * Data Integrity proofs with the {@code eddsa-rdfc-2022} cryptosuite (W3C Data Integrity EdDSA Cryptosuites v1.0
 * §3.3), Ed25519 keys (RFC 8032) encoded as Multikey (Controlled Identifiers 1.0, "Multikey") and Multibase.
 *
 * <pre>{@code
 * Ed25519KeyPair key = Ed25519KeyPair.generate();
 * String vm = "did:web:badges.example.org:issuers:guild#" + key.publicKeyMultibase();
 * EddsaRdfc2022 suite = EddsaRdfc2022.create();
 * JsonObject signed = suite.sign(credential, ProofOptions.assertion(vm, Instant.now()), key);
 * ProofResult result = suite.verify(signed, PublicKeyResolver.fixed(vm, key.publicKey()));
 *
 * CredentialSigner bulk = new CredentialSigner(key, vm);   // same bytes, several times faster per credential
 * JsonObject next = bulk.sign(otherCredential);
 * }</pre>
 */
package io.guildmark.credentials.proof;
