package io.jenkins.plugins.ecsdeploy.core.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * ArchUnit slices of one source file each: a top-level class with its nested and anonymous classes, so that a
 * cycle rule over them finds files that depend on each other.
 */
public final class SourceFiles implements SliceAssignment {

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
