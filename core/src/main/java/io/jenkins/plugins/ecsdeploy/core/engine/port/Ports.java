package io.jenkins.plugins.ecsdeploy.core.engine.port;

import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;

/**
 * Everything the engine asks of the outside world about one resolved environment.
 *
 * @param managed the deployments AWS runs itself for this environment (CodeDeploy, ECS-native blue/green); null
 *     when the engine moves traffic itself (ALB and Route 53 environments)
 */
public record Ports(TrafficRouter router, SlotHealth health, TestTraffic testTraffic, ServiceControl services,
        MetricsSource metrics, DeploymentLock lock, ManagedRollout managed) {

    /** Ports of an environment whose traffic the engine moves itself. */
    public Ports(TrafficRouter router, SlotHealth health, TestTraffic testTraffic, ServiceControl services,
            MetricsSource metrics, DeploymentLock lock) {
        this(router, health, testTraffic, services, metrics, lock, null);
    }

    /** Builds the ports for an environment; the engine calls it once per resolved environment. */
    @FunctionalInterface
    public interface Factory {
        Ports bind(ResolvedEnvironment environment);
    }
}
