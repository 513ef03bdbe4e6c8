/**
 * Employer endorsements: an employer partner's signed OB 3.0 EndorsementCredential of an association's micro-credential
 * or of the association, revocable by the employer, hidden by the association at will, shown on public pages and
 * embedded in credentials issued afterwards.
 */
@NullMarked
package io.guildmark.app.endorsements;

import org.jspecify.annotations.NullMarked;
