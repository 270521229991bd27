package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TargetHealthSummary;

/**
 * One slot as AWS describes it now.
 *
 * @param percent the share of production traffic the load balancer sends it
 * @param live whether it receives all production traffic
 * @param url the slot's own base URL (an App Runner service's), or null for slots reached only through the router
 */
public record SlotStatus(
        Slot slot,
        String service,
        String status,
        String taskDefinitionArn,
        int taskDefinitionRevision,
        String image,
        String imageTag,
        int desired,
        int running,
        int pending,
        int deployments,
        String rolloutState,
        TargetHealthSummary health,
        int percent,
        boolean live,
        String url) {
}
