/**
 * Proof of control of a DID ("DID authentication"): a holder answers a verifier's challenge (a nonce and the
 * verifier's address) by signing it with a key its DID document lists under {@code authentication} or
 * {@code assertionMethod}. {@link HolderProofVerifier} accepts what wallets produce: a compact JWS (EdDSA or ES256,
 * {@code kid} a DID URL, claims {@code iss}, {@code aud}, {@code nonce}, {@code iat}, {@code exp}), a VP-JWT carrying
 * the same claims, or a Verifiable Presentation secured with an {@code eddsa-rdfc-2022} Data Integrity proof whose
 * {@code challenge} is the nonce and {@code domain} the verifier's address. {@link HolderProofs} makes such proofs
 * (for tests, demos and small command-line wallets).
 */
package io.guildmark.credentials.holder;
