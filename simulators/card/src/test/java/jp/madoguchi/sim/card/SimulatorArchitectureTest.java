package jp.madoguchi.sim.card;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * A simulator is an independent implementation of its contract (architecture.md §1): it depends on
 * nothing of ours, so an encoding bug on the product side is caught here instead of mirrored.
 */
@AnalyzeClasses(packages = "jp.madoguchi.sim.card", importOptions = ImportOption.DoNotIncludeTests.class)
class SimulatorArchitectureTest {

    @ArchTest
    static final ArchRule depends_on_nothing_of_ours = noClasses()
            .should().dependOnClassesThat(resideInAPackage("jp.madoguchi..").and(resideOutsideOfPackage("jp.madoguchi.sim.card..")))
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule no_ui_toolkits = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "javax.swing..", "java.awt..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule no_java_util_logging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.allowEmptyShould(true);

    @ArchTest
    static final ArchRule standard_streams_only_in_cli = noClasses()
            .that().resideOutsideOfPackage("..cli..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .allowEmptyShould(true);
}
