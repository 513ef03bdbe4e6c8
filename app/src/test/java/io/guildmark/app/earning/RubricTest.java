package io.guildmark.app.earning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guildmark.app.earning.model.Rubric;
import io.guildmark.app.earning.model.Rubric.Criterion;
import io.guildmark.app.earning.model.Rubric.Level;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RubricTest {

    static final List<Level> LEVELS = List.of(new Level("beginning", "Beginning", "Not there yet"),
            new Level("meets", "Meets", "Does it unaided"), new Level("exceeds", "Exceeds", "Teaches others"));

    static Rubric rubric() {
        return new Rubric("urn:guildmark:rubric:1", List.of(new Criterion("safety", "Safety", LEVELS, "meets"),
                new Criterion("quality", "Quality", LEVELS, "meets")));
    }

    @Test
    void a_required_level_that_is_not_one_of_the_levels_is_rejected() {
        assertThatThrownBy(() -> new Criterion("safety", "Safety", LEVELS, "perfect"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("perfect");
    }

    @Test
    void duplicate_criteria_and_single_level_criteria_are_rejected() {
        var c = new Criterion("safety", "Safety", LEVELS, "meets");
        assertThatThrownBy(() -> new Rubric("urn:x:1", List.of(c, c))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Criterion("a", "A", List.of(LEVELS.get(0)), "beginning"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_criterion_at_or_above_its_required_level_meets() {
        var outcome = rubric().score(Map.of("safety", "exceeds", "quality", "meets"));
        assertThat(outcome.meets()).isTrue();
    }

    @Test
    void one_criterion_below_its_required_level_is_not_yet_and_says_which() {
        var outcome = rubric().score(Map.of("safety", "exceeds", "quality", "beginning"));
        assertThat(outcome.meets()).isFalse();
        assertThat(outcome.criteria()).filteredOn(o -> !o.meets()).extracting(o -> o.criterion())
                .containsExactly("quality");
    }

    @Test
    void a_missing_or_unknown_choice_is_rejected() {
        assertThatThrownBy(() -> rubric().score(Map.of("safety", "meets")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rubric().score(Map.of("safety", "meets", "quality", "meets", "x", "meets")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rubric().score(Map.of("safety", "meets", "quality", "great")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void result_descriptions_list_each_criterion_with_its_levels_and_required_level() {
        var descriptions = rubric().toResultDescriptions();
        assertThat(descriptions).hasSize(2);
        var safety = descriptions.get(0);
        assertThat(safety.name()).isEqualTo("Safety");
        assertThat(safety.resultType()).isEqualTo("RubricCriterionLevel");
        assertThat(safety.rubricCriterionLevel()).extracting(l -> l.name())
                .containsExactly("Beginning", "Meets", "Exceeds");
        assertThat(safety.requiredLevel()).isEqualTo(safety.rubricCriterionLevel().get(1).id());
        assertThat(safety.toJson().getString("requiredLevel")).isEqualTo(safety.requiredLevel());
    }

    @Test
    void results_carry_each_achieved_level_and_status_pointing_at_the_descriptions() {
        var rubric = rubric();
        var descriptions = rubric.toResultDescriptions();
        var results = rubric.score(Map.of("safety", "exceeds", "quality", "beginning")).toResults(rubric);
        assertThat(results.get(0).resultDescription()).isEqualTo(descriptions.get(0).id());
        assertThat(results.get(0).achievedLevel()).isEqualTo(descriptions.get(0).rubricCriterionLevel().get(2).id());
        assertThat(results.get(0).status()).isEqualTo("Completed");
        assertThat(results.get(1).achievedLevel()).isEqualTo(descriptions.get(1).rubricCriterionLevel().get(0).id());
        assertThat(results.get(1).status()).isEqualTo("Failed");
    }
}
