package io.guildmark.app.credits;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.guildmark.app.catalog.AchievementDefinition;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.credits.model.CreditEntry;
import io.guildmark.app.credits.model.RenewalRule;
import io.guildmark.app.credits.model.Standing;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A learner's credit ledger with one organization: the credits of the credentials it awarded them (earned on the
 * award's date, of the type and value of the awarded version, in the category a designer marked) and the external
 * credits they reported (pending, approved or rejected), and where that leaves them in every cycle of every renewal
 * rule that applies to them.
 *
 * <p>Revoked awards grant nothing. Expired ones keep the credits they granted: those were earned in their cycle.
 */
@Service
public class Ledger {

    /** Where an entry comes from. */
    public enum Source { CREDENTIAL, EXTERNAL }

    /** One line of the ledger. {@code sourceId} is the award or the external report. */
    public record Entry(Source source, UUID sourceId, String title, LocalDate earnedOn, BigDecimal amount, String creditType,
            @Nullable String category, CreditEntry.Status status, @Nullable String note) {

        CreditEntry credit() {
            return new CreditEntry(title, earnedOn, amount, creditType, category, status);
        }
    }

    /** One rule as it applies to the learner: from their anchor date, every cycle through today, the current one last. */
    public record RuleStanding(RenewalRules.Rule rule, LocalDate anchor, List<CycleView> cycles) {

        public CycleView currentCycle() {
            return cycles.get(cycles.size() - 1);
        }

        /** Closed cycles, newest first. */
        public List<CycleView> pastCycles() {
            List<CycleView> past = new ArrayList<>(cycles.subList(0, cycles.size() - 1));
            java.util.Collections.reverse(past);
            return past;
        }
    }

    /** A rule of the organization that the learner could track but has not (a license without an entered date). */
    public record Untracked(RenewalRules.Rule rule) {}

    /** Everything the learner's page shows for one organization. */
    public record OrganizationLedger(Organization organization, List<RuleStanding> standings, List<Untracked> untrackedLicenses,
            List<Entry> entries, boolean signable) {

        public OrganizationLedger(Organization organization, List<RuleStanding> standings, List<Untracked> untrackedLicenses,
                List<Entry> entries) {
            this(organization, standings, untrackedLicenses, entries, entries.stream().anyMatch(e -> e.status() == CreditEntry.Status.EARNED));
        }
    }

    private final RenewalRules rules;
    private final CreditCategories categories;
    private final ExternalCredits external;
    private final Awards awards;
    private final Achievements achievements;
    private final Organizations organizations;

    Ledger(RenewalRules rules, CreditCategories categories, ExternalCredits external, Awards awards, Achievements achievements,
            Organizations organizations) {
        this.rules = rules;
        this.categories = categories;
        this.external = external;
        this.awards = awards;
        this.achievements = achievements;
        this.organizations = organizations;
    }

    /**
     * Where the person stands in every cycle (past and current) of every renewal rule of the organization that applies
     * to them, ordered by rule name and cycle. For the learner progress API's {@code creditCycles}.
     */
    public List<CycleView> cyclesFor(UUID organizationId, String email, LocalDate today) {
        return standings(organizationId, email, today).stream().flatMap(s -> s.cycles().stream()).toList();
    }

