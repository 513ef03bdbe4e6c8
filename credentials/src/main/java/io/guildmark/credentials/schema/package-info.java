/**
 * JSON Schema validation of Open Badges 3.0 documents against the 1EdTech schemas (OB 3.0 Appendix "JSON Schema";
 * draft 2019-09), bundled on the classpath and never fetched.
 */
package io.guildmark.credentials.schema;
