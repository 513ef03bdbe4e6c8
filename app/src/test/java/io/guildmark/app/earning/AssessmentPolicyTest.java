package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;

import io.guildmark.app.earning.model.AssessmentPolicy;
import io.guildmark.app.earning.model.AttemptRules;
import io.guildmark.app.earning.model.Question;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AssessmentPolicyTest {

    static final List<Question> BANK = List.of(new Question.TrueFalse("a", "Prompt a", true, "fa"),
            new Question.TrueFalse("b", "Prompt b", false, "fb"), new Question.TrueFalse("c", "Prompt c", true, "fc"));
    static final AssessmentPolicy POLICY = new AssessmentPolicy(2, 100,
            new AttemptRules(3, Duration.ofHours(1)), Optional.empty());

    @Test
    void the_same_seed_draws_the_same_distinct_questions() {
        var one = POLICY.draw(BANK, new Random(7));
        assertThat(one).hasSize(2).doesNotHaveDuplicates().isEqualTo(POLICY.draw(BANK, new Random(7)));
    }

    @Test
    void a_failed_attempt_with_attempts_left_gives_feedback_but_hides_answers() {
        var result = POLICY.score(List.of(BANK.get(0), BANK.get(1)), Map.of("a", List.of("true")), 1);
        assertThat(result.scorePercent()).isEqualTo(50);
        assertThat(result.passed()).isFalse();
        assertThat(result.feedback()).extracting(f -> f.feedback()).containsExactly("fa", "fb");
        assertThat(result.feedback()).allMatch(f -> f.correctAnswer().isEmpty());
    }

    @Test
    void answers_are_revealed_when_no_attempts_remain() {
        var result = POLICY.score(List.of(BANK.get(1)), Map.of(), 0);
        assertThat(result.feedback().get(0).correctAnswer()).contains("false");
    }
}
