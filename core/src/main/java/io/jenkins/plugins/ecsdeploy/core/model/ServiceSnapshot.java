package io.jenkins.plugins.ecsdeploy.core.model;

/**
 * One slot's ECS service as described by ECS now.
 *
 * @param rolloutState the PRIMARY deployment's rollout state (IN_PROGRESS, COMPLETED, FAILED), or null
 * @param deployments how many deployments the service has (more than one while a rollout is under way)
 */
public record ServiceSnapshot(
        String serviceName,
        String serviceArn,
        String status,
        String deploymentController,
        String taskDefinitionArn,
        int desiredCount,
        int runningCount,
        int pendingCount,
        String rolloutState,
        String rolloutStateReason,
        int deployments) {

    /** The PRIMARY deployment finished and is the only one, with every desired task running. */
    public boolean isSteady() {
        boolean rolledOut = rolloutState == null || "COMPLETED".equals(rolloutState);
        return rolledOut && deployments <= 1 && runningCount == desiredCount && pendingCount == 0;
    }
}
