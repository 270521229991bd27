package io.jenkins.plugins.ecsdeploy.core.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Arrays;

/**
 * ArchUnit slices of one source file each: a top-level class with its nested and anonymous classes, so that a
 * cycle rule over them finds files that depend on each other. A sealed type and the types it permits count as
 * one: they are declared to know each other (the permits clause, and factories or type tags on the sealed type).
 */
public final class SourceFiles implements SliceAssignment {

    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        JavaClass top = javaClass;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return SliceIdentifier.of(sealedParent(top.reflect()).getName());
    }

    @Override
    public String getDescription() {
        return "source files";
    }

    private static Class<?> sealedParent(Class<?> type) {
        Class<?> superclass = type.getSuperclass();
        if (superclass != null && superclass.isSealed()) {
            return superclass;
        }
        return Arrays.stream(type.getInterfaces()).filter(Class::isSealed).findFirst().orElse(type);
    }
}
