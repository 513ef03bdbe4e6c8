/**
 * Credential status: W3C Bitstring Status List v1.0 (§2.1 BitstringStatusListEntry, §2.2 BitstringStatusListCredential,
 * §3.1 Bitstring Generation, §3.2 Bitstring Expansion, §3.2 Validate Algorithm) and the Open Badges 3.0
 * {@code 1EdTechRevocationList} status method (1EdTech Revocation List v1.0), with a checker that fetches, verifies and
 * reads both.
 */
package io.guildmark.credentials.status;
