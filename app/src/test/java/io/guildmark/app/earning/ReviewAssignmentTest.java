package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;

import io.guildmark.app.earning.model.ReviewAssignment;
import io.guildmark.app.earning.model.ReviewAssignment.Candidate;
import io.guildmark.app.earning.model.ReviewAssignment.Submission;
import io.guildmark.app.earning.model.ReviewDecision;
import io.guildmark.app.earning.model.ReviewDecision.Decided;
import io.guildmark.app.earning.model.ReviewDecision.NeedsTiebreak;
import io.guildmark.app.earning.model.ReviewDecision.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewAssignmentTest {

    static final List<Candidate> POOL = List.of(new Candidate("learner", "Acme", 0, true),
            new Candidate("colleague", "acme", 0, true), new Candidate("busy", "Other", 5, true),
            new Candidate("b-idle", "Other", 1, false), new Candidate("a-idle", "Third", 1, true));

    @Test
    void never_the_learner_nor_a_colleague_and_least_loaded_first_with_ties_by_id() {
        var picked = ReviewAssignment.pick(POOL, new Submission("learner", "Acme"), 2, false);
        assertThat(picked).extracting(Candidate::id).containsExactly("a-idle", "b-idle");
    }

    @Test
    void requiring_holders_skips_those_without_the_credential() {
        var picked = ReviewAssignment.pick(POOL, new Submission("learner", "Acme"), 2, true);
        assertThat(picked).extracting(Candidate::id).containsExactly("a-idle", "busy");
    }

    @Test
    void one_reviewer_decides_alone_two_agreeing_decide_two_disagreeing_need_a_tiebreak() {
        assertThat(ReviewDecision.consolidate(List.of(Verdict.NOT_YET))).isEqualTo(new Decided(Verdict.NOT_YET));
        assertThat(ReviewDecision.consolidate(List.of(Verdict.MEETS, Verdict.MEETS)))
                .isEqualTo(new Decided(Verdict.MEETS));
        assertThat(ReviewDecision.consolidate(List.of(Verdict.MEETS, Verdict.NOT_YET)))
                .isInstanceOf(NeedsTiebreak.class);
    }

    @Test
    void resubmission_is_allowed_only_below_the_limit() {
        assertThat(ReviewDecision.mayResubmit(1, 2)).isTrue();
        assertThat(ReviewDecision.mayResubmit(2, 2)).isFalse();
    }
}
