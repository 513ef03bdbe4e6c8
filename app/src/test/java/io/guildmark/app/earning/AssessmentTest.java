package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guildmark.app.earning.model.AttemptRules;
import io.guildmark.app.earning.model.Question;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssessmentTest {

    @Test
    void each_kind_of_question_recognises_a_correct_answer() {
        assertThat(new Question.SingleChoice("q1", "Prompt q1", List.of("a", "b"), "b", "f").isCorrect(List.of("b"))).isTrue();
        assertThat(new Question.MultipleChoice("q2", "Prompt q2", List.of("a", "b", "c"), Set.of("a", "c"), "f")
                .isCorrect(List.of("c", "a"))).isTrue();
        assertThat(new Question.TrueFalse("q3", "Prompt q3", false, "f").isCorrect(List.of("true"))).isFalse();
        assertThat(new Question.ShortAnswer("q4", "Prompt q4", "Torque", false, true, "f").isCorrect(List.of(" torque "))).isTrue();
        assertThat(new Question.ShortAnswer("q5", "Prompt q5", "\\d{2} ?Nm", true, false, "f").isCorrect(List.of("12 Nm")))
                .isTrue();
    }

    @Test
    void an_invalid_pattern_is_rejected_on_construction() {
        assertThatThrownBy(() -> new Question.ShortAnswer("q", "Prompt q", "(", true, false, "f"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_pattern_saved_before_the_linear_engine_still_grades_answers() {
        var repeatedWord = new Question.ShortAnswer("q", "Prompt q", "(\\w+) \\1", true, false, "f");
        assertThat(repeatedWord.isCorrect(List.of("bye bye"))).isTrue();
        assertThat(repeatedWord.isCorrect(List.of("bye now"))).isFalse();
    }

    @Test
    void a_catastrophic_legacy_pattern_stops_at_its_step_limit_and_counts_as_wrong() {
        var catastrophic = new Question.ShortAnswer("q", "Prompt q", "(a+)+\\1c", true, false, "f");
        assertThat(catastrophic.isCorrect(List.of("a".repeat(40)))).isFalse();
    }

    @Test
    void attempts_are_refused_while_cooling_down_and_when_none_are_left() {
        var rules = new AttemptRules(2, Duration.ofHours(1));
        var t0 = Instant.parse("2026-01-01T10:00:00Z");
        assertThat(rules.mayStart(List.of(), t0)).isEqualTo(new AttemptRules.Allowed());
        assertThat(rules.mayStart(List.of(t0), t0.plusSeconds(60)))
                .isEqualTo(new AttemptRules.CoolingDown(t0.plus(Duration.ofHours(1))));
        assertThat(rules.mayStart(List.of(t0), t0.plus(Duration.ofHours(2)))).isEqualTo(new AttemptRules.Allowed());
        assertThat(rules.mayStart(List.of(t0, t0.plusSeconds(7200)), t0.plus(Duration.ofDays(1))))
                .isEqualTo(new AttemptRules.NoAttemptsLeft());
    }
}
