package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.DeploymentLock;
import io.jenkins.plugins.ecsdeploy.core.engine.port.EnvironmentResolver;
import io.jenkins.plugins.ecsdeploy.core.engine.port.Ports;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;

/**
 * One way an environment runs on AWS, and the adapters that serve the engine's ports for it: an ALB listener in
 * front of ECS services ({@link AwsEnvironment}), or Route 53 weighted records in front of App Runner services or of
 * two endpoints managed elsewhere ({@link Route53Environment}). The engine and its state machine are the same for
 * every kind; only the adapters differ.
 */
interface EnvironmentKind {

    EnvironmentResolver resolver();

    /**
     * Ports bound to each resolved environment.
     *
     * @param analysis what the engine's metrics read; null for the status reader, which reads the defaults
     */
    Ports.Factory ports(AnalysisConfig analysis);

    /** The environment's deployment lock, for a person to inspect or break it. */
    DeploymentLock lock(ResolvedEnvironment environment);
}
