package io.guildmark.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.shared.Problem;
import org.junit.jupiter.api.Test;

class CatalogInterchangeUnitTest {

    private static CatalogInterchange.Exported exported(AchievementDefinition d) {
        AchievementDesign design = new AchievementDesign(UUID.randomUUID(), UUID.randomUUID(), AchievementStatus.PUBLISHED, 2,
                false, d, Instant.EPOCH, Instant.EPOCH);
        return new CatalogInterchange.Exported(design, "https://guild.example/achievements/" + design.id(), "https://guild.example/i.png");
    }

    @Test
    void jsonExportIsAnArrayOfOpenBadgesAchievementsThatImportsBackEqual() {
        AchievementDefinition d = CatalogFixture.weldingInspection();
        String json = CatalogInterchange.toJson(List.of(exported(d))).toString();
        assertThat(json).contains("\"type\":[\"Achievement\"]", "\"alignment\":[{\"type\":[\"Alignment\"]", "\"tag\":[\"welding\"",
                "\"creditsAvailable\":1", "\"image\":{\"id\":\"https://guild.example/i.png\",\"type\":\"Image\"");
        AchievementDefinition back = CatalogInterchange.fromJson(json.getBytes(StandardCharsets.UTF_8)).get(0);
        assertThat(back.withImageKey(null)).isEqualTo(new AchievementDefinition(d.name(), d.description(), d.achievementType(),
                d.criteriaNarrative(), d.alignments(), d.tags(), d.estimatedHours(), d.creditValue(), d.creditType(),
                d.validityMonths(), d.memberPrice(), d.nonMemberPrice(), d.currency(), null, "https://guild.example/i.png",
                d.humanCode(), d.requirements()));
    }

    @Test
    void csvExportImportsBackEqualAndDefusesFormulas() {
        AchievementDefinition base = CatalogFixture.weldingInspection();
        AchievementDefinition d = new AchievementDefinition("=HYPERLINK(\"x\")", base.description() + "\n\nSecond paragraph, with \"quotes\".",
                base.achievementType(), base.criteriaNarrative(), base.alignments(), base.tags(), base.estimatedHours(),
                base.creditValue(), base.creditType(), base.validityMonths(), base.memberPrice(), base.nonMemberPrice(),
                base.currency(), null, null, base.humanCode(), base.requirements());
        String csv = CatalogInterchange.toCsv(List.of(exported(d)));
        assertThat(csv).startsWith(String.join(",", CatalogInterchange.CSV_COLUMNS)).contains("'=HYPERLINK");
        AchievementDefinition back = CatalogInterchange.fromCsv(csv.getBytes(StandardCharsets.UTF_8)).get(0);
        assertThat(back.withImageKey(null)).isEqualTo(new AchievementDefinition(d.name(), d.description(), d.achievementType(),
                d.criteriaNarrative(), d.alignments(), d.tags(), d.estimatedHours(), d.creditValue(), d.creditType(),
                d.validityMonths(), d.memberPrice(), d.nonMemberPrice(), d.currency(), null, "https://guild.example/i.png",
                d.humanCode(), d.requirements()));
    }

    @Test
    void everyInvalidRowIsReportedWithItsNumber() {
        String csv = "name,description,criteria,alignments,requirements\n"
                + "A,d,c,,\n"
                + "B,,c,not json,\n"
                + "C,d,c,,\"[{\"\"kind\"\":\"\"dance\"\",\"\"description\"\":\"\"x\"\"}]\"\n";
        assertThatThrownBy(() -> CatalogInterchange.fromCsv(csv.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.code()).isEqualTo("import-invalid");
                    assertThat(p.getMessage()).startsWith("Nothing was imported: 2 rows are not valid");
                    assertThat(p.fieldErrors()).extracting(Problem.FieldError::field)
                            .containsExactly("rows[2].alignments", "rows[2].description", "rows[3].requirements[0].kind");
                    assertThat(p.fieldErrors().get(0).message()).startsWith("Row 2: ");
                });
    }

    @Test
    void csvWithoutAHeaderAndJsonThatIsNotAchievementsAreRefused() {
        assertThatThrownBy(() -> CatalogInterchange.fromCsv("A,d,c\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo("malformed-csv"));
        assertThatThrownBy(() -> CatalogInterchange.fromJson("[{\"type\":\"Profile\",\"name\":\"x\",\"description\":\"d\",\"criteria\":{\"narrative\":\"c\"}}]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.fieldErrors()).extracting(Problem.FieldError::field).containsExactly("rows[1].type"));
        assertThatThrownBy(() -> CatalogInterchange.fromJson("[".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo("malformed-body"));
        assertThatThrownBy(() -> CatalogInterchange.fromJson("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo("empty-import"));
    }

    @Test
    void pricesAreReadInMajorUnitsAndKeptInCents() {
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        assertThat(Money.toMinor("49.50", "USD", "memberPrice", errors)).isEqualTo(4950L);
        assertThat(Money.toMinor("1200", "JPY", "memberPrice", errors)).isEqualTo(1200L);
        assertThat(Money.toMinor("1.005", "USD", "memberPrice", errors)).isNull();
        assertThat(errors).containsKey("memberPrice");
        assertThat(Money.format(4900L, "USD")).isEqualTo("49.00 USD");
    }
}
