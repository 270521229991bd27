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
 * @param route53 the weighted records that steer traffic instead of {@code listener}; null for an ALB environment
 * @param codeDeploy the CodeDeploy deployment group that deploys the environment (and from which cluster, service,
 *     target groups and listeners are read); null unless CodeDeploy runs its deployments
 * @param ecsNative the ECS service whose BLUE_GREEN, CANARY or LINEAR strategy deploys the environment (its target
 *     groups and listener rules are read from the service); null unless Amazon ECS runs its deployments
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
        AnalysisConfig analysis,
        Route53Config route53,
        CodeDeployConfig codeDeploy,
        EcsNativeConfig ecsNative) {

    public EnvironmentConfig {
        health = health == null ? HealthConfig.defaults() : health;
        smokeChecks = smokeChecks == null ? List.of() : List.copyOf(smokeChecks);
        analysis = analysis == null ? AnalysisConfig.defaults() : analysis;
    }

    /** An environment steered by an ALB listener. */
    public EnvironmentConfig(String name, String region, String endpointUrl, String cluster, String container,
            SlotsConfig slots, ListenerConfig listener, ListenerConfig testListener, HealthConfig health,
            List<SmokeCheckConfig> smokeChecks, AnalysisConfig analysis) {
        this(name, region, endpointUrl, cluster, container, slots, listener, testListener, health, smokeChecks,
                analysis, null);
    }

    /** An environment steered by an ALB listener or by Route 53 weighted records. */
    public EnvironmentConfig(String name, String region, String endpointUrl, String cluster, String container,
            SlotsConfig slots, ListenerConfig listener, ListenerConfig testListener, HealthConfig health,
            List<SmokeCheckConfig> smokeChecks, AnalysisConfig analysis, Route53Config route53) {
        this(name, region, endpointUrl, cluster, container, slots, listener, testListener, health, smokeChecks,
                analysis, route53, null);
    }

    /** An environment of any kind but the ECS-native one. */
    public EnvironmentConfig(String name, String region, String endpointUrl, String cluster, String container,
            SlotsConfig slots, ListenerConfig listener, ListenerConfig testListener, HealthConfig health,
            List<SmokeCheckConfig> smokeChecks, AnalysisConfig analysis, Route53Config route53,
            CodeDeployConfig codeDeploy) {
        this(name, region, endpointUrl, cluster, container, slots, listener, testListener, health, smokeChecks,
                analysis, route53, codeDeploy, null);
    }

    /**
     * Whether AWS runs the environment's deployments itself (CodeDeploy, an ECS-native strategy), shifting traffic
     * by its own deployment config; the engine starts, follows, approves and stops them.
     */
    public boolean managedByAws() {
        return codeDeploy != null || ecsNative != null;
    }

    /** Who runs the deployments when {@link #managedByAws()}, for messages ("CodeDeploy"); null otherwise. */
    public String managedKind() {
        return codeDeploy != null ? "CodeDeploy" : ecsNative != null ? "Amazon ECS" : null;
    }

    /** Whether Route 53 weighted records steer traffic (else an ALB listener does). */
    public boolean steeredByDns() {
        return route53 != null;
    }

    /** What runs in the slots. */
    public SlotKind slotKind() {
        return slots == null ? SlotKind.ECS : slots.kind();
    }

    /** The same environment with another endpoint override. */
    public EnvironmentConfig withEndpointUrl(String url) {
        return new EnvironmentConfig(name, region, url, cluster, container, slots, listener, testListener, health,
                smokeChecks, analysis, route53, codeDeploy, ecsNative);
    }
}
