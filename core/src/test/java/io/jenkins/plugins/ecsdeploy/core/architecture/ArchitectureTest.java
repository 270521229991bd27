package io.jenkins.plugins.ecsdeploy.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.jenkins.plugins.ecsdeploy.core.testing.SourceFiles;

/**
 * The layering of core, checked on the compiled classes: the engine knows its ports and plain values, never AWS;
 * no two packages, and no two source files, depend on each other.
 */
@AnalyzeClasses(packages = "io.jenkins.plugins.ecsdeploy.core", importOptions = {ImportOption.DoNotIncludeTests.class,
        ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule theEngineKnowsOnlyItsPortsAndPlainValues = classes()
            .that().resideInAPackage("..core.engine..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("..core.engine..", "..core.model..",
                    "..core.config..", "..core.analysis..", "java..", "com.fasterxml.jackson..")
            .because("the engine reaches the outside world only through core.engine.port; the adapters in core.aws"
                    + " implement those ports");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.jenkins.plugins.ecsdeploy.core.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noFileCycles = slices().assignedFrom(new SourceFiles()).should().beFreeOfCycles();
}
