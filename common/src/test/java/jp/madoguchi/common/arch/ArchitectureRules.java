package jp.madoguchi.common.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The module rules of architecture.md §1, in one place. Every product module's ArchitectureTest
 * includes them with {@code ArchTests.in(ArchitectureRules.class)} over its main classes, so a rule
 * added here guards the whole product at once. (The simulators keep their own, since they may
 * depend on nothing of ours, not even this.)
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    @ArchTest
    public static final ArchRule javafx_only_in_ui = noClasses()
            .that().resideOutsideOfPackage("jp.madoguchi.app.ui..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("only the UI package may know JavaFX; services and workflows are tested without a window");

    @ArchTest
    public static final ArchRule no_swing = noClasses()
            .should().dependOnClassesThat().resideInAPackage("javax.swing..")
            .because("the UI is JavaFX");

    @ArchTest
    public static final ArchRule awt_only_in_reports = noClasses()
            .that().resideOutsideOfPackage("jp.madoguchi.reports..")
            .should().dependOnClassesThat().resideInAPackage("java.awt..")
            .because("only JasperReports' fonts and printing need AWT");

    @ArchTest
    public static final ArchRule no_java_util_logging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    @ArchTest
    public static final ArchRule logging_through_slf4j = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.log4j..", "org.apache.logging.log4j..",
                    "org.apache.commons.logging..", "ch.qos.logback..")
            .because("code logs through SLF4J; Logback is configuration, not an API");

    @ArchTest
    public static final ArchRule standard_streams_only_in_cli = noClasses()
            .that().resideOutsideOfPackage("..cli..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("diagnostics go to the log; only command-line entry points print");

    @ArchTest
    public static final ArchRule counter_never_imports_ui = noClasses()
            .that().resideInAPackage("jp.madoguchi.app.counter..")
            .should().dependOnClassesThat().resideInAPackage("jp.madoguchi.app.ui..");

    @ArchTest
    public static final ArchRule simulators_only_in_training_mode = noClasses()
            .that().resideOutsideOfPackages("jp.madoguchi.app.training..", "jp.madoguchi.bench..")
            .should().dependOnClassesThat().resideInAPackage("jp.madoguchi.sim..")
            .because("the product uses an emulated card only in training mode (benchmarks drive the simulators as test rigs)");

    @ArchTest
    public static final ArchRule card_reader_stands_alone = noClasses()
            .that().resideInAPackage("jp.madoguchi.card..")
            .should().dependOnClassesThat().resideInAnyPackage("jp.madoguchi.cache..", "jp.madoguchi.reports..", "jp.madoguchi.app..");

    @ArchTest
    public static final ArchRule offline_cache_stands_alone = noClasses()
            .that().resideInAPackage("jp.madoguchi.cache..")
            .should().dependOnClassesThat().resideInAnyPackage("jp.madoguchi.card..", "jp.madoguchi.reports..", "jp.madoguchi.app..");

    @ArchTest
    public static final ArchRule reports_stand_alone = noClasses()
            .that().resideInAPackage("jp.madoguchi.reports..")
            .should().dependOnClassesThat().resideInAnyPackage("jp.madoguchi.card..", "jp.madoguchi.cache..", "jp.madoguchi.app..");

    @ArchTest
    public static final ArchRule smartcardio_only_in_card_reader = noClasses()
            .that().resideOutsideOfPackages("jp.madoguchi.card..", "jp.madoguchi.app.training..")
            .should().dependOnClassesThat().resideInAPackage("javax.smartcardio..")
            .because("one card thread in card-reader owns every PC/SC call (architecture.md §2)");
}
