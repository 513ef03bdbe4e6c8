package io.guildmark.app.earning.model;

import java.util.List;

/** Consolidates reviewers' decisions on a submission. */
public sealed interface ReviewDecision {

    enum Verdict { MEETS, NOT_YET }

    record Decided(Verdict verdict) implements ReviewDecision {}

    /** Two reviewers disagree: a third reviewer or staff decides. */
    record NeedsTiebreak() implements ReviewDecision {}

    static ReviewDecision consolidate(List<Verdict> verdicts) {
        return switch (verdicts.size()) {
            case 1 -> new Decided(verdicts.get(0));
            case 2 -> verdicts.get(0) == verdicts.get(1) ? new Decided(verdicts.get(0)) : new NeedsTiebreak();
            default -> throw new IllegalArgumentException("One or two verdicts, not " + verdicts.size());
        };
    }

    /** Whether a learner who got "not yet" may resubmit, given resubmissions made so far and the designer's limit. */
    static boolean mayResubmit(int resubmissionsSoFar, int limit) {
        return resubmissionsSoFar < limit;
    }
}
