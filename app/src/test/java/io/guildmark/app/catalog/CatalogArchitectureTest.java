package io.guildmark.app.catalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The catalog's model and rules are plain Java; Spring stays in the service, the controllers and the pages. */
class CatalogArchitectureTest {

    private static final JavaClasses CATALOG = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.guildmark.app.catalog");

    @Test
    void definitionsRequirementsAndLifecycleRulesDoNotDependOnSpring() {
        noClasses().that().haveNameMatching(
                        ".*\\.catalog\\.(AchievementDefinition|EarningRequirement|Lifecycle|AchievementStatus|CatalogQuery|"
                                + "CatalogInterchange|DefinitionJson|Money|BadgeImages|AchievementVersion|AchievementDesign|"
                                + "AchievementPublished|CatalogEntry)(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(CATALOG);
    }
}
