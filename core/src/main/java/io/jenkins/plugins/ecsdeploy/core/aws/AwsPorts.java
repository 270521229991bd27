package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.lock.DeploymentLock;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;

/** Everything the engine asks AWS, bound to one resolved environment. */
public record AwsPorts(TrafficRouter router, ServiceControl services, MetricsSource metrics, DeploymentLock lock) {

    /** Builds the ports for an environment; the engine calls it once per resolved environment. */
    @FunctionalInterface
    public interface Factory {
        AwsPorts bind(ResolvedEnvironment environment);
    }
}
