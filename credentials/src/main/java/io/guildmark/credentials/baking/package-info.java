/**
 * Baking credentials into badge images and extracting them again: Open Badges 3.0 "Baked Badge" (PNG
 * {@code iTXt} keyword {@code openbadgecredential}; SVG {@code <openbadges:credential>} in namespace
 * {@code https://purl.imsglobal.org/ob/v3p0}) and Open Badges 2.0 "Baking" (PNG keyword {@code openbadges}; SVG
 * {@code <openbadges:assertion>} in namespace {@code http://openbadges.org}).
 *
 * <p>Images come from strangers, so every reader is bounded: inputs over a size limit are refused, PNG chunk CRCs are
 * checked, compressed text is inflated only up to a small cap, and SVG is parsed with DTDs and external entities
 * disabled. Nothing in an image is executed.
 */
package io.guildmark.credentials.baking;
