package io.jenkins.plugins.ecsdeploy.core.config;

import java.util.List;

/**
 * An environment whose deployments Amazon ECS runs itself: one ECS service (deployment controller ECS) with the
 * BLUE_GREEN, CANARY or LINEAR strategy, its primary and alternate target groups and listener rules in
 * {@code loadBalancers[].advancedConfiguration}. The target groups, rules and alarms are read from the service,
 * never repeated here. The strategy and its settings are the service's own unless set here, in which case they are
 * applied with the deployment's UpdateService (fields left out keep the service's values). The names follow ECS's
 * {@code deploymentConfiguration}.
 *
 * @param service the ECS service's name or ARN, in the environment's {@code cluster}
 * @param strategy BLUE_GREEN, CANARY or LINEAR; null for the service's own
 * @param bakeTimeInMinutes how long ECS keeps the previous revision after all traffic moved; null for the service's
 * @param canaryConfiguration the canary share and how long it is held; CANARY only
 * @param linearConfiguration the size of each step and how long each is held; LINEAR only
 * @param approvalHook the Lambda function (name or ARN) of the service's POST_TEST_TRAFFIC_SHIFT lifecycle hook that
 *     waits for an approval (examples/ecs-native/approval-hook): with it a deploy without promotion stops at the
 *     test-traffic point and a switch approves; null when the service has no approval point
 */
public record EcsNativeConfig(String service, String strategy, Integer bakeTimeInMinutes,
        Canary canaryConfiguration, Linear linearConfiguration, String approvalHook) {

    /** The strategies ECS runs itself (ROLLING is not one of them). */
    public static final List<String> STRATEGIES = List.of("BLUE_GREEN", "CANARY", "LINEAR");

    /** A canary: {@code canaryPercent} of production traffic for {@code canaryBakeTimeInMinutes}, then the rest. */
    public record Canary(Double canaryPercent, Integer canaryBakeTimeInMinutes) {
    }

    /** Linear: {@code stepPercent} more of production traffic every {@code stepBakeTimeInMinutes}. */
    public record Linear(Double stepPercent, Integer stepBakeTimeInMinutes) {
    }

    /** Whether the environment sets any of the service's deployment settings (applied with UpdateService). */
    public boolean setsDeploymentConfiguration() {
        return strategy != null || bakeTimeInMinutes != null || canaryConfiguration != null
                || linearConfiguration != null;
    }
}
