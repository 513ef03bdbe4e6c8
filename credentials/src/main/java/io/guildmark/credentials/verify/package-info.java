/**
 * Verifies an Open Badges 3.0 credential given as JSON, VC-JWT, or baked PNG/SVG, and reports every check with a
 * stable name and code (OB 3.0 "Verification and Validation": format, schema, proof, issuer key, validity dates,
 * status, recipient). Open Badges 2.0 hosted assertions (JSON, or baked as their URL or JSON) are verified by fetching
 * the issuer-hosted assertion, badge class and issuer profile, and reported under the same check names. Bad input never
 * throws: each problem is a failed check.
 *
 * <pre>{@code
 * Verifier verifier = Verifier.builder()
 *         .documentFetcher(ssrfSafeHttpClient::get)   // did:web documents and status lists
 *         .build();
 * VerificationReport report = verifier.verify(uploadedBytes, "image/png", "jane@example.com");
 * report.summary();   // "Verified: Welding level 2 issued by Acme Guild to Jane Doe on 2026-01-15."
 * }</pre>
 */
package io.guildmark.credentials.verify;
