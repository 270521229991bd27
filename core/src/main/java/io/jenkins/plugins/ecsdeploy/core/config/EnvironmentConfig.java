package io.jenkins.plugins.ecsdeploy.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A deployment environment: where the two slots live and how traffic reaches them. Loaded from YAML by the CLI,
 * built from form fields by the Jenkins plugin; validated by {@link ConfigValidator} before any AWS call.
 *
 * @param name a short name shown in logs and on the build page
 * @param region AWS region, e.g. {@code eu-west-1}
 * @param endpointUrl optional endpoint override for every AWS service (an emulator such as moto)
 * @param cluster ECS cluster name or ARN
 * @param container name of the container, in the task definition, whose image is replaced
 * @param slots the blue and green slots
 * @param listener the production listener (or rule) whose forward weights decide the active slot
 * @param testListener optional listener (or rule) that always points at the idle slot, for smoke checks
 * @param health readiness, bake window and scale-down settings
 * @param smokeChecks HTTP checks made against the new slot before production traffic moves
 * @param analysis canary analysis settings
 */
public record EnvironmentConfig(
        String name,
        String region,
        String endpointUrl,
        String cluster,
        String container,
        SlotsConfig slots,
        ListenerConfig listener,
        ListenerConfig testListener,
        HealthConfig health,
        @JsonProperty("smokeChecks") List<SmokeCheckConfig> smokeChecks,
        AnalysisConfig analysis) {

    public EnvironmentConfig {
        health = health == null ? HealthConfig.defaults() : health;
        smokeChecks = smokeChecks == null ? List.of() : List.copyOf(smokeChecks);
        analysis = analysis == null ? AnalysisConfig.defaults() : analysis;
    }
}
