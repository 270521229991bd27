package io.jenkins.plugins.ecsdeploy.cli;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.jenkins.plugins.ecsdeploy.core.testing.SourceFiles;

/** No two source files of the command line depend on each other. */
@AnalyzeClasses(packages = "io.jenkins.plugins.ecsdeploy.cli", importOptions = {
        ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule noFileCycles = slices().assignedFrom(new SourceFiles()).should().beFreeOfCycles();
}
