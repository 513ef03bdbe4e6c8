package io.guildmark.app.shared;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The actor of the current request, read from Spring Security's context. */
public final class CurrentActor {

    private CurrentActor() {}

    public static Optional<Actor> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated() && authentication.getPrincipal() instanceof ActorPrincipal p) {
            return Optional.of(p.actor());
        }
        return Optional.empty();
    }

    public static Actor get() {
        return find().orElseThrow(() -> new Problem(Problem.Kind.UNAUTHORIZED, "unauthorized", "Sign in first.", java.util.List.of()));
    }

    public static Optional<Actor.Person> person() {
        return find().filter(Actor.Person.class::isInstance).map(Actor.Person.class::cast);
    }
}
