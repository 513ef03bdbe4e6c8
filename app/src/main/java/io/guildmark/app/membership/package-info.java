/**
 * The association's membership roster: who is a member, of which type, until when. Kept in sync by the association's
 * management system (API) or by CSV; it decides who pays the member price. Membership is not a staff role.
 */
@NullMarked
package io.guildmark.app.membership;

import org.jspecify.annotations.NullMarked;
