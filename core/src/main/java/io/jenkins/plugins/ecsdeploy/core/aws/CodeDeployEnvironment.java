package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.DeploymentLock;
import io.jenkins.plugins.ecsdeploy.core.engine.port.EnvironmentResolver;
import io.jenkins.plugins.ecsdeploy.core.engine.port.Ports;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;

/**
 * Environments deployed by a CodeDeploy deployment group: CodeDeploy creates the replacement task set and shifts
 * traffic ({@link CodeDeployRollout}); the slots are the group's two target groups, so the production split, its
 * verification, target health, metrics, the lock (a tag on the production listener) and the emergency listener
 * rollback are the ALB environment's own adapters.
 */
final class CodeDeployEnvironment implements EnvironmentKind {

    private final AwsClients clients;
    private final EnvironmentConfig config;
    /** Shared by the preflight and each run's service control: see {@link TaskDefinitionReads}. */
    private final TaskDefinitionReads reads;

    CodeDeployEnvironment(AwsClients clients, EnvironmentConfig config) {
        this.clients = clients;
        this.reads = new TaskDefinitionReads(clients::ecs);
        this.config = config;
    }

    @Override
    public EnvironmentResolver resolver() {
        return new CodeDeployPreflight(clients.codeDeploy(), clients.ecs(), clients.elb(), clients.cloudWatch(),
                reads);
    }

    @Override
    public Ports.Factory ports(AnalysisConfig analysis) {
        return env -> ManagedAlbPorts.bind(clients, env, config.container(), analysis, new CodeDeployRollout(
                clients.codeDeploy(), clients.ecs(), env, config.codeDeploy(), config.container()), reads);
    }

    @Override
    public DeploymentLock lock(ResolvedEnvironment environment) {
        return new ElbTagLock(clients.elb(), environment);
    }
}
