package io.guildmark.app.accounts;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.ActorPrincipal;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The principal of a signed-in session; kept in the session table, so it is small and serializable. */
final class SignedInUser implements UserDetails, CredentialsContainer, ActorPrincipal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UUID id;
    private final String email;
    private final String name;
    private String passwordHash;
    private final boolean verified;
    private final boolean locked;
    private final boolean platformAdmin;

    SignedInUser(UUID id, String email, String name, String passwordHash, boolean verified, boolean locked, boolean platformAdmin) {
        this.id = id;
        this.email = email;
        this.name = name;
        this.passwordHash = passwordHash;
        this.verified = verified;
        this.locked = locked;
        this.platformAdmin = platformAdmin;
    }

    @Override
    public Actor actor() {
        return new Actor.Person(id, email, platformAdmin);
    }

    String name() {
        return name;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return platformAdmin ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_PLATFORM_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    /**
     * An unconfirmed address is reported as not-yet-usable credentials rather than a disabled account: Spring
     * Security checks this only after the password matched, so a stranger cannot tell an unconfirmed account from
     * no account at all.
     */
    @Override
    public boolean isCredentialsNonExpired() {
        return verified;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
