package io.guildmark.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import io.guildmark.app.shared.Problem;
import org.junit.jupiter.api.Test;

class AchievementDefinitionUnitTest {

    private static List<String> invalidFields(Runnable build) {
        try {
            build.run();
        } catch (Problem p) {
            return p.fieldErrors().stream().map(Problem.FieldError::field).toList();
        }
        throw new AssertionError("expected a validation problem");
    }

    private static AchievementDefinition withTags(List<String> tags) {
        AchievementDefinition d = CatalogFixture.weldingInspection();
        return new AchievementDefinition(d.name(), d.description(), d.achievementType(), d.criteriaNarrative(), d.alignments(),
                tags, d.estimatedHours(), d.creditValue(), d.creditType(), d.validityMonths(), d.memberPrice(),
                d.nonMemberPrice(), d.currency(), d.imageKey(), d.imageUrl(), d.humanCode(), d.requirements());
    }

    @Test
    void validDefinitionIsNormalized() {
        AchievementDefinition d = new AchievementDefinition("  Rigging  ", " Lift safely. ", "", " Pass the test. ", null,
                List.of(" safety ", "Safety", "", "lifting   gear"), new BigDecimal("10.50"), null, null, null, null, null, "eur",
                null, " ", null, null);
        assertThat(d.name()).isEqualTo("Rigging");
        assertThat(d.achievementType()).isEqualTo("MicroCredential");
        assertThat(d.tags()).containsExactly("safety", "lifting gear");
        assertThat(d.estimatedHours()).isEqualTo(new BigDecimal("10.5"));
        assertThat(d.currency()).isEqualTo("EUR");
        assertThat(d.imageUrl()).isNull();
    }

    @Test
    void missingRequiredFieldsAreAllListed() {
        assertThat(invalidFields(() -> AchievementDefinition.of("", " ", "MicroCredential", "")))
                .containsExactly("name", "description", "criteria.narrative");
    }

    @Test
    void nameLongerThanTwoHundredCharactersIsRefused() {
        assertThat(invalidFields(() -> AchievementDefinition.of("x".repeat(201), "d", "Badge", "c"))).containsExactly("name");
        assertThat(AchievementDefinition.of("x".repeat(200), "d", "Badge", "c").name()).hasSize(200);
    }

    @Test
    void achievementTypeComesFromTheOpenBadgesVocabularyOrAnExtension() {
        for (String type : AchievementDefinition.ACHIEVEMENT_TYPES) {
            assertThat(AchievementDefinition.of("n", "d", type, "c").achievementType()).isEqualTo(type);
        }
        assertThat(AchievementDefinition.of("n", "d", "ext:SafetyCard", "c").achievementType()).isEqualTo("ext:SafetyCard");
        assertThat(invalidFields(() -> AchievementDefinition.of("n", "d", "Trophy", "c"))).containsExactly("achievementType");
        assertThat(invalidFields(() -> AchievementDefinition.of("n", "d", "ext:", "c"))).containsExactly("achievementType");
    }

    @Test
    void alignmentsNeedANameAndAWebAddressAndAKnownTargetType() {
        List<AchievementDefinition.Alignment> alignments = List.of(
                new AchievementDefinition.Alignment("", "https://example.org/c/1", null, null, null, null),
                new AchievementDefinition.Alignment("Rigging", "javascript:alert(1)", null, null, null, "ceasn:Competency"),
                new AchievementDefinition.Alignment("Lifting", "https://example.org/c/2", "F", "L-1", null, "Skill"));
        assertThat(invalidFields(() -> new AchievementDefinition("n", "d", "Badge", "c", alignments, List.of(), null, null, null,
                null, null, null, "USD", null, null, null, List.of())))
                .containsExactly("alignments[0].targetName", "alignments[1].targetUrl", "alignments[2].targetType");
    }

    @Test
    void emptyAlignmentRowsAreIgnored() {
        AchievementDefinition d = new AchievementDefinition("n", "d", "Badge", "c",
                List.of(new AchievementDefinition.Alignment("", "", "", null, " ", null)), List.of(), null, null, null, null, null,
                null, "USD", null, null, null, List.of());
        assertThat(d.alignments()).isEmpty();
    }

