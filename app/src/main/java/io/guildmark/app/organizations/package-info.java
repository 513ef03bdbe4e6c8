/** Organizations (the tenants and issuers): profile, logo, members and their roles, invitations and API keys. */
@NullMarked
package io.guildmark.app.organizations;

import org.jspecify.annotations.NullMarked;
