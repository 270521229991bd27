package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.DeploymentLock;
import io.jenkins.plugins.ecsdeploy.core.engine.port.EnvironmentResolver;
import io.jenkins.plugins.ecsdeploy.core.engine.port.Ports;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;

/**
 * Environments deployed by an ECS service's own BLUE_GREEN, CANARY or LINEAR strategy: ECS starts the new revision in
 * the idle target group and shifts the production rule ({@link EcsNativeRollout}); the slots are the service's target
 * group (BLUE) and its alternate (GREEN), so the split, its verification, target health, metrics, the lock (a tag on
 * the production rule) and the emergency rule rollback are the ALB environment's own adapters.
 */
final class EcsNativeEnvironment implements EnvironmentKind {

    private final AwsClients clients;
    private final EnvironmentConfig config;
    /** Shared by the preflight and each run's service control: see {@link TaskDefinitionReads}. */
    private final TaskDefinitionReads reads;

    EcsNativeEnvironment(AwsClients clients, EnvironmentConfig config) {
        this.clients = clients;
        this.reads = new TaskDefinitionReads(clients::ecs);
        this.config = config;
    }

    @Override
    public EnvironmentResolver resolver() {
        return new EcsNativePreflight(clients.ecs(), clients.elb(), clients.cloudWatch(), reads);
    }

    @Override
    public Ports.Factory ports(AnalysisConfig analysis) {
        return env -> ManagedAlbPorts.bind(clients, env, config.container(), analysis, new EcsNativeRollout(
                clients.ecs(), clients.elb(), clients.cloudWatch(), env, config.ecsNative()), reads);
    }

    @Override
    public DeploymentLock lock(ResolvedEnvironment environment) {
        return new ElbTagLock(clients.elb(), environment);
    }
}
