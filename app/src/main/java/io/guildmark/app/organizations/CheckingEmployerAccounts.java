package io.guildmark.app.organizations;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.verification.CheckingEmployers;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Answers verification's question of which employer accounts keep a batch check: the employers whose candidates this
 * actor checks, i.e. where they hold {@link Permission#FIND_TALENT} (owners, admins, recruiters; the employer's API key).
 */
@Component
class CheckingEmployerAccounts implements CheckingEmployers {

    private final Organizations organizations;

    CheckingEmployerAccounts(Organizations organizations) {
        this.organizations = organizations;
    }

    @Override
    public List<Employer> of(Actor.Person person) {
        return organizations.membershipsOf(person.userId()).entrySet().stream()
                .filter(e -> e.getKey().employs() && checks(e.getValue()))
                .map(Map.Entry::getKey).map(CheckingEmployerAccounts::employer).toList();
    }

    @Override
    public Employer require(Actor actor, String slug) {
        return employer(organizations.require(actor, slug, Permission.FIND_TALENT));
    }

    @Override
    public boolean allowed(Actor actor, UUID employerId) {
        return organizations.allowed(actor, employerId, Permission.FIND_TALENT);
    }

    @Override
    public @Nullable Employer ofKey(Actor.OrganizationKey key) {
        return organizations.ofKey(key).filter(Organization::employs)
                .filter(o -> organizations.allowed(key, o.id(), Permission.FIND_TALENT))
                .map(CheckingEmployerAccounts::employer).orElse(null);
    }

    private static boolean checks(Set<Role> roles) {
        return roles.stream().anyMatch(Role.granting(Permission.FIND_TALENT)::contains);
    }

    private static Employer employer(Organization org) {
        return new Employer(org.id(), org.slug(), org.name());
    }
}
