/**
 * Credential status: W3C Bitstring Status List v1.0 (BitstringStatusListEntry, BitstringStatusListCredential,
 * the Bitstring Generation, Bitstring Expansion and Validate algorithms) and the Open Badges 3.0
 * {@code 1EdTechRevocationList} status method (1EdTech Revocation List v1.0), with a checker that fetches, verifies and
 * reads both.
 */
package io.guildmark.credentials.status;
