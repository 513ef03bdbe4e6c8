package io.guildmark.app.pathways;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Permission;
import io.guildmark.app.shared.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Staff statistics of a pathway: how many learners hold each step, where learners stop (their latest step, with no new
 * award of the pathway's steps for 90 days), how many completed and how long that took. A learner counts once they hold
 * a step or started the pathway.
 */
@Service
public class PathwayAnalytics {

    /** Learners with no new step for this long have dropped off at their latest step. */
    public static final Duration DROP_OFF = Duration.ofDays(90);

    /** One step: how many hold it, and how many stopped there. */
    public record StepCount(UUID achievementId, String name, int holders, int droppedOff) {}

    /**
     * @param medianDaysToComplete median days from starting (or the first step earned, if earlier) to completion; empty
     *     without completions
     */
    public record Report(Pathway pathway, int learners, List<StepCount> steps, int completions, @Nullable Double medianDaysToComplete,
            int stillActive) {}

    private final Organizations organizations;
    private final Pathways pathways;
    private final LearnerPathways learners;
    private final Awards awards;
    private final StepCatalog catalog;
    private final Clock clock;

    PathwayAnalytics(Organizations organizations, Pathways pathways, LearnerPathways learners, Awards awards, StepCatalog catalog, Clock clock) {
        this.organizations = organizations;
        this.pathways = pathways;
        this.learners = learners;
        this.awards = awards;
        this.catalog = catalog;
        this.clock = clock;
    }

    public Report of(Actor actor, String slug, UUID pathwayId) {
        Organization org = organizations.require(actor, slug, Permission.VIEW);
        Pathway pathway = pathways.find(org, pathwayId);
        // Steps of every published version (and the working copy): learners on older versions count too.
        Set<UUID> steps = new LinkedHashSet<>();
        pathways.versions(actor, slug, pathwayId).forEach(v -> steps.addAll(v.steps()));
        steps.addAll(pathway.rules().achievements());
        Map<UUID, StepCatalog.Info> infos = catalog.published(steps);

        List<Award> stepAwards = awards.validAwardsOf(org.id(), steps);
        Map<String, Map<UUID, Instant>> heldBy = new HashMap<>(); // each learner's steps, with their latest award of each
        Map<String, Instant> firstStep = new HashMap<>();
        for (Award a : stepAwards) {
            heldBy.computeIfAbsent(a.recipientEmail(), e -> new HashMap<>()).merge(a.achievementId(), a.issuedAt(),
                    (x, y) -> x.isAfter(y) ? x : y);
            firstStep.merge(a.recipientEmail(), a.issuedAt(), (x, y) -> x.isBefore(y) ? x : y);
        }
        List<Learner> rows = learners.learnersOf(pathwayId);
        Set<String> everyone = new HashSet<>(heldBy.keySet());
        rows.forEach(l -> everyone.add(l.email()));
        Set<String> completed = new HashSet<>();
        List<Double> days = new ArrayList<>();
        for (Learner l : rows) {
            if (!l.completed() || l.completedAt() == null) continue;
            completed.add(l.email());
            Instant first = firstStep.get(l.email());
            Instant start = first != null && first.isBefore(l.startedAt()) ? first : l.startedAt();
            days.add(Duration.between(start, l.completedAt()).toSeconds() / 86_400.0);
        }

        Instant cutoff = clock.instant().minus(DROP_OFF);
        Map<UUID, Integer> holders = new HashMap<>();
        Map<UUID, Integer> dropped = new HashMap<>();
        heldBy.forEach((email, held) -> {
            held.keySet().forEach(step -> holders.merge(step, 1, Integer::sum));
            if (completed.contains(email)) return;
            Map.Entry<UUID, Instant> latest = held.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            if (latest.getValue().isBefore(cutoff)) dropped.merge(latest.getKey(), 1, Integer::sum);
        });
        List<StepCount> counts = steps.stream().map(id -> new StepCount(id, StepCatalog.name(infos, id), holders.getOrDefault(id, 0),
                dropped.getOrDefault(id, 0))).toList();
        int active = (int) rows.stream().filter(Learner::active).count();
        return new Report(pathway, everyone.size(), counts, completed.size(), median(days), active);
    }

    static @Nullable Double median(List<Double> values) {
        if (values.isEmpty()) return null;
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }
}
