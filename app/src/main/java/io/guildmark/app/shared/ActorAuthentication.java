package io.guildmark.app.shared;

import java.util.Collection;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/** A request authenticated by a token (an API key or an organization's OAuth client) that stands for an {@link Actor}. */
public final class ActorAuthentication extends AbstractAuthenticationToken {

    private final ActorPrincipal principal;

    public ActorAuthentication(Actor actor, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.principal = () -> actor;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }
}
