package io.guildmark.app.pathways;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.earning.EarningDesigns;
import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.pathways.model.Progress;
import io.guildmark.app.pathways.model.Requirement;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Computes a learner's {@link Standing} from what they hold now: valid awards to their address (with the credits each
 * version carries) and accepted imports from other issuers, active enrollments (in progress), and earning prerequisites they lack (locked).
 */
@Component
class Standings {

    private final Awards awards;
    private final Achievements achievements;
    private final EarningDesigns designs;
    private final Organizations organizations;
    private final StepCatalog catalog;
    private final JdbcClient db;
    private final Clock clock;

    Standings(Awards awards, Achievements achievements, EarningDesigns designs, Organizations organizations, StepCatalog catalog, JdbcClient db,
            Clock clock) {
        this.clock = clock;
        this.awards = awards;
        this.achievements = achievements;
        this.designs = designs;
        this.organizations = organizations;
        this.catalog = catalog;
        this.db = db;
    }

    /** What an address holds and is doing, as far as the given micro-credentials go. */
    record Held(Progress.Holdings holdings, Map<UUID, Award> awards, Map<UUID, ImportedCredentials.Imported> imports) {}

    /**
     * What the address holds of the organization's micro-credentials: its own awards, and verified imports from other
     * issuers that the organization accepts as one of them (counted with our micro-credential's credits).
     */
    Held held(UUID organizationId, String email, List<UUID> steps, Map<UUID, StepCatalog.Info> infos) {
        List<Award> valid = awards.validAwardsTo(email);
        Map<UUID, Award> newest = new LinkedHashMap<>();
        for (Award a : valid) newest.putIfAbsent(a.achievementId(), a); // newest first
        Map<UUID, BigDecimal> held = new HashMap<>();
        for (UUID step : steps) {
            Award award = newest.get(step);
            if (award != null) held.put(step, creditsOf(award));
        }
        Map<UUID, ImportedCredentials.Imported> imports = new HashMap<>();
        ImportedCredentials.countedFor(db, clock.instant(), organizationId, email).forEach((ours, imported) -> {
            if (!steps.contains(ours) || held.containsKey(ours)) return;
            imports.put(ours, imported);
            StepCatalog.Info info = infos.get(ours);
            held.put(ours, info == null || info.credits() == null ? BigDecimal.ZERO : info.credits());
        });
        Set<UUID> inProgress = new HashSet<>(db.sql("select achievement_id from enrollments where email = ? and state = 'active'")
                .param(email).query(UUID.class).list());
        Set<UUID> locked = new HashSet<>();
        for (UUID step : steps) {
            if (held.containsKey(step) || inProgress.contains(step)) continue;
            designs.latest(step).ifPresent(d -> {
                if (d.design().prerequisites().stream().anyMatch(p -> !newest.containsKey(p) && !imports.containsKey(p))) locked.add(step);
            });
        }
        Map<UUID, BigDecimal> creditValues = new HashMap<>();
        infos.forEach((id, info) -> {
            if (info.credits() != null) creditValues.put(id, info.credits());
        });
        return new Held(new Progress.Holdings(held, inProgress, locked, creditValues), newest, imports);
    }

    /** The credits an award carries: those of the version it was earned under. */
    private BigDecimal creditsOf(Award award) {
        return achievements.findVersion(award.achievementId(), award.achievementVersion())
                .map(v -> v.definition().creditValue()).map(c -> c == null ? BigDecimal.ZERO : c).orElse(BigDecimal.ZERO);
    }

    Standing of(PathwayVersion version, String email, @Nullable Learner learner) {
        List<UUID> wanted = new ArrayList<>(version.steps());
        wanted.addAll(version.deeperDives());
        if (version.capstoneAchievementId() != null) wanted.add(version.capstoneAchievementId());
        Map<UUID, StepCatalog.Info> infos = catalog.published(wanted);
        Held held = held(version.organizationId(), email, version.steps(), infos);
        Progress.Holdings holdings = held.holdings();
        Progress.Node root = Progress.evaluate(version.requirement(), holdings);

        List<Standing.Step> steps = version.steps().stream().map(id -> step(id, infos, holdings, held)).toList();
        List<Standing.CreditGroup> creditGroups = new ArrayList<>();
        List<Standing.Group> open = new ArrayList<>();
        walk(root, version.rules(), infos, creditGroups, open);
        UUID next = Progress.nextStep(root, holdings).orElse(null);
        String organizationName = organizations.findById(version.organizationId()).map(Organization::name).orElse("");
        String capstoneName = version.capstoneAchievementId() == null ? null : StepCatalog.name(infos, version.capstoneAchievementId());
        List<Standing.Step> dives = version.deeperDives().stream().map(id -> step(id, infos, holdings, held)).toList();
        UUID eligibilityId = learner == null ? null : db.sql("select id from pathway_eligibilities where learner_id = ? order by recorded_at desc limit 1")
                .param(learner.id()).query(UUID.class).optional().orElse(null);
        return new Standing(version, organizationName, email, learner, root, steps, creditGroups, open,
                Progress.remaining(root, holdings), next == null ? null : step(next, infos, holdings, held), capstoneName, dives,
                eligibilityId);
    }

    private static Standing.Step step(UUID id, Map<UUID, StepCatalog.Info> infos, Progress.Holdings holdings, Held held) {
        StepCatalog.Info info = infos.get(id);
        Award award = held.awards().get(id);
        ImportedCredentials.Imported imported = award == null ? held.imports().get(id) : null;
        return new Standing.Step(id, StepCatalog.name(infos, id), holdings.state(id), info == null ? null : info.credits(),
                info == null ? "" : info.creditText(), award == null ? null : award.id(), imported);
    }

    /** Collects credit groups and unsatisfied groups, walking the evaluated tree beside the stored one (same shape). */
    private static void walk(Progress.Node node, RuleTree.Rule rule, Map<UUID, StepCatalog.Info> infos,
            List<Standing.CreditGroup> credits, List<Standing.Group> open) {
        if (node.requirement() instanceof Requirement.Earn) return;
        String unit = StepCatalog.creditUnit(rule, infos);
        if (!node.satisfied()) open.add(new Standing.Group(RuleTree.label(rule), RuleTree.ruleText(rule, unit), false, node.percent()));
        if (node.requirement() instanceof Requirement.Credits c) {
            credits.add(new Standing.CreditGroup(c.label(), node.credits(), c.minimum(), unit, node.satisfied()));
            return;
        }
        List<RuleTree.Rule> parts = RuleTree.parts(rule);
        for (int i = 0; i < node.parts().size(); i++) walk(node.parts().get(i), parts.get(i), infos, credits, open);
    }
}
