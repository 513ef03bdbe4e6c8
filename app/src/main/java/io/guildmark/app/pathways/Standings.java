package io.guildmark.app.pathways;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 *
 * <p>A standing is made of two parts. {@link Facts} are the same for every visitor of one pathway version: its steps'
 * names and credits (each step's newest catalog version, parsed), their earning prerequisites and the organization's
 * name; the pathway page keeps them per pathway stamp ({@link #facts(PathwayVersion, Object)}), since the stamp changes
 * whenever any of them can. {@link Visitor} is what one address holds and is doing, read anew (a few indexed queries) on
 * every view, so a standing is never older than the view. The standing is a pure function of the two (and of the
 * credits of each frozen catalog version an award was earned under, kept by version), so equal parts give an equal
 * standing: the pathway page keeps a visitor's rendered page under them.
 */
@Component
class Standings {

    /** Pathway versions whose facts are kept (one per pathway in use; a new stamp replaces an entry's use, not its memory). */
    static final int FACTS_KEPT = 2_000;
    /** Frozen catalog versions whose credits are kept. */
    static final int CREDITS_KEPT = 20_000;

    private final Awards awards;
    private final Achievements achievements;
    private final EarningDesigns designs;
    private final Organizations organizations;
    private final StepCatalog catalog;
    private final JdbcClient db;
    private final Clock clock;

    private record FactsKey(UUID pathwayId, int version, Object stamp) {}

    private record VersionKey(UUID achievementId, int version) {}

    private final Cache<FactsKey, Facts> factsByStamp = Caffeine.newBuilder().maximumSize(FACTS_KEPT).build();
    /** A published catalog version is frozen, so the credits it carries never change. */
    private final Cache<VersionKey, BigDecimal> creditsByVersion = Caffeine.newBuilder().maximumSize(CREDITS_KEPT).build();

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

    /**
     * What every visitor of one pathway version sees alike.
     *
     * @param infos the newest published catalog version of each step, deeper dive and the capstone
     * @param prerequisites per step, the micro-credentials its newest earning design asks for first
     */
    record Facts(PathwayVersion version, String organizationName, Map<UUID, StepCatalog.Info> infos, Map<UUID, List<UUID>> prerequisites) {

        /** Every micro-credential whose award can change a standing on this version: steps, deeper dives, capstone, prerequisites. */
        Set<UUID> counted() {
            Set<UUID> ids = new LinkedHashSet<>(version.steps());
            ids.addAll(version.deeperDives());
            if (version.capstoneAchievementId() != null) ids.add(version.capstoneAchievementId());
            prerequisites.values().forEach(ids::addAll);
            return ids;
        }
    }

    /** An award as a standing uses it: which one (its page is linked) and the catalog version it was earned under. */
    record HeldAward(UUID id, UUID achievementId, int achievementVersion) {}

    /**
     * What one address holds and is doing, as far as one pathway version counts it, at one moment: the newest valid
     * award of each counted micro-credential (valid at that moment, so an expiry passing changes it with no row
     * changing), the verified imports the organization maps to a step, the active enrollments in counted
     * micro-credentials, their place on the pathway and their newest eligibility record. A visitor signed out holds
     * nothing.
     */
    record Visitor(String email, @Nullable Learner learner, Map<UUID, HeldAward> awards, Map<UUID, ImportedCredentials.Imported> imports,
            Set<UUID> inProgress, @Nullable UUID eligibilityId) {}

    /**
     * The facts of a pathway's version, kept under the pathway's stamp (which changes whenever they can), so that a
     * view of a version already seen reads nothing here; {@code load} reads the version when it was not, and may
     * find none.
     */
    Optional<Facts> facts(UUID pathwayId, int version, Object pathwayStamp, Supplier<Optional<PathwayVersion>> load) {
        FactsKey key = new FactsKey(pathwayId, version, pathwayStamp);
        Facts kept = factsByStamp.getIfPresent(key);
        if (kept != null) return java.util.Optional.of(kept);
        Optional<Facts> read = load.get().map(this::facts);
        read.ifPresent(f -> factsByStamp.put(key, f));
        return read;
    }

    /** The facts of a version, read now. */
    Facts facts(PathwayVersion version) {
        List<UUID> wanted = new ArrayList<>(version.steps());
        wanted.addAll(version.deeperDives());
        if (version.capstoneAchievementId() != null) wanted.add(version.capstoneAchievementId());
        Map<UUID, StepCatalog.Info> infos = catalog.published(wanted);
        Map<UUID, List<UUID>> prerequisites = new LinkedHashMap<>();
        for (UUID step : version.steps()) {
            designs.latest(step).map(d -> d.design().prerequisites()).filter(p -> !p.isEmpty())
                    .ifPresent(p -> prerequisites.put(step, List.copyOf(p)));
        }
        String organizationName = organizations.findById(version.organizationId()).map(Organization::name).orElse("");
        return new Facts(version, organizationName, Map.copyOf(infos), Map.copyOf(prerequisites));
    }

    /** What the address holds and does now, as far as the facts' version counts it. */
    Visitor visitor(Facts facts, String email, @Nullable Learner learner) {
        UUID eligibilityId = learner == null ? null : db.sql("select id from pathway_eligibilities where learner_id = ? order by recorded_at desc limit 1")
                .param(learner.id()).query(UUID.class).optional().orElse(null);
        if (email.isBlank()) return new Visitor(email, learner, Map.of(), Map.of(), Set.of(), eligibilityId);
        Set<UUID> counted = facts.counted();
        Map<UUID, HeldAward> held = new HashMap<>();
        for (Award a : awards.validAwardsTo(email)) { // newest first
            if (counted.contains(a.achievementId())) held.putIfAbsent(a.achievementId(), new HeldAward(a.id(), a.achievementId(), a.achievementVersion()));
        }
        Map<UUID, ImportedCredentials.Imported> imports = new HashMap<>();
        List<UUID> steps = facts.version().steps();
        ImportedCredentials.countedFor(db, clock.instant(), facts.version().organizationId(), email).forEach((ours, imported) -> {
            if (steps.contains(ours)) imports.put(ours, imported);
        });
        Set<UUID> inProgress = new LinkedHashSet<>();
        for (UUID id : db.sql("select achievement_id from enrollments where email = ? and state = 'active'").param(email).query(UUID.class).list()) {
            if (counted.contains(id)) inProgress.add(id);
        }
        return new Visitor(email, learner, Map.copyOf(held), Map.copyOf(imports), Set.copyOf(inProgress), eligibilityId);
    }

    /** Where the address stands on the version, everything read now. */
    Standing of(PathwayVersion version, String email, @Nullable Learner learner) {
        Facts facts = facts(version);
        return of(facts, visitor(facts, email, learner));
    }

    /** The standing the two parts make: no query but the credits of catalog versions not seen before. */
    Standing of(Facts facts, Visitor visitor) {
        PathwayVersion version = facts.version();
        Map<UUID, StepCatalog.Info> infos = facts.infos();
        Map<UUID, BigDecimal> held = new HashMap<>();
        for (UUID step : version.steps()) {
            HeldAward award = visitor.awards().get(step);
            if (award != null) held.put(step, creditsOf(award));
        }
        // Verified imports the organization accepts count for a step no award of ours stands for, with our credits.
        Map<UUID, ImportedCredentials.Imported> imports = new HashMap<>();
        visitor.imports().forEach((ours, imported) -> {
            if (held.containsKey(ours)) return;
            imports.put(ours, imported);
            StepCatalog.Info info = infos.get(ours);
            held.put(ours, info == null || info.credits() == null ? BigDecimal.ZERO : info.credits());
        });
        Set<UUID> locked = new HashSet<>();
        for (UUID step : version.steps()) {
            if (held.containsKey(step) || visitor.inProgress().contains(step)) continue;
            List<UUID> prerequisites = facts.prerequisites().getOrDefault(step, List.of());
            if (prerequisites.stream().anyMatch(p -> !visitor.awards().containsKey(p) && !imports.containsKey(p))) locked.add(step);
        }
        Map<UUID, BigDecimal> creditValues = new HashMap<>();
        infos.forEach((id, info) -> {
            if (info.credits() != null) creditValues.put(id, info.credits());
        });
        Progress.Holdings holdings = new Progress.Holdings(held, visitor.inProgress(), locked, creditValues);
        Progress.Node root = Progress.evaluate(version.requirement(), holdings);

        List<Standing.Step> steps = version.steps().stream().map(id -> step(id, infos, holdings, visitor, imports)).toList();
        List<Standing.CreditGroup> creditGroups = new ArrayList<>();
        List<Standing.Group> open = new ArrayList<>();
        walk(root, version.rules(), infos, creditGroups, open);
        UUID next = Progress.nextStep(root, holdings).orElse(null);
        String capstoneName = version.capstoneAchievementId() == null ? null : StepCatalog.name(infos, version.capstoneAchievementId());
        List<Standing.Step> dives = version.deeperDives().stream().map(id -> step(id, infos, holdings, visitor, imports)).toList();
        return new Standing(version, facts.organizationName(), visitor.email(), visitor.learner(), root, steps, creditGroups, open,
                Progress.remaining(root, holdings), next == null ? null : step(next, infos, holdings, visitor, imports), capstoneName, dives,
                visitor.eligibilityId());
    }

    /** The credits an award carries: those of the version it was earned under. */
    private BigDecimal creditsOf(HeldAward award) {
        return creditsByVersion.get(new VersionKey(award.achievementId(), award.achievementVersion()),
                key -> achievements.findVersion(key.achievementId(), key.version())
                        .map(v -> v.definition().creditValue()).map(c -> c == null ? BigDecimal.ZERO : c).orElse(BigDecimal.ZERO));
    }

    private static Standing.Step step(UUID id, Map<UUID, StepCatalog.Info> infos, Progress.Holdings holdings, Visitor visitor,
            Map<UUID, ImportedCredentials.Imported> imports) {
        StepCatalog.Info info = infos.get(id);
        HeldAward award = visitor.awards().get(id);
        ImportedCredentials.Imported imported = award == null ? imports.get(id) : null;
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
