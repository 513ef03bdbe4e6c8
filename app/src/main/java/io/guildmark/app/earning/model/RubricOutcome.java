package io.guildmark.app.earning.model;

import io.guildmark.credentials.ob3.Result;
import java.util.List;

/** The outcome of scoring a rubric: per criterion the level chosen and whether it meets the standard. */
public record RubricOutcome(List<CriterionOutcome> criteria) {

    public RubricOutcome {
        criteria = List.copyOf(criteria);
    }

    public record CriterionOutcome(String criterion, String chosenLevel, boolean meets) {}

    /** Meets overall only when every criterion meets its required level; otherwise "not yet". */
    public boolean meets() {
        return criteria.stream().allMatch(CriterionOutcome::meets);
    }

    /** The credential's results: each criterion's achievedLevel with status Completed or Failed. */
    public List<Result> toResults(Rubric rubric) {
        return criteria.stream().map(o -> {
            var c = rubric.criterion(o.criterion());
            var level = c.levels().get(c.rank(o.chosenLevel()));
            return new Result(rubric.criterionId(c), null, rubric.levelId(c, level),
                    o.meets() ? "Completed" : "Failed", null);
        }).toList();
    }
}
