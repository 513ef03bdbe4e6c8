package io.guildmark.app.payments;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.guildmark.app.accounts.EmailAddresses;
import io.guildmark.app.membership.Roster;
import io.guildmark.app.shared.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The price a buyer pays for what payments sells besides enrollments (seats, pathway places), by the rule enrolling
 * follows: the association's roster decides who is a member (an active or grace member with one of the buyer's
 * verified addresses); a member pays the lowest price set for one of their member types, else the member price;
 * anyone else the non-member price (the member price when there is no other).
 */
@Component
class RosterPricing {

    /** The price and the member type it is reported under ({@code member} false: a non-member). */
    record Priced(long priceMinor, boolean member, @Nullable String memberType) {}

    /** The prices of one thing: member, non-member, and per member type (looked up by type). */
    record Prices(@Nullable Long memberPrice, @Nullable Long nonMemberPrice, Function<String, Optional<Long>> byType) {}

    private final Roster roster;
    private final EmailAddresses emailAddresses;

    RosterPricing(Roster roster, EmailAddresses emailAddresses) {
        this.roster = roster;
        this.emailAddresses = emailAddresses;
    }

    /** Empty when it is free for this buyer (no price, or a price of zero). */
    Optional<Priced> price(java.util.UUID organizationId, Actor.Person buyer, Prices prices) {
        List<String> emails = emailAddresses.verifiedEmails(buyer.userId());
        Optional<List<String>> membership = roster.activeMembership(organizationId, emails);
        return price(membership, prices);
    }

    static Optional<Priced> price(Optional<List<String>> membership, Prices prices) {
        List<String> types = membership.orElse(List.of());
        Optional<String> cheapestType = types.stream().filter(t -> prices.byType().apply(t).isPresent())
                .min(Comparator.comparing(t -> prices.byType().apply(t).orElseThrow()));
        if (cheapestType.isPresent()) {
            long price = prices.byType().apply(cheapestType.get()).orElseThrow();
            return price <= 0 ? Optional.empty() : Optional.of(new Priced(price, true, cheapestType.get()));
        }
        boolean member = membership.isPresent();
        Long price = member && prices.memberPrice() != null ? prices.memberPrice() : prices.nonMemberPrice();
        if (price == null) price = prices.memberPrice();
        if (price == null || price <= 0) return Optional.empty();
        return Optional.of(new Priced(price, member, types.stream().findFirst().orElse(null)));
    }
}
