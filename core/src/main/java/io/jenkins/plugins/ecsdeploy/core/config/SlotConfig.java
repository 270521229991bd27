package io.jenkins.plugins.ecsdeploy.core.config;

/**
 * One slot: its ECS service and the target group that service registers its tasks in.
 *
 * @param service ECS service name or ARN
 * @param targetGroup target group name or ARN
 */
public record SlotConfig(String service, String targetGroup) {
}
