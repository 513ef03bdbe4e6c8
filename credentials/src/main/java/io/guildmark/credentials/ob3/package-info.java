/**
 * The Open Badges 3.0 data model (1EdTech Open Badges Specification v3.0, Appendix B "Data Models") as immutable, self-checking
 * records, serialized as the newest 1EdTech JSON Schema requires: an array for every property of multiplicity
 * [0..*].
 */
package io.guildmark.credentials.ob3;
