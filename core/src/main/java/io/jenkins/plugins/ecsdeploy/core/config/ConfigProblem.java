package io.jenkins.plugins.ecsdeploy.core.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration.
 *
 * @param field where, as a path such as {@code health.bakeTime} or {@code smokeChecks[0].url}
 * @param message what is wrong and what would be valid
 */
public record ConfigProblem(String field, String message) {

    public ConfigProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
