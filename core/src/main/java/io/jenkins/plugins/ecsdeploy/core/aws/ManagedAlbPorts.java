package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedRollout;
import io.jenkins.plugins.ecsdeploy.core.engine.port.Ports;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;

/**
 * The ports of an environment whose deployments AWS runs between two target groups behind an ALB (CodeDeploy, an
 * ECS-native strategy): the ALB environment's own router, target health, test listener, ECS service control,
 * metrics and lock, with the managed rollout that starts and follows the deployments.
 */
final class ManagedAlbPorts {

    private ManagedAlbPorts() {
    }

    /**
     * @param analysis what the metrics read; null for the status reader, which reads the defaults
     * @param reads the task definitions the environment's preflight read, reused by the service control
     */
    static Ports bind(AwsClients clients, ResolvedEnvironment env, String container, AnalysisConfig analysis,
            ManagedRollout managed, TaskDefinitionReads reads) {
        return new Ports(new ElbTrafficRouter(clients.elb(), env), new ElbSlotHealth(clients.elb(), env),
                new ElbTestTraffic(clients.elb(), env), new EcsServiceControl(clients.ecs(), env, container, reads),
                analysis == null ? new CloudWatchMetrics(clients.cloudWatch(), env)
                        : new CloudWatchMetrics(clients.cloudWatch(), env, analysis),
                new ElbTagLock(clients.elb(), env), managed);
    }
}