    @Test
    void atMostTwentyTagsOfFiftyCharacters() {
        List<String> twentyOne = IntStream.rangeClosed(1, 21).mapToObj(i -> "tag" + i).toList();
        assertThat(invalidFields(() -> withTags(twentyOne))).containsExactly("tags");
        assertThat(invalidFields(() -> withTags(List.of("x".repeat(51))))).containsExactly("tags");
        assertThat(withTags(twentyOne.subList(0, 20)).tags()).hasSize(20);
        assertThat(withTags(Collections.nCopies(30, "same")).tags()).containsExactly("same");
    }

    @Test
    void hoursCreditsPricesAndValidityAreChecked() {
        assertThat(invalidFields(() -> new AchievementDefinition("n", "d", "Badge", "c", List.of(), List.of(),
                new BigDecimal("10001"), new BigDecimal("-1"), "CEU", 0, -5L, -1L, "XYZ", null, "ftp://x", "bad\ncode", List.of())))
                .containsExactly("estimatedHours", "creditValue", "validityMonths", "memberPrice", "nonMemberPrice", "currency",
                        "image", "humanCode");
        assertThat(invalidFields(() -> new AchievementDefinition("n", "d", "Badge", "c", List.of(), List.of(), null,
                BigDecimal.ONE, null, null, null, null, "USD", null, null, null, List.of()))).containsExactly("creditType");
        assertThat(invalidFields(() -> new AchievementDefinition("n", "d", "Badge", "c", List.of(), List.of(), null,
                BigDecimal.ONE, "x".repeat(31), null, null, null, "USD", null, null, null, List.of()))).containsExactly("creditType");
        assertThat(new AchievementDefinition("n", "d", "Badge", "c", List.of(), List.of(), BigDecimal.ZERO, BigDecimal.ONE,
                "Board hours", 12, 0L, 100L, "USD", null, null, null, List.of()).creditType()).isEqualTo("Board hours");
    }

    @Test
    void requirementsOfEveryKindNeedADescription() {
        List<EarningRequirement> requirements = List.of(new EarningRequirement.Assessment("Quiz"),
                new EarningRequirement.Submission(" "), new EarningRequirement.Demonstration("Observed weld"),
                new EarningRequirement.Completion("LMS course"));
        assertThat(invalidFields(() -> new AchievementDefinition("n", "d", "Badge", "c", List.of(), List.of(), null, null, null,
                null, null, null, "USD", null, null, null, requirements))).containsExactly("requirements[1].description");
        assertThat(requirements).extracting(EarningRequirement::kind)
                .containsExactly("assessment", "submission", "demonstration", "completion");
        assertThat(EarningRequirement.of("Demonstration", "x")).isEqualTo(new EarningRequirement.Demonstration("x"));
        assertThat(EarningRequirement.of("telepathy", "x")).isNull();
    }

    @Test
    void storedJsonReadsBackToAnEqualDefinitionAndToleratesNewFields() {
        AchievementDefinition d = CatalogFixture.weldingInspection();
        assertThat(DefinitionJson.read(DefinitionJson.write(d))).isEqualTo(d);
        String later = DefinitionJson.write(d).replace("\"kind\":\"assessment\"", "\"kind\":\"assessment\",\"passMark\":80");
        assertThat(DefinitionJson.read(later)).isEqualTo(d);
    }

    @Test
    void catalogQueryMatchesWordsTagsCompetenciesTypeAndHours() {
        AchievementDefinition d = CatalogFixture.weldingInspection();
        assertThat(new CatalogQuery("weld report", null, null, null, null, null).matches(d)).isTrue();
        assertThat(new CatalogQuery("weld plumbing", null, null, null, null, null).matches(d)).isFalse();
        assertThat(new CatalogQuery(null, "WELDING", "VI-1", "MicroCredential", new BigDecimal("10"), null).matches(d)).isTrue();
        assertThat(new CatalogQuery(null, null, "AWS Competencies", null, null, null).matches(d)).isTrue();
        assertThat(new CatalogQuery(null, null, null, null, new BigDecimal("9.5"), null).matches(d)).isFalse();
        assertThat(new CatalogQuery(null, null, null, "Badge", null, null).matches(d)).isFalse();
    }
}
