package io.jenkins.plugins.ecsdeploy.cli;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/** No two source files of the command line depend on each other. */
@AnalyzeClasses(packages = "io.jenkins.plugins.ecsdeploy.cli", importOptions = {
        ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule noFileCycles = slices().assignedFrom(new SourceFiles()).should().beFreeOfCycles();

    /** One slice per source file: a top-level class with its nested and anonymous classes. */
    static final class SourceFiles implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            JavaClass top = javaClass;
            while (top.getEnclosingClass().isPresent()) {
                top = top.getEnclosingClass().get();
            }
            return SliceIdentifier.of(top.getName());
        }

        @Override
        public String getDescription() {
            return "source files";
        }
    }
}
