package io.jenkins.plugins.ecsdeploy.core.config;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

/** The YAML field names of a configuration record: its components, in declaration order. */
final class RecordFields {

    private RecordFields() {
    }

    static List<String> of(Class<?> recordType) {
        return Arrays.stream(recordType.getRecordComponents()).map(RecordComponent::getName).toList();
    }
}
