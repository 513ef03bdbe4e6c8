/**
 * Issuing: issuers' signing keys and DID documents, awards signed as Open Badges 3.0 credentials (eddsa-rdfc-2022
 * and VC-JWT), baked images, status lists and revocation.
 */
@NullMarked
package io.guildmark.app.issuing;

import org.jspecify.annotations.NullMarked;
