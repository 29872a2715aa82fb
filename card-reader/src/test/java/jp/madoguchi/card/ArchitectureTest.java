package jp.madoguchi.card;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import jp.madoguchi.common.arch.ArchitectureRules;

/** The rules of architecture.md §1 over this module's main classes. */
@AnalyzeClasses(packages = "jp.madoguchi.card", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchTests rules = ArchTests.in(ArchitectureRules.class);
}
