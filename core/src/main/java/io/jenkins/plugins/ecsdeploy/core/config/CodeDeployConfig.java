package io.jenkins.plugins.ecsdeploy.core.config;

import java.util.List;
import java.util.Map;

/**
 * An environment whose deployments CodeDeploy runs (an ECS service with the CODE_DEPLOY deployment controller). The
 * cluster, service, target group pair, listeners and alarms are read from the deployment group, never repeated here.
 *
 * @param application the CodeDeploy application (compute platform ECS)
 * @param deploymentGroup the deployment group of that application
 * @param deploymentConfig the deployment config to use instead of the group's (e.g.
 *     {@code CodeDeployDefault.ECSCanary10Percent5Minutes}), or null for the group's own
 * @param containerPort the port of the environment's {@code container} that the target groups forward to
 * @param hooks AppSpec hooks: lifecycle event (e.g. {@code BeforeAllowTraffic}) to the Lambda function's name or ARN
 */
public record CodeDeployConfig(String application, String deploymentGroup, String deploymentConfig,
        Integer containerPort, Map<String, String> hooks) {

    /** The lifecycle events of an ECS deployment that AppSpec hooks may name, in the order they run. */
    public static final List<String> HOOK_EVENTS = List.of("BeforeInstall", "AfterInstall", "AfterAllowTestTraffic",
            "BeforeAllowTraffic", "AfterAllowTraffic");

    public CodeDeployConfig {
        hooks = hooks == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hooks));
    }
}
