package io.jenkins.plugins.ecsdeploy.core.engine.port;

import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;

/** Everything the engine asks of the outside world about one resolved environment. */
public record Ports(TrafficRouter router, SlotHealth health, TestTraffic testTraffic, ServiceControl services,
        MetricsSource metrics, DeploymentLock lock) {

    /** Builds the ports for an environment; the engine calls it once per resolved environment. */
    @FunctionalInterface
    public interface Factory {
        Ports bind(ResolvedEnvironment environment);
    }
}
