package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.DeploymentLock;
import io.jenkins.plugins.ecsdeploy.core.engine.port.EnvironmentResolver;
import io.jenkins.plugins.ecsdeploy.core.engine.port.MetricsSource;
import io.jenkins.plugins.ecsdeploy.core.engine.port.Ports;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import java.util.function.Function;

/**
 * The AWS side of a deployment engine, wired from one set of clients: the resolver, and the ports bound to each
 * resolved environment. The metrics source is supplied by the caller (normally {@code CloudWatchMetrics}).
 */
public final class AwsEnvironment implements EnvironmentKind {

    private final AwsClients clients;
    private final String containerName;
    /** Shared by the resolver and each run's service control: see {@link TaskDefinitionReads}. */
    private final TaskDefinitionReads reads;

    private AwsEnvironment(AwsClients clients, String containerName) {
        this.clients = clients;
        this.reads = new TaskDefinitionReads(clients::ecs);
        this.containerName = containerName;
    }

    /**
     * @param containerName the container, in the services' task definitions, whose image is deployed
     */
    public static AwsEnvironment connect(AwsClients clients, String containerName) {
        if (clients == null) {
            throw new IllegalArgumentException("AWS clients are not set: create them with AwsClients.create.");
        }
        if (containerName == null || containerName.isBlank()) {
            throw new IllegalArgumentException("container is not set: name the container, in the task definition,"
                    + " whose image is deployed.");
        }
        return new AwsEnvironment(clients, containerName);
    }

    @Override
    public EnvironmentResolver resolver() {
        return new AwsEnvironmentResolver(clients.elb(), clients.ecs(), reads);
    }

    /**
     * Binds the ALB router, target health and test listener, the ECS service control, {@code metrics} and the
     * deployment lock (a tag on the steered listener or rule) to each resolved environment.
     */
    public Ports.Factory portsFactory(Function<ResolvedEnvironment, MetricsSource> metrics) {
        return env -> new Ports(new ElbTrafficRouter(clients.elb(), env), new ElbSlotHealth(clients.elb(), env),
                new ElbTestTraffic(clients.elb(), env),
                new EcsServiceControl(clients.ecs(), env, containerName, reads),
                metrics.apply(env), new ElbTagLock(clients.elb(), env));
    }

    @Override
    public Ports.Factory ports(AnalysisConfig analysis) {
        return portsFactory(env -> analysis == null ? new CloudWatchMetrics(clients.cloudWatch(), env)
                : new CloudWatchMetrics(clients.cloudWatch(), env, analysis));
    }

    @Override
    public DeploymentLock lock(ResolvedEnvironment environment) {
        return new ElbTagLock(clients.elb(), environment);
    }
}
