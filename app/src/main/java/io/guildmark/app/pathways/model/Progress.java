package io.guildmark.app.pathways.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Evaluates a pathway's rule tree against what a learner holds: whether each node is satisfied, how far along it is
 * (0 to 1; exactly 1 if and only if satisfied), the credits counted, and the next step worth suggesting.
 */
public final class Progress {

    private Progress() {}

    /** Below 1 whenever a node is not satisfied, however close: a progress bar never shows 100% for unfinished work. */
    private static final double ALMOST = 0.999;

    /**
     * What the learner has and is doing.
     *
     * @param held micro-credentials held (valid awards, and accepted credentials from elsewhere), each with the credits
     *     it earned
     * @param inProgress micro-credentials the learner is enrolled in and working on
     * @param locked micro-credentials whose prerequisites the learner does not hold yet
     * @param creditValues credits each micro-credential grants, for suggesting steps toward a credit group
     */
    public record Holdings(Map<UUID, BigDecimal> held, Set<UUID> inProgress, Set<UUID> locked, Map<UUID, BigDecimal> creditValues) {
        public Holdings {
            held = Map.copyOf(held);
            inProgress = Set.copyOf(inProgress);
            locked = Set.copyOf(locked);
            creditValues = Map.copyOf(creditValues);
        }

        public boolean holds(UUID achievementId) {
            return held.containsKey(achievementId);
        }

        public StepState state(UUID achievementId) {
            if (held.containsKey(achievementId)) return StepState.EARNED;
            if (inProgress.contains(achievementId)) return StepState.IN_PROGRESS;
            if (locked.contains(achievementId)) return StepState.LOCKED;
            return StepState.AVAILABLE;
        }
    }

    /** Where one micro-credential of a pathway stands for a learner. */
    public enum StepState { EARNED, IN_PROGRESS, AVAILABLE, LOCKED }

    /** One evaluated node, with its evaluated parts (none for leaves and credit groups). */
    public record Node(Requirement requirement, boolean satisfied, double progress, BigDecimal credits, List<Node> parts) {
        public int percent() {
            return satisfied ? 100 : (int) Math.floor(progress * 100);
        }
    }

    public static Node evaluate(Requirement requirement, Holdings holdings) {
        if (requirement instanceof Requirement.Earn earn) {
            boolean held = holdings.holds(earn.achievementId());
            return new Node(earn, held, held ? 1 : 0, holdings.held().getOrDefault(earn.achievementId(), BigDecimal.ZERO), List.of());
        }
        if (requirement instanceof Requirement.Credits group) {
            BigDecimal earned = group.from().stream().map(id -> holdings.held().getOrDefault(id, BigDecimal.ZERO))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            boolean satisfied = earned.compareTo(group.minimum()) >= 0;
            double ratio = earned.divide(group.minimum(), 6, RoundingMode.DOWN).doubleValue();
            return new Node(group, satisfied, satisfied ? 1 : Math.min(ratio, ALMOST), earned, List.of());
        }
        List<Node> parts = children(requirement).stream().map(p -> evaluate(p, holdings)).toList();
        BigDecimal credits = parts.stream().map(Node::credits).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (requirement instanceof Requirement.AllOf) {
            boolean satisfied = parts.stream().allMatch(Node::satisfied);
            double mean = parts.stream().mapToDouble(Node::progress).average().orElse(1);
            return new Node(requirement, satisfied, satisfied ? 1 : Math.min(mean, ALMOST), credits, parts);
        }
        Requirement.AtLeast atLeast = (Requirement.AtLeast) requirement;
        boolean satisfied = parts.stream().filter(Node::satisfied).count() >= atLeast.count();
        double best = parts.stream().map(Node::progress).sorted(Comparator.reverseOrder()).limit(atLeast.count())
                .mapToDouble(Double::doubleValue).sum() / atLeast.count();
        return new Node(requirement, satisfied, satisfied ? 1 : Math.min(best, ALMOST), credits, parts);
    }

    /**
     * The micro-credential to suggest next: among those not held in groups not yet satisfied, one in progress first,
     * then one available, then a locked one (the learner should see what unlocks it). Empty when the pathway is done.
     */
    public static Optional<UUID> nextStep(Node root, Holdings holdings) {
        List<UUID> candidates = new ArrayList<>();
        collect(root, holdings, candidates);
        for (StepState wanted : List.of(StepState.IN_PROGRESS, StepState.AVAILABLE, StepState.LOCKED)) {
            Optional<UUID> found = candidates.stream().filter(id -> holdings.state(id) == wanted).findFirst();
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    /** Unsatisfied leaves in the order a learner would best take them. */
    private static void collect(Node node, Holdings holdings, List<UUID> into) {
        if (node.satisfied()) return;
        if (node.requirement() instanceof Requirement.Earn earn) {
            if (!into.contains(earn.achievementId())) into.add(earn.achievementId());
            return;
        }
        if (node.requirement() instanceof Requirement.Credits group) {
            // The biggest credit values first: fewest steps to the minimum.
            group.from().stream().filter(id -> !holdings.holds(id))
                    .sorted(Comparator.comparing((UUID id) -> holdings.creditValues().getOrDefault(id, BigDecimal.ZERO)).reversed())
                    .filter(id -> !into.contains(id)).forEach(into::add);
            return;
        }
        List<Node> parts = node.parts();
        if (node.requirement() instanceof Requirement.AtLeast) {
            parts = parts.stream().sorted(Comparator.comparingDouble(Node::progress).reversed()).toList();
        }
        for (Node part : parts) collect(part, holdings, into);
    }

    /** Every micro-credential of the tree that still counts toward an unsatisfied group and is not held. */
    public static List<UUID> remaining(Node root, Holdings holdings) {
        List<UUID> into = new ArrayList<>();
        collect(root, holdings, into);
        return into;
    }

    private static List<Requirement> children(Requirement requirement) {
        if (requirement instanceof Requirement.AllOf all) return all.parts();
        if (requirement instanceof Requirement.AtLeast atLeast) return atLeast.parts();
        return List.of();
    }
}