    /** The organizations where the person has credits, reports or tracked licenses, by name. */
    public List<Organization> organizationsOf(String email) {
        Set<UUID> ids = new LinkedHashSet<>();
        awards.heldBy(email).stream().filter(a -> !a.revoked()).forEach(a -> ids.add(a.organizationId()));
        ids.addAll(external.organizationsReportedTo(email));
        ids.addAll(rules.organizationsTrackedBy(email));
        return ids.stream().flatMap(id -> organizations.findById(id).stream())
                .filter(org -> !rules.forOrganization(org.id()).isEmpty() || !entries(org.id(), email).isEmpty())
                .sorted(Comparator.comparing(Organization::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    public OrganizationLedger ledger(Organization org, String email, LocalDate today) {
        List<RenewalRules.Rule> orgRules = rules.forOrganization(org.id());
        List<Entry> entries = entries(org.id(), email);
        List<Untracked> untracked = orgRules.stream().filter(r -> r.anchor() == RenewalRules.Anchor.LICENSE)
                .filter(r -> rules.licenseAnchor(r.id(), email).isEmpty()).map(Untracked::new).toList();
        List<Entry> newestFirst = entries.stream().sorted(Comparator.comparing(Entry::earnedOn).reversed()).toList();
        // Whether the organization has anything of its own to sign in a transcript for this person (an award, or credits
        // it approved); the transcript endpoint decides finally and refuses when there is nothing.
        boolean signable = entries.stream().anyMatch(e -> e.status() == CreditEntry.Status.EARNED)
                || awards.heldBy(email).stream().anyMatch(a -> a.organizationId().equals(org.id()) && !a.revoked());
        return new OrganizationLedger(org, standings(orgRules, entries, email, today), untracked, newestFirst, signable);
    }

    public List<RuleStanding> standings(UUID organizationId, String email, LocalDate today) {
        return standings(rules.forOrganization(organizationId), entries(organizationId, email), email, today);
    }

    private List<RuleStanding> standings(List<RenewalRules.Rule> orgRules, List<Entry> entries, String email, LocalDate today) {
        List<CreditEntry> credits = entries.stream().map(Entry::credit).toList();
        List<RuleStanding> result = new ArrayList<>();
        for (RenewalRules.Rule rule : orgRules) {
            Optional<LocalDate> anchor = anchor(rule, email);
            if (anchor.isEmpty()) continue;
            RenewalRule model = rule.model();
            List<RenewalRule.Cycle> cycles = model.cyclesThrough(anchor.get(), today);
            List<CycleView> views = new ArrayList<>();
            for (RenewalRule.Cycle cycle : cycles) {
                boolean current = cycle.contains(today);
                views.add(CycleView.of(rule, Standing.of(model, cycle, credits, today), current));
            }
            result.add(new RuleStanding(rule, anchor.get(), views));
        }
        return result;
    }

    /** The day the rule's cycles count from for this person, if it applies to them. */
    public Optional<LocalDate> anchor(RenewalRules.Rule rule, String email) {
        if (rule.anchor() == RenewalRules.Anchor.LICENSE) return rules.licenseAnchor(rule.id(), email);
        return awards.heldBy(email).stream().filter(a -> !a.revoked()).filter(a -> a.achievementId().equals(rule.achievementId()))
                .map(Ledger::earnedOn).min(Comparator.naturalOrder());
    }

    /** The person's entries with the organization, oldest first. */
    public List<Entry> entries(UUID organizationId, String email) {
        List<Entry> entries = new ArrayList<>();
        Map<UUID, String> marked = categories.forOrganization(organizationId);
        for (Award award : awards.heldBy(email)) {
            if (!award.organizationId().equals(organizationId) || award.revoked()) continue;
            Optional<AchievementDefinition> definition = achievements.findVersion(award.achievementId(), award.achievementVersion())
                    .map(v -> v.definition());
            if (definition.isEmpty() || definition.get().creditValue() == null || definition.get().creditType() == null
                    || definition.get().creditValue().signum() == 0) {
                continue;
            }
            entries.add(new Entry(Source.CREDENTIAL, award.id(), award.achievementName(), earnedOn(award), definition.get().creditValue(),
                    definition.get().creditType(), marked.get(award.achievementId()), CreditEntry.Status.EARNED, null));
        }
        for (ExternalCredits.Report r : external.mine(email, organizationId)) {
            CreditEntry.Status status = switch (r.status()) {
                case PENDING -> CreditEntry.Status.PENDING;
                case APPROVED -> CreditEntry.Status.EARNED;
                case REJECTED -> CreditEntry.Status.REJECTED;
            };
            entries.add(new Entry(Source.EXTERNAL, r.id(), r.title() + " (" + r.provider() + ")", r.completedOn(), r.amount(), r.creditType(),
                    r.category(), status, r.reason()));
        }
        entries.sort(Comparator.comparing(Entry::earnedOn));
        return entries;
    }

    /**
     * The day an award's credits were earned: the date the credential says it was awarded ({@code validFrom}), which
     * staff set when they record an award made earlier.
     */
    static LocalDate earnedOn(Award award) {
        return LocalDate.ofInstant(award.validFrom(), ZoneOffset.UTC);
    }
}
