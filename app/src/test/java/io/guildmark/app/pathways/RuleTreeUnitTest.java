package io.guildmark.app.pathways;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.pathways.model.Progress;
import io.guildmark.app.pathways.model.Requirement;
import io.guildmark.app.shared.Problem;
import org.junit.jupiter.api.Test;

/** The designers' rule tree: edits by path, limits, the stored JSON, and the check before publication. */
class RuleTreeUnitTest {

    private static final UUID A = UUID.nameUUIDFromBytes("a".getBytes());
    private static final UUID B = UUID.nameUUIDFromBytes("b".getBytes());
    private static final UUID C = UUID.nameUUIDFromBytes("c".getBytes());

    @Test
    void editsBuildANestedTreeAndMoveAndRemoveParts() {
        RuleTree.Rule tree = RuleTree.empty();
        tree = RuleTree.apply(tree, new RuleTree.AddStep("", A));
        tree = RuleTree.apply(tree, new RuleTree.AddGroup("", new RuleTree.AtLeast("Electives", 1, List.of())));
        tree = RuleTree.apply(tree, new RuleTree.AddStep("1", B));
        tree = RuleTree.apply(tree, new RuleTree.AddStep("1", C));
        assertThat(RuleTree.write(tree)).contains("\"kind\":\"allOf\"", "\"kind\":\"atLeast\"", "\"count\":1");

        tree = RuleTree.apply(tree, new RuleTree.Move("1.1", -1));
        assertThat(((RuleTree.Step) RuleTree.at(tree, "1.0")).achievementId()).isEqualTo(C);
        tree = RuleTree.apply(tree, new RuleTree.Move("0", 1));
        assertThat(RuleTree.at(tree, "0")).isInstanceOf(RuleTree.AtLeast.class);
        tree = RuleTree.apply(tree, new RuleTree.Remove("0.1"));
        assertThat(tree.achievements()).containsExactly(C, A);
    }

    @Test
    void theStoredJsonReadsBackAsTheSameTree() {
        RuleTree.Rule tree = new RuleTree.AllOf("Required", List.of(new RuleTree.Step(A),
                new RuleTree.AtLeast("Electives", 1, List.of(new RuleTree.Step(B), new RuleTree.Credits("CE", new BigDecimal("7.5"), List.of(B, C))))));
        assertThat(RuleTree.read(RuleTree.write(tree))).isEqualTo(tree);
        assertThatThrownBy(() -> RuleTree.read("{\"kind\":\"anyOf\"}")).isInstanceOf(Problem.class).hasMessageContaining("anyOf");
    }

    @Test
    void aCreditGroupListsMicroCredentialsAndHoldsNoGroups() {
        RuleTree.Rule tree = RuleTree.apply(RuleTree.empty(), new RuleTree.AddGroup("", new RuleTree.Credits("CE", BigDecimal.TEN, List.of())));
        tree = RuleTree.apply(tree, new RuleTree.AddStep("0", A));
        assertThat(((RuleTree.Credits) RuleTree.at(tree, "0")).from()).containsExactly(A);
        RuleTree.Rule withCredits = tree;
        assertThatThrownBy(() -> RuleTree.apply(withCredits, new RuleTree.AddGroup("0", new RuleTree.AllOf("Inner", List.of()))))
                .isInstanceOf(Problem.class);
        assertThatThrownBy(() -> RuleTree.apply(withCredits, new RuleTree.AddStep("0", A))).isInstanceOf(Problem.class)
                .hasMessageContaining("already counts");
        assertThat(RuleTree.ruleText(RuleTree.at(tree, "0"), "PDU")).isEqualTo("≥ 10 PDU from");
    }

