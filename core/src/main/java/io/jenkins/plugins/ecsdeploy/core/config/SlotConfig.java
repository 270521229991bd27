package io.jenkins.plugins.ecsdeploy.core.config;

/**
 * One slot: its service and, for ECS, the target group that service registers its tasks in.
 *
 * @param service ECS service name or ARN; for App Runner, the App Runner service's name or ARN; unused for none
 * @param targetGroup target group name or ARN (ECS only)
 * @param healthUrl for slots of kind none, an optional URL that answers 2xx or 3xx while the slot can serve; a slot
 *     without one counts as healthy
 */
public record SlotConfig(String service, String targetGroup, String healthUrl) {

    /** An ECS slot. */
    public SlotConfig(String service, String targetGroup) {
        this(service, targetGroup, null);
    }
}
