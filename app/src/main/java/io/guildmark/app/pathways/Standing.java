package io.guildmark.app.pathways;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.pathways.model.Progress;
import org.jspecify.annotations.Nullable;

/**
 * Where one learner stands on one version of a pathway: each step's state, the groups still open, credits toward
 * each credit group, the next suggested step, and how far along the whole pathway is.
 *
 * @param learner the learner's row, when they are on the pathway (they may only be looking at it)
 * @param steps every micro-credential the rules count, in the order the rules name them
 * @param remainingSteps micro-credentials that still count toward an unsatisfied group, in the order worth taking them
 * @param openGroups groups not yet satisfied, outermost first
 */
public record Standing(PathwayVersion pathway, String organizationName, String email, @Nullable Learner learner,
        Progress.Node root, List<Step> steps, List<CreditGroup> creditGroups, List<Group> openGroups,
        List<UUID> remainingSteps, @Nullable Step next, @Nullable String capstoneName, List<Step> deeperDives,
        @Nullable UUID eligibilityId) {

    /** One micro-credential of the pathway, and where this learner is with it. */
    /** @param imported the credential from another issuer that stands for this step, when no award of ours does */
    public record Step(UUID achievementId, String name, Progress.StepState state, @Nullable BigDecimal credits,
            String creditText, @Nullable UUID awardId, ImportedCredentials.@Nullable Imported imported) {

        public String stateLabel() {
            return PathwayMap.stateLabel(state);
        }

        public boolean earned() {
            return state == Progress.StepState.EARNED;
        }
    }

    /** A credit group's count: e.g. 6 of at least 10 PDU. */
    public record CreditGroup(String label, BigDecimal earned, BigDecimal minimum, String unit, boolean satisfied) {
        public String text() {
            return earned.stripTrailingZeros().toPlainString() + " of " + minimum.stripTrailingZeros().toPlainString() + " " + unit;
        }
    }

    /** A group with its rule in words ("2 of 4") and how far along it is. */
    public record Group(String label, String rule, boolean satisfied, int percent) {}

    public int percent() {
        return root.percent();
    }

    public boolean satisfied() {
        return root.satisfied();
    }

    public boolean completed() {
        return learner != null && learner.completed();
    }

    public List<Step> earnedSteps() {
        return steps.stream().filter(Step::earned).toList();
    }

    public Optional<Step> step(UUID achievementId) {
        return steps.stream().filter(s -> s.achievementId().equals(achievementId)).findFirst();
    }

    /** Whether they hold any step: enough to count as being on the pathway. */
    public boolean holdsAny() {
        return steps.stream().anyMatch(Step::earned);
    }
}