    @Test
    void pathsThatLeadNowhereReadAsNotFound() {
        assertThatThrownBy(() -> RuleTree.apply(RuleTree.empty(), new RuleTree.Remove("3"))).isInstanceOf(Problem.class)
                .extracting(p -> ((Problem) p).kind()).isEqualTo(Problem.Kind.NOT_FOUND);
        assertThatThrownBy(() -> RuleTree.apply(RuleTree.empty(), new RuleTree.AddStep("x.y", A))).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> RuleTree.apply(RuleTree.empty(), new RuleTree.Remove(""))).isInstanceOf(Problem.class)
                .hasMessageContaining("top group");
    }

    @Test
    void treesStayWithinTwentyMicroCredentialsAndAHundredNodes() {
        RuleTree.Rule tree = RuleTree.empty();
        for (int i = 0; i < RuleTree.MAX_ACHIEVEMENTS; i++) tree = RuleTree.apply(tree, new RuleTree.AddStep("", UUID.randomUUID()));
        RuleTree.Rule full = tree;
        assertThatThrownBy(() -> RuleTree.apply(full, new RuleTree.AddStep("", UUID.randomUUID()))).isInstanceOf(Problem.class)
                .hasMessageContaining("at most 20");
        RuleTree.Rule groups = RuleTree.empty();
        for (int i = 0; i < RuleTree.MAX_NODES - 1; i++) groups = RuleTree.apply(groups, new RuleTree.AddGroup("", new RuleTree.AllOf("g" + i, List.of())));
        RuleTree.Rule many = groups;
        assertThatThrownBy(() -> RuleTree.apply(many, new RuleTree.AddGroup("", new RuleTree.AllOf("one more", List.of()))))
                .isInstanceOf(Problem.class).hasMessageContaining("at most 100");
    }

    @Test
    void publicationNeedsEveryGroupFilledAndCountsWithinItsParts() {
        Map<String, String> errors = new LinkedHashMap<>();
        assertThat(RuleTree.toRequirement(new RuleTree.AtLeast("Electives", 3, List.of(new RuleTree.Step(A), new RuleTree.Step(B))), errors)).isNull();
        assertThat(errors.get("rules")).contains("\"Electives\" asks for 3 of 2");
        errors.clear();
        Requirement ok = RuleTree.toRequirement(new RuleTree.AllOf("Required", List.of(new RuleTree.Step(A),
                new RuleTree.Credits("CE", BigDecimal.TEN, List.of(B, C)))), errors);
        assertThat(errors).isEmpty();
        Map<UUID, BigDecimal> held = new HashMap<>(Map.of(A, BigDecimal.ZERO, B, new BigDecimal("5")));
        var node = Progress.evaluate(ok, new Progress.Holdings(held, java.util.Set.of(), java.util.Set.of(), Map.of()));
        assertThat(node.satisfied()).isFalse();
        held.put(C, new BigDecimal("5"));
        assertThat(Progress.evaluate(ok, new Progress.Holdings(held, java.util.Set.of(), java.util.Set.of(), Map.of())).satisfied()).isTrue();
    }

    @Test
    void theMapSaysEachStepsStateInWordsAndPlacesTheCapstoneAfterTheRules() {
        RuleTree.Rule tree = new RuleTree.AllOf("Required", List.of(new RuleTree.Step(A), new RuleTree.AtLeast("Electives", 1,
                List.of(new RuleTree.Step(B), new RuleTree.Step(C)))));
        Map<UUID, Progress.StepState> states = Map.of(A, Progress.StepState.EARNED, B, Progress.StepState.IN_PROGRESS, C, Progress.StepState.LOCKED);
        PathwayMap.Drawing map = PathwayMap.layout("Path", tree, Map.of(A, "Alpha", B, "Beta", C, "Gamma with a name far too long to fit on two lines of a card"),
                id -> PathwayMap.stateLabel(states.get(id)), states, Map.of("", false), Map.of(), "Certificate", "★ Capstone", List.of(A), false);
        assertThat(map.cards()).extracting(PathwayMap.Card::detail).contains("✓ Earned", "◐ In progress", "⊘ Locked", "★ Capstone");
        assertThat(map.cards()).extracting(PathwayMap.Card::cssClass).contains("earned", "in-progress", "locked", "capstone", "deeper-dive");
        PathwayMap.Card capstone = map.cards().stream().filter(c -> c.cssClass().equals("capstone")).findFirst().orElseThrow();
        assertThat(map.cards().stream().filter(c -> !c.cssClass().equals("capstone") && !c.cssClass().equals("deeper-dive")))
                .allSatisfy(c -> assertThat(c.x() + c.w()).isLessThan(capstone.x()));
        assertThat(map.cards()).allSatisfy(c -> {
            assertThat(c.y()).isGreaterThanOrEqualTo(0);
            assertThat(c.y() + c.h()).isLessThanOrEqualTo(map.height());
            assertThat(c.x() + c.w()).isLessThanOrEqualTo(map.width());
            assertThat(c.lines()).hasSizeLessThanOrEqualTo(2);
        });
        assertThat(map.description()).contains("1 earned", "1 in progress", "1 locked", "leading to Certificate", "1 optional deeper dive");
        assertThat(map.boxes()).extracting(PathwayMap.Box::title).contains("Required — all of", "Electives — 1 of 2");
    }
}
